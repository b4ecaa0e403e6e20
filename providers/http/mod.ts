/**
 * The HTTP provider (`@updraft/http`): `httpOperator` (Airflow's HttpOperator), `httpSensor`
 * (HttpSensor) and `HttpHook` for `task()` functions, all reading an HTTP connection (base URL,
 * basic or bearer authorization, default headers). See `README.md` beside this file.
 *
 * @example
 * ```ts
 * import { chain, dag } from "updraft";
 * import { httpOperator, httpSensor } from "@updraft/http";
 *
 * export default dag({ id: "users", schedule: "@daily", startDate: "2024-01-01" }, () => {
 *   const ready = httpSensor({ id: "api_ready", httpConnId: "user_api", endpoint: "health" });
 *   const user = httpOperator({
 *     id: "get_user",
 *     httpConnId: "user_api",
 *     method: "GET",
 *     endpoint: "users/1",
 *     responseFilter: (response) => response.json(),
 *   });
 *   chain(ready, user);
 * });
 * ```
 *
 * @module
 */

export {
  type HttpData,
  HttpHook,
  type HttpHookOptions,
  type HttpRequestOptions,
  HttpStatusError,
} from "./hook.ts";
export { HttpResponse } from "./response.ts";
export {
  httpOperator,
  type HttpOperatorFields,
  type HttpOperatorOptions,
  type ResponseCheck,
  type ResponseFilter,
} from "./operator.ts";
export { httpSensor, type HttpSensorFields, type HttpSensorOptions } from "./sensor.ts";
export { testConnection } from "./test_connection.ts";

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/http";
