/**
 * A throwaway SMTP server for tests: `smtp-server` (npm) on a free port of 127.0.0.1, plain
 * SMTP (or STARTTLS, or TLS from the first byte, with a given certificate), with optional login
 * checking, keeping every message it received with its
 * envelope, parsed enough to assert on (headers, HTML and text bodies, attachments).
 *
 * @module
 */

// @ts-types="@types/smtp-server"
import { SMTPServer } from "smtp-server";

/** An attachment of a received message. */
export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** A message the server received. */
export interface ReceivedMail {
  /** The envelope sender (MAIL FROM). */
  from: string;
  /** The envelope recipients (RCPT TO), bcc included. */
  recipients: string[];
  /** Who logged in, if anyone. */
  user: string | null;
  /** Whether the session was encrypted (STARTTLS or SMTPS). */
  secure: boolean;
  /** Top-level headers, names in lower case. */
  headers: Record<string, string>;
  subject: string;
  html: string | null;
  text: string | null;
  attachments: ReceivedAttachment[];
  raw: string;
}

/** Options of {@link startSmtpServer}. */
export interface SmtpServerOptions {
  /** The credentials the server accepts; without them, no login is needed. */
  login?: string;
  password?: string;
  /** A certificate and key (PEM): STARTTLS is offered, or with `secure` TLS starts at once. */
  tls?: { cert: string; key: string };
  /** TLS from the first byte (SMTPS). */
  secure?: boolean;
}

/** A running test server. */
export interface TestSmtpServer {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves once `count` messages arrived; rejects after `timeoutMs` (default 20 s). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  stop(): Promise<void>;
}

/** Start the server. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const waiters: (() => void)[] = [];
  const requireLogin = options.login !== undefined;
  const disabled = options.tls ? [] : ["STARTTLS"];
  const server = new SMTPServer({
    logger: false,
    secure: options.secure === true,
    ...(options.tls ?? {}),
    disabledCommands: requireLogin ? disabled : [...disabled, "AUTH"],
    authOptional: !requireLogin,
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.login && auth.password === options.password) {
        return callback(null, { user: auth.username });
      }
      callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      const chunks: Uint8Array[] = [];
      stream.on("data", (chunk: Uint8Array) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = new TextDecoder().decode(concat(chunks));
        const sender = session.envelope.mailFrom;
        messages.push({
          ...parseMessage(raw),
          from: sender ? sender.address : "",
          recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
          user: typeof session.user === "string" ? session.user : null,
          secure: session.secure === true,
          raw,
        });
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      resolve((server.server.address() as { port: number }).port);
    });
  });
  return {
    host: "127.0.0.1",
    port,
    messages,
    async waitForMessages(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) {
          throw new Error(`the SMTP server got ${messages.length} of ${count} messages`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 200);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return messages.slice(0, count);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Parsed = Pick<ReceivedMail, "headers" | "subject" | "html" | "text" | "attachments">;

/** Enough MIME for the tests: nested multiparts, base64 and quoted-printable, encoded words. */
function parseMessage(raw: string): Parsed {
  const parsed: Parsed = { headers: {}, subject: "", html: null, text: null, attachments: [] };
  const { headers } = walk(raw, parsed);
  parsed.headers = headers;
  parsed.subject = decodeWords(headers.subject ?? "");
  return parsed;
}

function walk(part: string, into: Parsed): { headers: Record<string, string> } {
  const split = part.search(/\r?\n\r?\n/);
  const head = split < 0 ? part : part.slice(0, split);
  const body = split < 0 ? "" : part.slice(split).replace(/^\r?\n\r?\n/, "");
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) {
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith("multipart/") && boundary) {
    const pieces = body.split(`--${boundary}`).slice(1);
    for (const piece of pieces) {
      if (piece.startsWith("--")) break;
      walk(piece.replace(/^\r?\n/, "").replace(/\r?\n$/, ""), into);
    }
    return { headers };
  }
  const content = decodeBody(body, headers["content-transfer-encoding"] ?? "7bit");
  const disposition = headers["content-disposition"] ?? "";
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  if (filename || disposition.toLowerCase().startsWith("attachment")) {
    into.attachments.push({
      filename: decodeWords(filename ?? ""),
      contentType: type.split(";")[0].trim(),
      content,
    });
  } else if (type.toLowerCase().startsWith("text/html")) {
    into.html = new TextDecoder().decode(content);
  } else if (type.toLowerCase().startsWith("text/plain")) {
    into.text = new TextDecoder().decode(content);
  }
  return { headers };
}

function decodeBody(body: string, encoding: string): Uint8Array {
  const kind = encoding.toLowerCase();
  if (kind === "base64") {
    return Uint8Array.from(atob(body.replace(/\s+/g, "")), (char) => char.charCodeAt(0));
  }
  if (kind === "quoted-printable") {
    const text = body.replace(/=\r?\n/g, "");
    const bytes: number[] = [];
    for (let index = 0; index < text.length; index++) {
      if (text[index] === "=" && /^[0-9A-F]{2}$/i.test(text.slice(index + 1, index + 3))) {
        bytes.push(parseInt(text.slice(index + 1, index + 3), 16));
        index += 2;
      } else bytes.push(...new TextEncoder().encode(text[index]));
    }
    return new Uint8Array(bytes);
  }
  return new TextEncoder().encode(body.replace(/\r\n/g, "\n").replace(/\n$/, ""));
}

/** RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`). */
function decodeWords(text: string): string {
  return text.replace(/\?=\s+=\?/g, "?==?").replace(
    /=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi,
    (_match, _charset, kind: string, data: string) => {
      const bytes = kind.toUpperCase() === "B"
        ? decodeBody(data, "base64")
        : decodeBody(data.replace(/_/g, " "), "quoted-printable");
      return new TextDecoder().decode(bytes);
    },
  );
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
