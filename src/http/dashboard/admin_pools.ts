/**
 * `/admin/pools`: the pools with the slots their task instances take now (counted in one store
 * query for all pools), add, edit slots and description, delete (never `default_pool`).
 * Viewers read; Ops and Admins change.
 *
 * @module
 */

import { h } from "preact";
import { DEFAULT_POOL, type Pool, type PoolSlotCounts, poolUsage } from "../../core/mod.ts";
import { poolSlotUsage } from "../api/mod.ts";
import type { Store } from "../../store/mod.ts";
import { PoolFormPage, type PoolRow, PoolsPage } from "../../../ui/admin/mod.ts";
import { type DashboardRequest, type DashboardRouter, PageError } from "./_page_router.ts";
import {
  changed,
  type FieldErrors,
  optional,
  refusalText,
  refusedForm,
  ticked,
  trimmed,
} from "./_admin_forms.ts";

const LIST = "/admin/pools";
/** Airflow's limit on pool names. */
const NAME_LENGTH = 256;
/** Records read per store call while listing pools or counting slots. */
const BATCH = 5_000;

/** Add the pool pages and actions. */
export function addPoolRoutes(router: DashboardRouter): void {
  const { store } = router.services;
  const access = (action: "read" | "create" | "edit" | "delete") =>
    ({ resource: "pools", action }) as const;

  router.page(LIST, access("read"), async () => {
    const pools = await allPools(store);
    const usage = await poolSlotUsage(store, pools.map((pool) => pool.name));
    return {
      title: "Pools",
      body: h(PoolsPage, { rows: pools.map((pool) => toRow(pool, usage)) }),
    };
  });

  router.page(`${LIST}/new`, access("create"), () =>
    Promise.resolve({
      title: "Add a pool",
      body: h(PoolFormPage, {
        mode: "create",
        state: { values: { slots: "128" }, errors: {} },
      }),
    }));

  router.page(`${LIST}/edit`, access("edit"), async ({ query }) => {
    const pool = await existing(store, query.get("name") ?? "");
    const values = {
      name: pool.name,
      slots: String(pool.slots),
      description: pool.description ?? "",
      include_deferred: pool.includeDeferred ? "on" : "",
    };
    return {
      title: `Edit pool ${pool.name}`,
      body: h(PoolFormPage, { mode: "edit", state: { values, errors: {} } }),
    };
  });

  router.action(`${LIST}/new`, access("create"), async (request) => {
    const name = trimmed(request.form, "name");
    const errors = checkFields(name, request.form);
    if (!errors.name && await store.getPool(name) !== null) {
      errors.name = "a pool with this name already exists; edit it instead";
    }
    if (Object.keys(errors).length > 0) return refuse(router, request, "create", name, errors);
    await store.setPool(fromForm(name, request.form));
    changed(router, { wake: true });
    return { redirect: LIST, notice: { kind: "success", text: `Pool ${name} added.` } };
  });

  router.action(`${LIST}/edit`, access("edit"), async (request) => {
    const current = await existing(store, request.query.get("name") ?? "");
    const errors = checkFields(current.name, request.form);
    if (Object.keys(errors).length > 0) {
      return refuse(router, request, "edit", current.name, errors);
    }
    await store.setPool(fromForm(current.name, request.form));
    changed(router, { wake: true });
    return { redirect: LIST, notice: { kind: "success", text: `Pool ${current.name} saved.` } };
  });

  router.action(`${LIST}/delete`, access("delete"), async ({ form }) => {
    const name = form.name ?? "";
    if (name === DEFAULT_POOL) {
      return {
        redirect: LIST,
        notice: {
          kind: "error",
          text: `Deleting pool ${DEFAULT_POOL} refused: the default pool cannot be deleted.`,
        },
      };
    }
    if (!(await store.deletePool(name))) {
      return {
        redirect: LIST,
        notice: { kind: "error", text: `Deleting pool ${name} failed: there is no such pool.` },
      };
    }
    changed(router, { wake: true });
    return { redirect: LIST, notice: { kind: "success", text: `Pool ${name} deleted.` } };
  });
}

async function allPools(store: Store): Promise<Pool[]> {
  const pools: Pool[] = [];
  for (let offset = 0;; offset += BATCH) {
    const page = await store.listPools({ limit: BATCH, offset });
    pools.push(...page.items);
    if (page.items.length < BATCH) return pools;
  }
}

function toRow(pool: Pool, counts: Map<string, PoolSlotCounts>): PoolRow {
  const { running, queued, deferred, open } = poolUsage(pool, counts.get(pool.name));
  return {
    name: pool.name,
    slots: pool.slots,
    running,
    queued,
    deferred,
    open,
    includeDeferred: pool.includeDeferred,
    description: pool.description,
    isDefault: pool.name === DEFAULT_POOL,
  };
}

async function existing(store: Store, name: string): Promise<Pool> {
  const pool = name === "" ? null : await store.getPool(name);
  if (pool === null) throw new PageError(404, `There is no pool named "${name}".`);
  return pool;
}

function checkFields(name: string, form: Record<string, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (name === "") errors.name = "must not be empty";
  else if (name.length > NAME_LENGTH) errors.name = `must be at most ${NAME_LENGTH} characters`;
  const slots = trimmed(form, "slots");
  if (!/^\d+$/.test(slots) || !Number.isSafeInteger(Number(slots))) {
    errors.slots = `must be a whole number of 0 or more, got "${slots}"`;
  }
  return errors;
}

function fromForm(name: string, form: Record<string, string>): Pool {
  return {
    name,
    slots: Number(trimmed(form, "slots")),
    description: optional(form, "description"),
    includeDeferred: ticked(form, "include_deferred"),
  };
}

function refuse(
  router: DashboardRouter,
  request: DashboardRequest,
  mode: "create" | "edit",
  name: string,
  errors: FieldErrors,
): Response {
  const { form } = request;
  const values = {
    name: mode === "edit" ? name : form.name ?? "",
    slots: form.slots ?? "",
    description: form.description ?? "",
    include_deferred: ticked(form, "include_deferred") ? "on" : "",
  };
  return refusedForm(router, request, {
    title: mode === "edit" ? `Edit pool ${name}` : "Add a pool",
    body: h(PoolFormPage, { mode, state: { values, errors } }),
    notice: refusalText(mode === "edit" ? `Saving pool ${name}` : "Adding a pool", errors),
  });
}
