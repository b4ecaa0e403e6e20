/**
 * `email`: send one message through an `smtp` connection (Airflow's `EmailOperator`).
 *
 * @module
 */

import { defineOperator, type OperatorBuilder } from "updraft";
import { type EmailAttachment, SmtpHook } from "./hook.ts";

/** The fields of {@link email}; all but `connId` are templated. */
export interface EmailFields {
  /** Recipients: a list, or one string of addresses separated by commas or semicolons. */
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject: string;
  /** The HTML body (Airflow's `html_content`). */
  htmlContent: string;
  /**
   * Files to attach, by path. The task must be allowed to read them: list them (or their
   * folder) in its `permissions.read`.
   */
  files?: string[];
  /** The sender (default: the connection's `extra.from_email`). */
  from?: string;
  /** Further headers (Airflow's `custom_headers`). */
  customHeaders?: Record<string, string>;
  /** The smtp connection (default "smtp_default"); a literal id, not a template. */
  connId?: string;
}

/**
 * A task that sends one email (Airflow's `EmailOperator`).
 *
 * @example
 * ```ts
 * import { dag } from "updraft";
 * import { email } from "@updraft/email";
 *
 * export default dag({ id: "report", schedule: "@daily", startDate: "2024-01-01" }, () => {
 *   email({
 *     id: "send_report",
 *     to: ["team@example.com"],
 *     subject: "Report for {{ ds }}",
 *     htmlContent: "<h1>Report</h1><p>Run {{ run_id }}</p>",
 *     files: ["/data/reports/{{ ds }}.csv"],
 *     permissions: { read: ["/data/reports"] },
 *   });
 * });
 * ```
 */
export const email: OperatorBuilder<EmailFields, null> = defineOperator({
  name: "EmailOperator",
  templateFields: ["to", "cc", "bcc", "subject", "htmlContent", "files", "from", "customHeaders"],
  connections: (fields: EmailFields) => [fields.connId ?? "smtp_default"],
  async execute(ctx, fields): Promise<null> {
    const hook = new SmtpHook(ctx.connection(fields.connId ?? "smtp_default"), {
      log: (line) => ctx.log(line),
    });
    const attachments = await Promise.all((fields.files ?? []).map(readAttachment));
    const sent = await hook.send({
      to: fields.to,
      cc: fields.cc,
      bcc: fields.bcc,
      subject: fields.subject,
      html: fields.htmlContent,
      from: fields.from,
      headers: fields.customHeaders,
      attachments,
    }, ctx.signal);
    ctx.log(`Sent message ${sent.messageId} to ${sent.accepted.join(", ")}`);
    if (sent.rejected.length > 0) ctx.log(`The server refused: ${sent.rejected.join(", ")}`);
    return null;
  },
});

/** Read one attachment; a path the task may not read says how to allow it. */
async function readAttachment(path: string): Promise<EmailAttachment> {
  try {
    return { filename: path.split(/[\\/]/).pop() || path, content: await Deno.readFile(path) };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`cannot attach "${path}": no such file`);
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new Error(
        `cannot attach "${path}": the task may not read it; add the file (or its folder) to ` +
          "the task's permissions.read",
      );
    }
    throw new Error(`cannot attach "${path}": ${(error as Error).message}`);
  }
}
