/**
 * The smallest sandbox: answers one message. Measures what creating a Worker costs.
 *
 * @module
 */

/// <reference lib="deno.worker" />

self.onmessage = (event: MessageEvent) => self.postMessage(event.data);
