/**
 * `httpOperator`: one request to an HTTP connection's API (Airflow's `HttpOperator`); the
 * response text, or what `responseFilter` makes of it, becomes the task's XCom.
 *
 * `responseCheck` and `responseFilter` are functions, which cannot travel as JSON fields. The
 * builder keeps them out of the fields and closes over them in the operator's `execute`: a
 * sandbox evaluates the DAG file again before running the task, so the same closures exist
 * there.
 *
 * @module
 */

import {
  defineOperator,
  DefinitionError,
  type Duration,
  type TaskContext,
  type TaskHandle,
  type TaskOptions,
} from "updraft";
import { type HttpData, HttpHook } from "./hook.ts";
import type { HttpResponse } from "./response.ts";

/** Decides whether a response is good; false fails the try (retries apply). */
export type ResponseCheck = (
  response: HttpResponse,
  ctx: TaskContext,
) => boolean | Promise<boolean>;

/** Turns a response into the task's XCom (must be JSON). */
export type ResponseFilter<Result> = (
  response: HttpResponse,
  ctx: TaskContext,
) => Result | Promise<Result>;

/** The JSON fields of {@link httpOperator} (`endpoint`, `data`, `json`, `headers` templated). */
export interface HttpOperatorFields {
  /** The connection (default "http_default"); a literal id, not a template. */
  httpConnId?: string;
  /** The method (default "POST", as Airflow's HttpOperator). */
  method?: string;
  /** Appended to the connection's base URL. */
  endpoint?: string;
  /** GET: query parameters; other methods: the body (an object is form encoded). */
  data?: HttpData;
  /** A body sent as JSON. */
  json?: unknown;
  /** Headers, over the connection's `extra` headers and authorization. */
  headers?: Record<string, string>;
  /** Write the response body to the task's log (default false). */
  logResponse?: boolean;
  /** Check certificates (default true, or the connection's `extra.verify`); a string is a CA bundle path. */
  tlsVerify?: boolean | string;
  /** How long the request may take (default: the connection's `extra.timeout` seconds, else none). */
  timeout?: Duration;
  /** Fail on a 4xx or 5xx status (default true). */
  checkResponse?: boolean;
}

/** Options of {@link httpOperator}: task options, fields, and the two functions. */
export interface HttpOperatorOptions<Result> extends TaskOptions, HttpOperatorFields {
  /** Called with the response; returning false fails the try. */
  responseCheck?: ResponseCheck;
  /** Called with the response; its result becomes the XCom instead of the response text. */
  responseFilter?: ResponseFilter<Result>;
}

/** The fields rendered as templates before the request is sent. */
export const HTTP_TEMPLATE_FIELDS = ["endpoint", "data", "json", "headers"] as const;

/**
 * A task that sends one request to an HTTP connection (Airflow's `HttpOperator`). The response
 * text (or `responseFilter`'s result) becomes its `return_value` XCom.
 *
 * @example
 * ```ts
 * import { dag } from "updraft";
 * import { httpOperator } from "@updraft/http";
 *
 * export default dag({ id: "users" }, () => {
 *   httpOperator({
 *     id: "get_user",
 *     httpConnId: "user_api",
 *     method: "GET",
 *     endpoint: "api/users/{{ params.user_id }}",
 *     responseCheck: (response) => response.json().active === true,
 *     responseFilter: (response) => response.json().name as string,
 *   });
 * });
 * ```
 */
export function httpOperator<Result = string>(
  options: HttpOperatorOptions<Result>,
): TaskHandle<Awaited<Result>> {
  const { responseCheck, responseFilter, ...rest } = options ?? {} as HttpOperatorOptions<Result>;
  checkFunction(rest.id, "responseCheck", responseCheck);
  checkFunction(rest.id, "responseFilter", responseFilter);
  const builder = defineOperator({
    name: "HttpOperator",
    templateFields: HTTP_TEMPLATE_FIELDS,
    connections: (fields: HttpOperatorFields) => [fields.httpConnId ?? "http_default"],
    permissions: (fields) =>
      typeof fields.tlsVerify === "string" ? { read: [fields.tlsVerify] } : {},
    async execute(ctx, fields): Promise<unknown> {
      const hook = new HttpHook(ctx.connection(fields.httpConnId ?? "http_default"), {
        tlsVerify: fields.tlsVerify,
        timeout: fields.timeout,
        log: (line) => ctx.log(line),
      });
      const method = (fields.method ?? "POST").toUpperCase();
      const response = await hook.run(fields.endpoint ?? "", {
        method,
        data: fields.data,
        json: fields.json,
        headers: fields.headers,
        signal: ctx.signal,
        checkResponse: fields.checkResponse,
      });
      ctx.log(`${hook.description}: ${method} answered HTTP ${response.status}`);
      if (fields.logResponse) ctx.log(response.text());
      if (responseCheck && !(await responseCheck(response, ctx))) {
        throw new Error(
          `${hook.description}: the response check of ${method} ${
            new URL(response.url || hook.url(fields.endpoint)).pathname
          } returned false (HTTP ${response.status})`,
        );
      }
      return responseFilter ? await responseFilter(response, ctx) : response.text();
    },
  });
  return builder(rest) as TaskHandle<Awaited<Result>>;
}

/** Refuse a function option that is not a function, naming the task and the option. */
export function checkFunction(taskId: unknown, field: string, value: unknown): void {
  if (value === undefined || typeof value === "function") return;
  throw new DefinitionError(
    `task ${
      JSON.stringify(taskId)
    }, ${field}: must be a function (response, ctx) => …, got ${typeof value}`,
    { taskId: typeof taskId === "string" ? taskId : undefined, field },
  );
}
