/**
 * `emailOnFailure` / `emailOnRetry`: task callbacks that mail an alert (Airflow's
 * `email_on_failure` / `email_on_retry`) with the DAG, task, run, try, error and a link to the
 * try's log in the dashboard.
 *
 * Callbacks run in a fresh sandbox with the task's job: they read the same connections and
 * permissions as the task, so the task must list the smtp connection in its `connections` (or
 * the DAG's `defaultArgs.connections`).
 *
 * @module
 */

import type { TaskCallback, TaskContext } from "updraft";
import { SmtpHook } from "./hook.ts";
import { addressList } from "./_settings.ts";

/** Options of {@link emailOnFailure} and {@link emailOnRetry}. */
export interface EmailAlertOptions {
  /** Recipients: a list, or one string of addresses separated by commas or semicolons. */
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  /** The smtp connection (default "smtp_default"); the task must list it in `connections`. */
  connId?: string;
  /** The dashboard's address, for the link to the log (default "http://localhost:8080"). */
  baseUrl?: string;
  /** The sender (default: the connection's `extra.from_email`). */
  from?: string;
}

/**
 * A task's `onFailure` callback that mails an alert when a try failed for good.
 *
 * @example
 * ```ts
 * import { dag, task } from "updraft";
 * import { emailOnFailure } from "@updraft/email";
 *
 * export default dag({
 *   id: "rates",
 *   defaultArgs: {
 *     connections: ["smtp_default"],
 *     onFailure: emailOnFailure({ to: "oncall@example.com", baseUrl: "https://updraft.example.com" }),
 *   },
 * }, () => {
 *   task({ id: "load" }, () => { throw new Error("the rates file is empty"); });
 * });
 * ```
 */
export function emailOnFailure(options: EmailAlertOptions): TaskCallback {
  return alert("failed", "emailOnFailure", options);
}

/** A task's `onRetry` callback that mails an alert when a try failed and will be retried. */
export function emailOnRetry(options: EmailAlertOptions): TaskCallback {
  return alert("up_for_retry", "emailOnRetry", options);
}

function alert(state: string, helper: string, options: EmailAlertOptions): TaskCallback {
  if (addressList(options?.to).length === 0) {
    throw new TypeError(`${helper}() needs \`to\`: at least one address to alert`);
  }
  const connId = options.connId ?? "smtp_default";
  const baseUrl = (options.baseUrl ?? "http://localhost:8080").replace(/\/+$/, "");
  return async (ctx: TaskContext, error?: string) => {
    let connection;
    try {
      connection = ctx.connection(connId);
    } catch (cause) {
      throw new Error(
        `${helper}: cannot mail the alert of task "${ctx.taskId}": list "${connId}" in the ` +
          `task's \`connections\` (or the DAG's defaultArgs.connections)`,
        { cause },
      );
    }
    const hook = new SmtpHook(connection, { log: (line) => ctx.log(line) });
    await hook.send({
      to: options.to,
      cc: options.cc,
      bcc: options.bcc,
      from: options.from,
      subject: `Updraft alert: <TaskInstance: ${ctx.dagId}.${ctx.taskId} ${ctx.runId} [${state}]>`,
      html: alertHtml(ctx, error ?? null, logUrl(baseUrl, ctx)),
    }, ctx.signal);
  };
}

/** The task instance page showing the try's log (ui/components/urls.ts builds the same). */
export function logUrl(
  baseUrl: string,
  key: Pick<TaskContext, "dagId" | "runId" | "taskId" | "mapIndex" | "tryNumber">,
): string {
  const search = new URLSearchParams();
  if (key.mapIndex >= 0) search.set("map_index", String(key.mapIndex));
  search.set("try", String(key.tryNumber));
  return `${baseUrl}/dags/${encodeURIComponent(key.dagId)}/runs/${
    encodeURIComponent(key.runId)
  }/tasks/${encodeURIComponent(key.taskId)}?${search}`;
}

function alertHtml(ctx: TaskContext, error: string | null, url: string): string {
  const rows: [string, string][] = [
    ["DAG", ctx.dagId],
    ["Task", ctx.mapIndex >= 0 ? `${ctx.taskId} [${ctx.mapIndex}]` : ctx.taskId],
    ["Run", ctx.runId],
    ["Logical date", ctx.ts],
    ["Try", `${ctx.tryNumber} out of ${ctx.maxTries + 1}`],
  ];
  return [
    ...rows.map(([name, value]) => `${name}: ${escapeHtml(value)}<br>`),
    `Exception:<br><pre>${escapeHtml(error ?? "(no message)")}</pre>`,
    `Log: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a><br>`,
  ].join("\n");
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
