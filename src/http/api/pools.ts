/**
 * `/pools`: list, create, read, update and delete pools (fact 157), each with the slots its
 * task instances take now. `default_pool` can be neither deleted nor renamed.
 *
 * @module
 */

import { z } from "zod";
import { DEFAULT_POOL, type Pool } from "../../core/mod.ts";
import { ORDER_FIELDS } from "../../store/mod.ts";
import { orderBy, pageLimit, pageOffset, updateMask } from "./_inputs.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";
import { PoolCollectionSchema, PoolSchema, slotUsage, toPoolDto } from "./_pool_dto.ts";

/** Body fields PATCH may update, with the record field each one sets. */
const UPDATABLE_FIELDS = {
  name: "name",
  slots: "slots",
  description: "description",
  include_deferred: "includeDeferred",
} as const satisfies Record<string, keyof Pool>;

type UpdatableField = keyof typeof UPDATABLE_FIELDS;

const poolFields = {
  name: z.string({ error: "must be a string" })
    .min(1, { error: "must not be empty" })
    .max(256, { error: "must be at most 256 characters" }),
  slots: z.number({ error: "must be an integer" })
    .int({ error: "must be an integer" })
    .min(0, { error: "must not be negative" }),
  description: z.string({ error: "must be a string or null" }).nullable().optional(),
  include_deferred: z.boolean({ error: "must be true or false" }).optional(),
};

/** The body of `POST /pools`. */
const PoolBody = named(
  "PoolBody",
  z.strictObject(poolFields),
  "A pool to create: its name and number of slots.",
);

/** The body of `PATCH /pools/{pool_name}`; `slots` is needed unless `update_mask` leaves it out. */
const PoolPatchBody = named(
  "PoolPatchBody",
  z.strictObject({ ...poolFields, slots: poolFields.slots.optional() }),
  "A pool's new settings; name is required, slots too unless update_mask leaves it out.",
);

const NamePath = z.object({ pool_name: z.string() });

/** Add the pool routes. */
export function addPoolRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;
  const tag = "Pool";
  const withUsage = async (pool: Pool) =>
    toPoolDto(pool, (await slotUsage(store, [pool.name])).get(pool.name));

  router.add({
    method: "get",
    path: "/pools",
    operationId: "get_pools",
    summary: "List pools with the slots in use",
    tag,
    access: { resource: "pools", action: "read" },
    query: z.object({
      limit: pageLimit,
      offset: pageOffset,
      order_by: orderBy(ORDER_FIELDS.pools),
    }),
    response: { status: 200, description: "A page of pools.", schema: PoolCollectionSchema },
    errors: [400],
    async handle({ query }) {
      const page = await store.listPools({
        limit: query.limit,
        offset: query.offset,
        orderBy: query.order_by,
      });
      const usage = await slotUsage(store, page.items.map((pool) => pool.name));
      return json({
        pools: page.items.map((pool) => toPoolDto(pool, usage.get(pool.name))),
        total_entries: page.total,
      });
    },
  });

  router.add({
    method: "post",
    path: "/pools",
    operationId: "post_pool",
    summary: "Create a pool",
    tag,
    access: { resource: "pools", action: "create" },
    body: PoolBody,
    response: { status: 200, description: "The pool as stored.", schema: PoolSchema },
    errors: [400, 409],
    async handle({ body }) {
      if (await store.getPool(body.name) !== null) throw alreadyExists(body.name);
      const pool: Pool = {
        name: body.name,
        slots: body.slots,
        description: body.description ?? null,
        includeDeferred: body.include_deferred ?? false,
      };
      await store.setPool(pool);
      services.wake();
      return json(await withUsage(pool));
    },
  });

  router.add({
    method: "get",
    path: "/pools/{pool_name}",
    operationId: "get_pool",
    summary: "Get a pool with the slots in use",
    tag,
    access: { resource: "pools", action: "read" },
    params: NamePath,
    response: { status: 200, description: "The pool.", schema: PoolSchema },
    errors: [404],
    async handle({ params }) {
      const pool = await store.getPool(params.pool_name);
      if (pool === null) throw notFound(params.pool_name);
      return json(await withUsage(pool));
    },
  });

  router.add({
    method: "patch",
    path: "/pools/{pool_name}",
    operationId: "patch_pool",
    summary: "Update or rename a pool (default_pool keeps its name)",
    tag,
    access: { resource: "pools", action: "edit" },
    params: NamePath,
    query: z.object({ update_mask: updateMask }),
    body: PoolPatchBody,
    response: { status: 200, description: "The pool as stored.", schema: PoolSchema },
    errors: [400, 404, 409],
    async handle({ params, query, body }) {
      const fields = fieldsToUpdate(body, query.update_mask);
      const current = await store.getPool(params.pool_name);
      if (current === null) throw notFound(params.pool_name);
      const updated: Pool = { ...current };
      for (const field of fields) {
        (updated as unknown as Record<string, unknown>)[UPDATABLE_FIELDS[field]] = body[field] ??
          null;
      }
      if (updated.name !== current.name) {
        if (current.name === DEFAULT_POOL) {
          throw new ApiProblem(400, "Default Pool's name can't be modified");
        }
        if (await store.getPool(updated.name) !== null) throw alreadyExists(updated.name);
      }
      await store.setPool(updated);
      // A rename writes the new pool before removing the old, so a failure keeps both.
      if (updated.name !== current.name) await store.deletePool(current.name);
      services.wake();
      return json(await withUsage(updated));
    },
  });

  router.add({
    method: "delete",
    path: "/pools/{pool_name}",
    operationId: "delete_pool",
    summary: "Delete a pool (not default_pool)",
    tag,
    access: { resource: "pools", action: "delete" },
    params: NamePath,
    response: { status: 204, description: "Deleted." },
    errors: [400, 404],
    async handle({ params }) {
      if (params.pool_name === DEFAULT_POOL) {
        throw new ApiProblem(400, "Default Pool can't be deleted");
      }
      if (!(await store.deletePool(params.pool_name))) throw notFound(params.pool_name);
      services.wake();
      return new Response(null, { status: 204 });
    },
  });
}

function notFound(name: string): ApiProblem {
  return new ApiProblem(404, `Pool with name:'${name}' not found`, { title: "Pool not found" });
}

function alreadyExists(name: string): ApiProblem {
  return new ApiProblem(409, `Pool: ${name} already exists`, { title: "Pool already exists" });
}

/**
 * The fields a PATCH writes: those named in `update_mask`, each of which must be updatable and
 * in the body; without a mask, every field the body holds, which must include `slots`.
 */
function fieldsToUpdate(
  body: z.output<typeof PoolPatchBody>,
  mask: string[] | undefined,
): UpdatableField[] {
  const present = (Object.keys(UPDATABLE_FIELDS) as UpdatableField[])
    .filter((field) => body[field] !== undefined);
  if (mask === undefined || mask.length === 0) {
    if (body.slots === undefined) {
      throw new ApiProblem(400, "body 'slots': required unless update_mask leaves it out");
    }
    return present;
  }
  for (const field of mask) {
    if (!Object.hasOwn(UPDATABLE_FIELDS, field)) {
      throw new ApiProblem(
        400,
        `Invalid field: ${field} in update mask (updatable: ${
          Object.keys(UPDATABLE_FIELDS).join(", ")
        })`,
      );
    }
    if (body[field as UpdatableField] === undefined) {
      throw new ApiProblem(400, `body '${field}': named in update_mask but missing`);
    }
  }
  return mask as UpdatableField[];
}
