/**
 * Signed requests to S3 (SigV4 through `aws4fetch`, imported on first use so the provider stays
 * cheap to load in every sandbox) and the errors they fail with: each names the connection, the
 * endpoint, the action with its bucket and key, and what S3 answered, never the secret.
 *
 * @module
 */

import type { AwsClient } from "aws4fetch";
import { describeEndpoint, objectUrl, type S3Settings } from "./connection.ts";
import { childText, parseXml } from "./_xml.ts";

/** What one request is about, for its URL and its error message. */
export interface S3Target {
  /** The S3 action, as AWS names it (`GetObject`, `ListObjectsV2`, …). */
  action: string;
  bucket: string;
  key?: string;
  /** Query parameters (`{ "list-type": "2" }`, `{ uploads: "" }`). */
  query?: Record<string, string | undefined>;
}

/** A request S3 refused, or one that did not reach it. */
export class S3RequestError extends Error {
  /** The HTTP status; 0 when no answer came. */
  readonly status: number;
  /** S3's error code (`NoSuchKey`, `AccessDenied`, `SignatureDoesNotMatch`, …), or "". */
  readonly code: string;

  /** @param message The whole message. @param details The status and S3's error code. */
  constructor(message: string, details: { status: number; code: string }, options?: ErrorOptions) {
    super(message, options);
    this.name = "S3RequestError";
    this.status = details.status;
    this.code = details.code;
  }
}

/** Sends signed requests for one connection. */
export class S3Requester {
  /** The connection's settings. */
  readonly settings: S3Settings;
  readonly #signal: AbortSignal | undefined;
  #client: Promise<AwsClient> | null = null;

  /** @param settings The connection's settings. @param signal Aborts every request. */
  constructor(settings: S3Settings, signal?: AbortSignal) {
    this.settings = settings;
    this.#signal = signal;
  }

  /** `connection "x" (S3 at http://host:9000)`, how every message starts. */
  get where(): string {
    return `connection "${this.settings.connId}" (${describeEndpoint(this.settings)})`;
  }

  /** Send a request; any answer but 2xx becomes an {@link S3RequestError}. */
  async send(target: S3Target, init: RequestInit = {}): Promise<Response> {
    const response = await this.sendRaw(target, init);
    if (!response.ok) throw await this.errorFor(target, response);
    return response;
  }

  /** Send a request and return any answer; only a request that got none throws. */
  async sendRaw(target: S3Target, init: RequestInit = {}): Promise<Response> {
    const url = objectUrl(this.settings, target.bucket, target.key);
    for (const [name, value] of Object.entries(target.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    const client = await this.#awsClient();
    try {
      return await client.fetch(url.href, { ...init, signal: this.#signal });
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason ?? error;
      const reason = describeFailure(error);
      throw new S3RequestError(`${this.describe(target)} failed: ${reason}`, {
        status: 0,
        code: "",
      }, { cause: error });
    }
  }

  /** The error a refused request becomes, from the XML body S3 sent (if any). */
  async errorFor(target: S3Target, response: Response, body?: string): Promise<S3RequestError> {
    const text = body ?? await response.text().catch(() => "");
    let code = "";
    let message = "";
    try {
      const document = parseXml(text);
      if (document.name === "Error") {
        code = childText(document, "Code") ?? "";
        message = childText(document, "Message") ?? "";
      }
    } catch {
      // Not XML (a proxy's page, or a HEAD answer without a body): the status says enough.
    }
    code ||= response.statusText.replace(/\s+/g, "") || `HTTP${response.status}`;
    const explanation = message ? `: ${message}` : "";
    const hint = HINTS[code] ? ` (${HINTS[code]})` : "";
    return new S3RequestError(
      `${this.describe(target)} failed: ${code} (HTTP ${response.status})${explanation}${hint}`,
      { status: response.status, code },
    );
  }

  /** `connection "x" (S3 at …): GetObject of s3://bucket/key`. */
  describe(target: S3Target): string {
    const path = target.key === undefined ? `s3://${target.bucket}` : s3Url(target);
    return `${this.where}: ${target.action} of ${path}`;
  }

  #awsClient(): Promise<AwsClient> {
    this.#client ??= import("aws4fetch").then(({ AwsClient }) =>
      new AwsClient({
        accessKeyId: this.settings.accessKeyId,
        secretAccessKey: this.settings.secretAccessKey,
        sessionToken: this.settings.sessionToken,
        service: "s3",
        region: this.settings.region,
        retries: 3,
      })
    );
    return this.#client;
  }
}

/** What to check when S3 answers with these codes. */
const HINTS: Readonly<Record<string, string>> = {
  SignatureDoesNotMatch: "check the connection's secret access key (its password)",
  InvalidAccessKeyId: "check the connection's access key id (its login)",
  AuthorizationHeaderMalformed: "check the connection's region_name",
  PermanentRedirect: "the bucket is in another region: check the connection's region_name",
};

/** `fetch failed: error sending request … Connection refused`: the message and its causes. */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ");
}

function s3Url(target: S3Target): string {
  return `s3://${target.bucket}/${target.key}`;
}
