/**
 * `SmtpHook`: sends mail through an `smtp` connection with nodemailer (imported when the first
 * message is sent, so loading the provider stays cheap).
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { addressList, type SmtpSettings, smtpSettings } from "./_settings.ts";

/** A file attached to a message. */
export interface EmailAttachment {
  filename: string;
  content: Uint8Array | string;
  /** Guessed from the file name when not given. */
  contentType?: string;
}

/** One message. */
export interface EmailMessage {
  /** Recipients: a list, or one string of addresses separated by commas or semicolons. */
  to: string | string[];
  cc?: string | string[];
  bcc?: string | string[];
  subject: string;
  /** The HTML body. */
  html?: string;
  /** A plain text body (alone, or as the alternative to `html`). */
  text?: string;
  /** The sender (default: the connection's `extra.from_email`, else a login that is an address). */
  from?: string;
  attachments?: EmailAttachment[];
  /** Further headers (Airflow's `custom_headers`). */
  headers?: Record<string, string>;
}

/** What the server accepted. */
export interface SentEmail {
  messageId: string;
  accepted: string[];
  rejected: string[];
}

/** Options of {@link SmtpHook}. */
export interface SmtpHookOptions {
  /** Where the hook writes what it sends (e.g. `ctx.log`). */
  log?: (line: string) => void;
}

/**
 * Sends mail through an `smtp` connection (Airflow's `SmtpHook`).
 *
 * @example
 * ```ts
 * import { task } from "updraft";
 * import { SmtpHook } from "@updraft/email";
 *
 * task({ id: "notify", connections: ["smtp_default"] }, async (ctx) => {
 *   await new SmtpHook(ctx.connection("smtp_default")).send({
 *     to: "team@example.com",
 *     subject: `Loaded ${ctx.ds}`,
 *     html: "<p>All rows are in.</p>",
 *   }, ctx.signal);
 * });
 * ```
 */
export class SmtpHook {
  /** The connection the hook sends through. */
  readonly connection: TaskConnection;
  readonly #settings: SmtpSettings;
  readonly #options: SmtpHookOptions;

  /** @param connection From `ctx.connection(id)`. */
  constructor(connection: TaskConnection, options: SmtpHookOptions = {}) {
    this.connection = connection;
    this.#settings = smtpSettings(connection);
    this.#options = options;
  }

  /** `connection "<id>" (smtp at <host>:<port>)`, the way messages name the connection. */
  get description(): string {
    const { host, port } = this.#settings;
    return `connection "${this.connection.connId}" (${this.connection.connType} at ${host}:${port})`;
  }

  /**
   * Send one message. Throws an Error naming the connection, its host and port and what failed
   * (no sender, no recipient, could not connect, login refused, recipients refused, timeout).
   */
  async send(message: EmailMessage, signal?: AbortSignal): Promise<SentEmail> {
    const settings = this.#settings;
    const to = addressList(message.to);
    const cc = addressList(message.cc);
    const bcc = addressList(message.bcc);
    const subject = message.subject ?? "";
    const what = `sending "${subject}"`;
    if (to.length + cc.length + bcc.length === 0) {
      throw new Error(`${this.description}: ${what}: no recipient (to, cc and bcc are empty)`);
    }
    const from = message.from || settings.fromEmail;
    if (!from) {
      throw new Error(
        `${this.description}: ${what}: no sender; set \`from\` or the connection's extra ` +
          '"from_email"',
      );
    }
    const [transport, { Buffer }] = await Promise.all([
      this.#transport(),
      import("node:buffer"),
    ]);
    const abort = () => transport.close();
    signal?.addEventListener("abort", abort, { once: true });
    this.#options.log?.(
      `Sending "${subject}" from ${from} to ${
        [...to, ...cc, ...bcc].join(", ")
      } (${this.description})`,
    );
    try {
      const info = await transport.sendMail({
        from,
        to,
        cc,
        bcc,
        subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
        attachments: (message.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          content: typeof attachment.content === "string"
            ? attachment.content
            : Buffer.from(attachment.content),
          contentType: attachment.contentType,
        })),
      });
      return {
        messageId: String(info.messageId ?? ""),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    } catch (error) {
      if (signal?.aborted) throw new Error(`${this.description}: ${what} was cancelled`);
      throw new Error(`${this.description}: ${what} failed: ${this.#failure(error)}`);
    } finally {
      signal?.removeEventListener("abort", abort);
      transport.close();
    }
  }

  /**
   * Connect, say EHLO, start TLS if set up so, and log in, without sending anything (Airflow's
   * `test_connection`). Throws like {@link send}.
   */
  async verify(): Promise<void> {
    const transport = await this.#transport();
    try {
      await transport.verify();
    } catch (error) {
      throw new Error(`${this.description}: connecting failed: ${this.#failure(error)}`);
    } finally {
      transport.close();
    }
  }

  async #transport() {
    const settings = this.#settings;
    const [{ default: nodemailer }, net] = await Promise.all([
      import("nodemailer"),
      import("node:net"),
    ]);
    return nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.ssl,
      requireTLS: settings.starttls === "require",
      ignoreTLS: settings.starttls === "never",
      name: settings.ehloName,
      auth: settings.login === null
        ? undefined
        : { user: settings.login, pass: this.connection.password ?? "" },
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      tls: { rejectUnauthorized: settings.verifyCertificates },
      // nodemailer resolves host names itself (node:dns), which a sandbox may not do: only
      // connecting to the granted host:port is allowed. So the socket is opened here, by name.
      getSocket: (_options, callback) => {
        const socket = net.connect({ host: settings.host, port: settings.port });
        let answered = false;
        const answer = (error: Error | null) => {
          if (answered) return;
          answered = true;
          socket.setTimeout(0);
          if (error) {
            socket.destroy();
            callback(Object.assign(new Error(error.message), { code: "ECONNECTION" }), false);
          } else callback(null, { connection: socket });
        };
        socket.setTimeout(settings.timeoutMs, () => {
          answer(new Error(`no connection after ${settings.timeoutMs / 1000} s`));
        });
        socket.once("connect", () => answer(null));
        socket.once("error", (error) => answer(error));
      },
    });
  }

  /** What nodemailer's error means, without anything secret (its messages carry none). */
  #failure(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    const code = (error as { code?: unknown }).code;
    const message = error.message.replace(/\s+/g, " ").trim();
    if (code === "EAUTH") {
      return `login as "${this.#settings.login}" was refused (${message})`;
    }
    if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS") {
      return `could not connect (${message})${permissionHint(message)}`;
    }
    if (code === "ETIMEDOUT") return `the server did not answer in time (${message})`;
    if (code === "EENVELOPE") return `the server refused the sender or recipients (${message})`;
    if (code === "ETLS") return `TLS failed (${message})`;
    return `${message}${permissionHint(message)}`;
  }
}

function permissionHint(message: string): string {
  return /Requires net access|NotCapable/.test(message)
    ? " (a task reaches only its connections' host:port and its permissions.net; give the " +
      "connection its port)"
    : "";
}
