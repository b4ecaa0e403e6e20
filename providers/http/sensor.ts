/**
 * `httpSensor`: poke an HTTP endpoint until it answers as wanted (Airflow's `HttpSensor`).
 *
 * @module
 */

import {
  defineSensor,
  type Duration,
  type SensorOptions,
  type TaskHandle,
  type TaskOptions,
} from "updraft";
import { type HttpData, HttpHook, HttpStatusError } from "./hook.ts";
import { checkFunction, type ResponseCheck } from "./operator.ts";

/** The JSON fields of {@link httpSensor} (`endpoint`, `data`, `headers` templated). */
export interface HttpSensorFields {
  /** The connection (default "http_default"); a literal id, not a template. */
  httpConnId?: string;
  /** The method (default "GET"). */
  method?: string;
  /** Appended to the connection's base URL. */
  endpoint?: string;
  /** GET: query parameters (Airflow's `request_params`); other methods: the body. */
  data?: HttpData;
  /** Headers, over the connection's. */
  headers?: Record<string, string>;
  /**
   * The statuses that mean "there": any other status means "not yet". Without it, a 2xx or 3xx
   * means there (if `responseCheck` agrees), a status in `responseErrorCodesAllowlist` means not
   * yet, and any other error status fails the try (as Airflow).
   */
  expectedStatus?: number | number[];
  /** Error statuses that mean "not yet" when `expectedStatus` is not set (default [404]). */
  responseErrorCodesAllowlist?: number[];
  /** How long one request may take (default: the connection's `extra.timeout`, else none). */
  requestTimeout?: Duration;
  /** Check certificates (default true, or `extra.verify`); a string is a CA bundle path. */
  tlsVerify?: boolean | string;
}

/** Options of {@link httpSensor}: task and sensor options, fields, and `responseCheck`. */
export interface HttpSensorOptions extends TaskOptions, SensorOptions, HttpSensorFields {
  /** Called with each answer that passed the status test; true ends the wait. */
  responseCheck?: ResponseCheck;
}

/**
 * A task that pokes an endpoint every `pokeInterval` until it answers as wanted, failing
 * (without retry) or, with `softFail`, skipping after `timeout`. Takes every sensor option
 * (`mode: "reschedule"` frees the slot between pokes; see the SDK's sensors).
 *
 * @example
 * ```ts
 * import { dag } from "updraft";
 * import { httpSensor } from "@updraft/http";
 *
 * export default dag({ id: "wait_for_api" }, () => {
 *   httpSensor({
 *     id: "api_ready",
 *     httpConnId: "user_api",
 *     endpoint: "health",
 *     responseCheck: (response) => response.json().status === "ok",
 *     pokeInterval: "30s",
 *     timeout: "10m",
 *     mode: "reschedule",
 *   });
 * });
 * ```
 */
export function httpSensor(options: HttpSensorOptions): TaskHandle<undefined> {
  const { responseCheck, ...rest } = options ?? {} as HttpSensorOptions;
  checkFunction(rest.id, "responseCheck", responseCheck);
  const builder = defineSensor({
    name: "HttpSensor",
    templateFields: ["endpoint", "data", "headers"],
    connections: (fields: HttpSensorFields) => [fields.httpConnId ?? "http_default"],
    permissions: (fields) =>
      typeof fields.tlsVerify === "string" ? { read: [fields.tlsVerify] } : {},
    async poke(ctx, fields): Promise<boolean> {
      const hook = new HttpHook(ctx.connection(fields.httpConnId ?? "http_default"), {
        method: fields.method ?? "GET",
        tlsVerify: fields.tlsVerify,
        timeout: fields.requestTimeout,
      });
      const expected = fields.expectedStatus === undefined ? null : [fields.expectedStatus].flat();
      const endpoint = fields.endpoint ?? "";
      ctx.log(`Poking: ${hook.description}, ${endpoint || "/"}`);
      let response;
      try {
        response = await hook.run(endpoint, {
          data: fields.data,
          headers: fields.headers,
          signal: ctx.signal,
          checkResponse: expected === null,
        });
      } catch (error) {
        const allowed = fields.responseErrorCodesAllowlist ?? [404];
        if (error instanceof HttpStatusError && allowed.includes(error.status)) {
          ctx.log(`HTTP ${error.status}: not there yet`);
          return false;
        }
        throw error;
      }
      if (expected !== null && !expected.includes(response.status)) {
        ctx.log(`HTTP ${response.status}, waiting for ${expected.join(" or ")}`);
        return false;
      }
      return responseCheck ? Boolean(await responseCheck(response, ctx)) : true;
    },
  });
  return builder(rest);
}
