/**
 * `HttpResponse`: a response read whole, so checks and filters can read its body as often as
 * they like (Airflow's `response.text` / `response.json()`).
 *
 * @module
 */

/** An HTTP response whose body was read: `text()` and `json()` may be called any number of times. */
export class HttpResponse {
  /** The status code (200, 404, …). */
  readonly status: number;
  /** The status text ("OK", "Not Found", …). */
  readonly statusText: string;
  /** The response headers. */
  readonly headers: Headers;
  /** The URL the response came from (after redirects). */
  readonly url: string;
  /** The body as bytes. */
  readonly body: Uint8Array;
  #text: string | null = null;

  /** Build a response from its parts (the hook does this; tests may too). */
  constructor(
    init: { status: number; statusText?: string; headers?: HeadersInit; url?: string },
    body: Uint8Array = new Uint8Array(),
  ) {
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.headers = new Headers(init.headers);
    this.url = init.url ?? "";
    this.body = body;
  }

  /** Whether the status is 2xx. */
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  /** The body as text (UTF-8). */
  text(): string {
    this.#text ??= new TextDecoder().decode(this.body);
    return this.#text;
  }

  /**
   * The body parsed as JSON; throws a SyntaxError saying which URL did not answer JSON.
   *
   * @example
   * ```ts
   * import { HttpResponse } from "@updraft/http";
   *
   * const response = new HttpResponse({ status: 200 }, new TextEncoder().encode('{"name":"Ada"}'));
   * const user = response.json<{ name: string }>();
   * ```
   */
  // deno-lint-ignore no-explicit-any
  json<T = any>(): T {
    try {
      return JSON.parse(this.text()) as T;
    } catch (error) {
      throw new SyntaxError(
        `the response of ${this.url || "the request"} (HTTP ${this.status}) is not JSON: ${
          error instanceof Error ? error.message : String(error)
        }; it starts with ${JSON.stringify(this.text().slice(0, 80))}`,
      );
    }
  }
}
