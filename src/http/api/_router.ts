/**
 * Declaring API routes: each route names its method, OpenAPI path, who may call it, and the
 * zod schemas of its path parameters, query and body. The router authenticates, authorizes and
 * validates before the handler runs, turns every error into problem JSON, answers 404/405 for
 * anything else, and keeps the declarations so the OpenAPI document is generated from them.
 *
 * @module
 */

import { type Context, Hono } from "hono";
import { basePath } from "hono/route";
import { z } from "zod";
import type { Clock, User } from "../../core/mod.ts";
import {
  type Action,
  CSRF_HEADER,
  isAllowed,
  type RequestAuthenticator,
  type Resource,
} from "../auth/mod.ts";
import { ApiProblem, errorResponse, problemResponse, type ProblemStatus } from "./_problem.ts";

/** HTTP methods the API uses. */
export type Method = "get" | "post" | "patch" | "delete";

/**
 * Who may call a route: anyone, any authenticated user, or an authenticated user allowed the
 * action on the resource.
 */
export type Access = "public" | "authenticated" | { resource: Resource; action: Action };

/** What a handler receives, validated. */
export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** The authenticated user; null on public routes. */
  user: User | null;
  /** Hono's context, for headers and other response types. */
  context: Context;
}

/** The successful response a route documents. */
export interface RouteResponse {
  status: 200 | 204;
  description: string;
  /** A schema registered with a component id (`named`). */
  schema?: z.ZodType;
  /** Also answers `text/plain` (logs). */
  text?: boolean;
}

/** One API route. */
export interface RouteDefinition<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
> {
  method: Method;
  /** The OpenAPI path, relative to `/api/v1`: `/dags/{dag_id}`. */
  path: string;
  /** Path parameters that may contain `/` (Airflow's `format: path`). */
  greedyParams?: string[];
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  response: RouteResponse;
  /** The error statuses it may answer, for the document (401/403 are added for guarded routes). */
  errors?: ProblemStatus[];
  handle(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Response | Promise<Response>;
}

/** A declared route, as the OpenAPI document reads it. */
// deno-lint-ignore no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any>;

/** Collects routes onto a Hono app. */
export class ApiRouter {
  readonly app: Hono = new Hono();
  readonly routes: AnyRoute[] = [];
  readonly #authenticator: RequestAuthenticator;
  readonly #clock: Clock;
  readonly #patterns: { method: Method; pattern: RegExp }[] = [];

  constructor(authenticator: RequestAuthenticator, clock: Clock) {
    this.#authenticator = authenticator;
    this.#clock = clock;
    this.app.onError((error, context) =>
      errorResponse(error, { method: context.req.method, path: context.req.path })
    );
  }

  /** Declare a route. */
  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(
    route: RouteDefinition<P, Q, B>,
  ): void {
    this.routes.push(route as AnyRoute);
    const greedy = new Set(route.greedyParams ?? []);
    const honoPath = route.path.replace(
      /\{(\w+)\}/g,
      (_, name: string) => greedy.has(name) ? `:${name}{.+}` : `:${name}`,
    );
    const pattern = route.path.replace(
      /\{(\w+)\}/g,
      (_, name: string) => greedy.has(name) ? ".+" : "[^/]+",
    );
    this.#patterns.push({ method: route.method, pattern: new RegExp(`^${pattern}/?$`) });
    this.app.on(route.method.toUpperCase(), honoPath, async (context) => {
      try {
        const user = await this.#admit(route.access, context);
        const params = parse(route.params, context.req.param(), "path parameter");
        const query = parse(route.query, rawQuery(route.query, context), "query parameter");
        const body =
          (route.body ? parse(route.body, await readBody(context), "body") : undefined) as z.output<
            B
          >;
        return await route.handle({ params, query, body, user, context });
      } catch (error) {
        return errorResponse(error, { method: context.req.method, path: context.req.path });
      }
    });
  }

  /** Answer everything else: 405 when the path exists with other methods, else 404. */
  finish(): void {
    this.app.all("*", (context) => {
      const mount = basePath(context);
      const path = context.req.path.slice(mount === "/" ? 0 : mount.length) || "/";
      const methods = this.#patterns.filter((entry) => entry.pattern.test(path))
        .map((entry) => entry.method.toUpperCase());
      if (methods.length > 0) {
        return problemResponse(
          405,
          `${context.req.method} is not allowed on ${context.req.path}; allowed: ${
            methods.join(", ")
          }`,
          { headers: { allow: methods.join(", ") } },
        );
      }
      return problemResponse(404, `no API endpoint at ${context.req.method} ${context.req.path}`);
    });
  }

  async #admit(access: Access, context: Context): Promise<User | null> {
    if (access === "public") return null;
    const header = context.req.header("authorization");
    const authenticated = await this.#authenticator.authenticate(
      { authorization: header, cookie: context.req.header("cookie") },
      this.#clock.now(),
    );
    if (authenticated === null) {
      throw new ApiProblem(
        401,
        header
          ? "the credentials in the Authorization header are wrong or expired"
          : "this endpoint needs HTTP basic authentication (an Authorization: Basic header), " +
            "a bearer token, or a dashboard session",
        { headers: { "www-authenticate": `Basic realm="${this.#authenticator.basic.realm}"` } },
      );
    }
    const { user, via, claims } = authenticated;
    // A browser sends its session cookie by itself, so changes made with it must prove they come
    // from our own pages (the CSRF token); basic and bearer credentials are never sent unasked.
    if (via === "session" && claims && !["GET", "HEAD", "OPTIONS"].includes(context.req.method)) {
      const valid = await this.#authenticator.tokens.checkCsrf(
        claims.sessionId,
        context.req.header(CSRF_HEADER),
      );
      if (!valid) {
        throw new ApiProblem(
          403,
          `a change made with a dashboard session needs the session's CSRF token in the ${CSRF_HEADER} header`,
        );
      }
    }
    if (access !== "authenticated" && !isAllowed(user.role, access)) {
      throw new ApiProblem(
        403,
        `user '${user.username}' (role ${user.role}) may not ${access.action} ${
          access.resource.replaceAll("_", " ")
        }`,
      );
    }
    return user;
  }
}

/** Validate `value` with `schema`; a failure is a 400 naming each bad field. */
function parse<S extends z.ZodType>(
  schema: S | undefined,
  value: unknown,
  where: string,
): z.output<S> {
  if (schema === undefined) return {} as z.output<S>;
  if (where === "body" && value === undefined) {
    throw new ApiProblem(400, "this request needs a JSON object as its body");
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiProblem(400, describeIssues(result.error, where));
}

/** `query parameter 'limit': must not be negative; body 'conf': …` */
export function describeIssues(error: z.ZodError, where: string): string {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? ` '${issue.path.join(".")}'` : "";
    const message = issue.code === "unrecognized_keys"
      ? `unknown field(s) ${issue.keys.map((key) => `'${key}'`).join(", ")}`
      : issue.message;
    return `${where}${field}: ${message}`;
  }).join("; ");
}

/** The query values a schema asks for: arrays from repeated parameters, others as one string. */
function rawQuery(schema: z.ZodType | undefined, context: Context): Record<string, unknown> {
  if (!(schema instanceof z.ZodObject)) return {};
  const raw: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    raw[name] = isArraySchema(field) ? context.req.queries(name) : context.req.query(name);
  }
  return raw;
}

/** Whether a schema is an array, under optional/default/nullable/transform wrappers. */
export function isArraySchema(schema: z.ZodType): boolean {
  // deno-lint-ignore no-explicit-any
  let current: any = schema;
  for (let depth = 0; depth < 10; depth++) {
    const def = current._zod.def;
    if (def.type === "array") return true;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable") {
      current = def.innerType;
    } else if (def.type === "pipe") {
      current = def.in;
    } else {
      return false;
    }
  }
  return false;
}

async function readBody(context: Context): Promise<unknown> {
  const text = await context.req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ApiProblem(
      400,
      `the request body is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
}

/** A JSON response. */
export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}
