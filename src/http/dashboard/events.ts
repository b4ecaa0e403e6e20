/**
 * `/ui/events`: one server-sent event stream per open page. It says `change` whenever the
 * scheduling state changed (the page then refetches its live regions) and sends a comment
 * every 15 s so proxies keep the connection open.
 *
 * @module
 */

import { type DashboardRouter, eventStreamResponse } from "./_page_router.ts";

/** Add the event stream. */
export function addEventRoutes(router: DashboardRouter): void {
  router.raw("/ui/events", { resource: "dags", action: "read" }, (request) => {
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        send("retry: 2000\n\n");
        const unlisten = router.services.changes.listen(() => send("event: change\ndata: {}\n\n"));
        const keepAlive = setInterval(() => send(": keep-alive\n\n"), 15_000);
        stop = () => {
          unlisten();
          clearInterval(keepAlive);
        };
        request.context.req.raw.signal.addEventListener("abort", () => {
          stop();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        });
      },
      cancel() {
        stop();
      },
    });
    return Promise.resolve(eventStreamResponse(body));
  });
}
