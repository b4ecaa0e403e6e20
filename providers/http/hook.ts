/**
 * `HttpHook`: requests to the API an HTTP connection points at (Airflow's `HttpHook`), usable
 * in the provider's operators and inside `task()` functions.
 *
 * @module
 */

import { type Duration, formatDuration, parseDuration, type TaskConnection } from "updraft";
import { type HttpTarget, httpTarget, joinUrl } from "./_connection.ts";
import { send } from "./_send.ts";
import type { HttpResponse } from "./response.ts";

/** A request body or query: a string as is, or an object of fields (form or query encoded). */
export type HttpData = string | Record<string, unknown>;

/** Defaults of a hook's requests. */
export interface HttpHookOptions {
  /** The method of requests that name none (default "GET"). */
  method?: string;
  /** How long a request may take, body included (default: `extra.timeout` seconds, else none). */
  timeout?: Duration;
  /** Check certificates (default true, or `extra.verify`); a string is the path of a CA bundle. */
  tlsVerify?: boolean | string;
  /** Where the hook writes what it sends (e.g. `ctx.log`). */
  log?: (line: string) => void;
}

/** One request of {@link HttpHook.run}. */
export interface HttpRequestOptions {
  /** The method (default: the hook's, else "GET"). */
  method?: string;
  /** GET: query parameters. Other methods but HEAD: the body (an object is form encoded). */
  data?: HttpData | null;
  /** A body sent as JSON (`Content-Type: application/json`); not with GET or HEAD. */
  json?: unknown;
  /** Headers, over the connection's. */
  headers?: HeadersInit;
  /** Overrides the hook's timeout. */
  timeout?: Duration;
  /** Overrides the hook's `tlsVerify`. */
  tlsVerify?: boolean | string;
  /** Cancels the request (pass `ctx.signal` inside a task). */
  signal?: AbortSignal;
  /** Throw {@link HttpStatusError} for a 4xx or 5xx status (default true, as Airflow). */
  checkResponse?: boolean;
}

/** An HTTP error status (4xx, 5xx); the message names the connection, its host and the status. */
export class HttpStatusError extends Error {
  /** The response, body read. */
  readonly response: HttpResponse;

  /** @param message What failed. @param response The response with the error status. */
  constructor(message: string, response: HttpResponse) {
    super(message);
    this.name = "HttpStatusError";
    this.response = response;
  }

  /** The status code. */
  get status(): number {
    return this.response.status;
  }
}

/**
 * Requests to an HTTP connection's API: the base URL, authorization and default headers come
 * from the connection.
 *
 * @example
 * ```ts
 * import { task } from "updraft";
 * import { HttpHook } from "@updraft/http";
 *
 * task({ id: "fetch_user", connections: ["api"] }, async (ctx) => {
 *   const hook = new HttpHook(ctx.connection("api"), { log: ctx.log });
 *   const response = await hook.run("users/1", { signal: ctx.signal });
 *   return response.json().name;
 * });
 * ```
 */
export class HttpHook {
  /** The connection the hook talks to. */
  readonly connection: TaskConnection;
  readonly #target: HttpTarget;
  readonly #options: HttpHookOptions;

  /** @param connection From `ctx.connection(id)`. @param options Defaults of its requests. */
  constructor(connection: TaskConnection, options: HttpHookOptions = {}) {
    this.connection = connection;
    this.#target = httpTarget(connection);
    this.#options = options;
  }

  /** The URL endpoints are appended to. */
  get baseUrl(): string {
    return this.#target.baseUrl;
  }

  /** `connection "<id>" (<type> at <host>:<port>)`, the way messages name the connection. */
  get description(): string {
    return `connection "${this.connection.connId}" (${this.connection.connType} at ${this.#target.address})`;
  }

  /** The full URL of `endpoint`. */
  url(endpoint = ""): string {
    return joinUrl(this.#target.baseUrl, endpoint);
  }

  /**
   * Send a request to `endpoint` and read the whole response. Throws an Error naming the
   * connection, its host and port and what failed: unreachable, timed out, cancelled, or (unless
   * `checkResponse: false`) an {@link HttpStatusError} for a 4xx/5xx status.
   */
  async run(endpoint = "", options: HttpRequestOptions = {}): Promise<HttpResponse> {
    const method = (options.method ?? this.#options.method ?? "GET").toUpperCase();
    const url = new URL(this.url(endpoint));
    const headers = new Headers(this.#target.headers);
    new Headers(options.headers).forEach((value, name) => headers.set(name, value));
    const body = this.#body(method, url, headers, options);
    const timeout = options.timeout ?? this.#options.timeout;
    const timeoutMs = timeout === undefined
      ? this.#target.timeoutMs
      : parseDuration(timeout, "timeout");
    const where = `${method} ${url.pathname}`;
    this.#options.log?.(`Sending ${method} to ${url.origin}${url.pathname} (${this.description})`);
    const timer = timeoutMs === null ? null : AbortSignal.timeout(timeoutMs);
    const signals = [options.signal, timer].filter((signal): signal is AbortSignal =>
      signal !== undefined && signal !== null
    );
    let response: HttpResponse;
    try {
      response = await send({
        method,
        url: url.href,
        headers,
        body,
        tlsVerify: options.tlsVerify ?? this.#options.tlsVerify ?? this.#target.tlsVerify ?? true,
        followRedirects: this.#target.followRedirects,
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (options.signal?.aborted) {
        throw new Error(`${this.description}: ${where} was cancelled`, { cause: error });
      }
      if (timer?.aborted) {
        throw new Error(
          `${this.description}: ${where} timed out after ${formatDuration(timeoutMs!)}`,
        );
      }
      throw new Error(`${this.description}: ${where} failed: ${failureText(error)}`, {
        cause: error,
      });
    }
    if (options.checkResponse !== false && response.status >= 400) {
      throw new HttpStatusError(
        `${this.description}: ${where} answered HTTP ${response.status} ${response.statusText}` +
          `${statusHint(response.status)}${bodyExcerpt(response)}`,
        response,
      );
    }
    return response;
  }

  /** Airflow's rules: GET sends `data` as the query, HEAD sends nothing, others a body. */
  #body(method: string, url: URL, headers: Headers, options: HttpRequestOptions) {
    const { data, json } = options;
    if (method === "GET" || method === "HEAD") {
      if (json !== undefined) {
        throw new TypeError(`${this.description}: a ${method} request cannot send json`);
      }
      if (method === "GET" && data !== undefined && data !== null) {
        const query = typeof data === "string" ? new URLSearchParams(data) : formOf(data);
        query.forEach((value, name) => url.searchParams.append(name, value));
      }
      return null;
    }
    if (json !== undefined) {
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return JSON.stringify(json);
    }
    if (data === undefined || data === null) return null;
    if (typeof data === "string") return data;
    if (!headers.has("content-type")) {
      headers.set("content-type", "application/x-www-form-urlencoded");
    }
    return formOf(data).toString();
  }
}

/** Fields as a form: a list repeats its key, objects become JSON, null and undefined are left out. */
function formOf(data: Record<string, unknown>): URLSearchParams {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

/** What fetch said, with its cause (Deno puts the reason, e.g. "Connection refused", there). */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  const text = cause && !error.message.includes(cause)
    ? `${error.message}: ${cause}`
    : error.message;
  if (error.name === "NotCapable" || /Requires net access/.test(text)) {
    return `${text} (a task reaches only the hosts of its connections and its permissions.net)`;
  }
  return text;
}

function statusHint(status: number): string {
  if (status === 401) return " (the server refused the connection's credentials)";
  if (status === 403) return " (the connection's credentials may not do this)";
  return "";
}

function bodyExcerpt(response: HttpResponse): string {
  const text = response.text().trim().replace(/\s+/g, " ");
  if (text === "") return "";
  return `: ${text.length > 300 ? `${text.slice(0, 300)}…` : text}`;
}
