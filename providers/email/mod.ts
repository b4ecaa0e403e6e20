/**
 * The email provider (`@updraft/email`): the `email` operator (Airflow's EmailOperator), the
 * `emailOnFailure` / `emailOnRetry` task callbacks, and `SmtpHook` for `task()` functions, all
 * sending through an `smtp` connection with nodemailer. See `README.md` beside this file.
 *
 * @example
 * ```ts
 * import { dag, task } from "updraft";
 * import { email, emailOnFailure } from "@updraft/email";
 *
 * export default dag({
 *   id: "daily_report",
 *   defaultArgs: {
 *     connections: ["smtp_default"],
 *     onFailure: emailOnFailure({ to: "oncall@example.com" }),
 *   },
 * }, () => {
 *   email({ id: "send", to: "team@example.com", subject: "{{ ds }}", htmlContent: "<p>Done</p>" });
 * });
 * ```
 *
 * @module
 */

export { type EmailAlertOptions, emailOnFailure, emailOnRetry } from "./alerts.ts";
export {
  type EmailAttachment,
  type EmailMessage,
  type SentEmail,
  SmtpHook,
  type SmtpHookOptions,
} from "./hook.ts";
export { email, type EmailFields } from "./operator.ts";
export { testConnection } from "./test_connection.ts";

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/email";
