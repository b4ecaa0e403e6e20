/**
 * A try's log: live over server-sent events while the try runs (`…/logs/:try/stream`), and as
 * a file (`…/logs/:try/download`). The stream reads the log every 100 ms from where it left
 * off and sends each new piece as `event: log` (a JSON string, `id:` its end offset so a
 * reconnecting browser resumes there); once the try has finished and nothing more is left, it
 * sends `event: end` and closes. It stops when the browser goes away.
 *
 * @module
 */

import type { TaskInstance, TaskInstanceKey } from "../../core/mod.ts";
import {
  type DashboardRouter,
  eventStreamResponse,
  PageError,
  type Permission,
} from "./_page_router.ts";
import type { DashboardServices } from "./_services.ts";
import { integerOf, TASK_INSTANCE_ROUTE, taskInstanceKeyOf } from "./_task_instance_paths.ts";
import { tryMayWrite } from "./_task_instance_tries.ts";

const READ_LOGS: Permission = { resource: "task_logs", action: "read" };

/** How often the stream reads the log: a new line reaches the browser within this. */
const POLL_MS = 100;
/** How often the stream rereads the instance's state when no change was announced. */
const STATE_CHECK_MS = 1_000;
/** A comment this often keeps proxies from closing a quiet stream. */
const KEEP_ALIVE_MS = 15_000;

/** Add the log stream and download routes. */
export function addTaskInstanceLogRoutes(router: DashboardRouter): void {
  router.raw(`${TASK_INSTANCE_ROUTE}/logs/:try/stream`, READ_LOGS, async (request) => {
    const key = taskInstanceKeyOf(request);
    const tryNumber = integerOf(request.params.try, "try", 1);
    const resumeAt = request.context.req.header("last-event-id") ??
      request.query.get("offset") ?? "0";
    const offset = integerOf(resumeAt, "offset", 0);
    const instance = await requireInstance(router.services, key);
    const body = logStream(router.services, { key, tryNumber, offset, instance });
    request.context.req.raw.signal.addEventListener("abort", () => body.stop());
    return eventStreamResponse(body.stream);
  });

  router.raw(`${TASK_INSTANCE_ROUTE}/logs/:try/download`, READ_LOGS, async (request) => {
    const key = taskInstanceKeyOf(request);
    const tryNumber = integerOf(request.params.try, "try", 1);
    await requireInstance(router.services, key);
    const read = await router.services.readLog(key, tryNumber, { offset: 0 });
    if (read === null) {
      throw new PageError(404, `Try ${tryNumber} of task '${key.taskId}' has no log.`);
    }
    return new Response(read.content, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "content-disposition": `attachment; filename="${logFileName(key, tryNumber)}"`,
        "cache-control": "no-store",
      },
    });
  });
}

/** `dag__task__run__try.log` (`task_3` for map index 3), with unsafe characters as `_`. */
export function logFileName(key: TaskInstanceKey, tryNumber: number): string {
  const task = key.mapIndex >= 0 ? `${key.taskId}_${key.mapIndex}` : key.taskId;
  return [key.dagId, task, key.runId, String(tryNumber)]
    .map((part) => part.replace(/[^A-Za-z0-9._+-]/g, "_"))
    .join("__") + ".log";
}

async function requireInstance(
  services: DashboardServices,
  key: TaskInstanceKey,
): Promise<TaskInstance> {
  const instance = await services.store.getTaskInstance(key);
  if (instance === null) {
    throw new PageError(
      404,
      `Run '${key.runId}' of '${key.dagId}' has no task '${key.taskId}'` +
        (key.mapIndex >= 0 ? ` with map index ${key.mapIndex}.` : "."),
    );
  }
  return instance;
}

/** The SSE body of one try's log from `offset`, and how to stop it. */
function logStream(
  services: DashboardServices,
  start: { key: TaskInstanceKey; tryNumber: number; offset: number; instance: TaskInstance },
): { stream: ReadableStream<Uint8Array>; stop: () => void } {
  const { key, tryNumber } = start;
  const encoder = new TextEncoder();
  let offset = start.offset;
  let finished = !tryMayWrite(start.instance, tryNumber);
  let stateStale = false;
  let lastStateCheck = performance.now();
  let lastSent = performance.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  let unlisten = () => {};
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    unlisten();
    try {
      controller.close();
    } catch {
      // Already closed or cancelled.
    }
  };
  const send = (text: string) => {
    lastSent = performance.now();
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      stop();
    }
  };
  const tick = async () => {
    timer = null;
    try {
      // Whether the try was over before this read: then an empty read means nothing is left.
      const wasFinished = finished;
      const read = await services.readLog(key, tryNumber, { offset });
      if (stopped) return;
      if (read !== null && read.nextOffset > offset) {
        offset = read.nextOffset;
        if (read.content !== "") {
          send(`id: ${offset}\nevent: log\ndata: ${JSON.stringify(read.content)}\n\n`);
        }
      } else if (wasFinished) {
        send(`event: end\ndata: ${JSON.stringify({ tryNumber })}\n\n`);
        stop();
        return;
      }
      const now = performance.now();
      if (!finished && (stateStale || now - lastStateCheck >= STATE_CHECK_MS)) {
        stateStale = false;
        lastStateCheck = now;
        const instance = await services.store.getTaskInstance(key);
        finished = instance === null || !tryMayWrite(instance, tryNumber);
      }
      if (now - lastSent >= KEEP_ALIVE_MS) send(": keep-alive\n\n");
    } catch (error) {
      console.error(`dashboard: streaming the log of ${key.taskId} try ${tryNumber}:`, error);
    }
    if (!stopped) timer = setTimeout(tick, POLL_MS);
  };

  const stream = new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      unlisten = services.changes.listen(() => stateStale = true);
      send("retry: 1000\n\n");
      timer = setTimeout(tick, 0);
    },
    cancel() {
      stop();
    },
  });
  return { stream, stop };
}
