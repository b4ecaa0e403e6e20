import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness } from "./_testing.ts";
import { logFileName } from "./task_instance_logs.ts";

const RUN = { dagId: "etl", runId: "r1" };
const KEY = { ...RUN, taskId: "extract", mapIndex: -1 };
const LOGS = "/dags/etl/runs/r1/tasks/extract/logs";

async function running() {
  const h = await DashboardHarness.open({ store: "memory" });
  await h.api.addDags(dagDefinition("etl", [taskDefinition("extract", { retries: 1 })]));
  await h.api.trigger("etl", { runId: "r1" });
  await h.api.moveRun(RUN, ["running"]);
  await h.api.moveTask(KEY, ["scheduled", "queued", "running"]);
  return h;
}

/** Reads server-sent events; each wait fails the test when nothing arrives in time. */
class EventReader {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();
  #buffer = "";
  ended = false;

  constructor(response: Response) {
    this.#reader = response.body!.getReader();
  }

  /** Events until one of `name` arrives, as `{event, data, id}`. */
  async until(name: string, timeoutMs = 3_000) {
    const seen: { event: string; data: string; id: string | null }[] = [];
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const boundary = this.#buffer.indexOf("\n\n");
      if (boundary >= 0) {
        const block = this.#buffer.slice(0, boundary);
        this.#buffer = this.#buffer.slice(boundary + 2);
        const field = (prefix: string) =>
          block.split("\n").find((line) => line.startsWith(prefix))?.slice(prefix.length) ?? null;
        const event = {
          event: field("event: ") ?? "",
          data: field("data: ") ?? "",
          id: field("id: "),
        };
        seen.push(event);
        if (event.event === name) return seen;
        continue;
      }
      const chunk = await this.#read(deadline - Date.now(), name);
      if (chunk.done) throw new Error(`the stream ended before a "${name}" event`);
      this.#buffer += this.#decoder.decode(chunk.value, { stream: true });
    }
  }

  /** Whether the stream closes within the time. */
  async closes(timeoutMs = 3_000): Promise<boolean> {
    const chunk = await this.#read(timeoutMs, "the end of the stream");
    return chunk.done;
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel();
  }

  async #read(ms: number, what: string) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms} ms`)), Math.max(ms, 0));
    });
    try {
      return await Promise.race([this.#reader.read(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

Deno.test("log stream: text written after it opened arrives within 200 ms; ends when the try finishes", async () => {
  const h = await running();
  try {
    h.api.writeLog(KEY, 1, "line one\n");
    const response = await h.get(`${LOGS}/1/stream?offset=0`, "Viewer");
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("content-type"), "text/event-stream");
    const events = new EventReader(response);
    let seen = await events.until("log");
    assertEquals(JSON.parse(seen.at(-1)!.data), "line one\n");
    assertEquals(seen.at(-1)!.id, "9");

    const written = performance.now();
    h.api.writeLog(KEY, 1, "line one\nline two\npartial");
    seen = await events.until("log");
    const latency = performance.now() - written;
    assertEquals(JSON.parse(seen.at(-1)!.data), "line two\n", "only complete new lines");
    assert(latency < 200, `a new line took ${Math.round(latency)} ms to arrive`);

    h.api.writeLog(KEY, 1, "line one\nline two\npartial line three\n");
    await h.api.moveTask(KEY, ["success"]);
    seen = await events.until("end");
    const logs = seen.filter((event) => event.event === "log").map((event) =>
      JSON.parse(event.data)
    );
    assertEquals(logs.join(""), "partial line three\n", "what was left is sent before the end");
    assert(await events.closes(), "the stream closes after the end");
  } finally {
    await h.close();
  }
});

Deno.test("log stream: a finished try sends the rest at once then ends; Last-Event-ID resumes", async () => {
  const h = await running();
  try {
    h.api.writeLog(KEY, 1, "one\ntwo\n");
    await h.api.moveTask(KEY, ["up_for_retry"]);
    let events = new EventReader(await h.get(`${LOGS}/1/stream?offset=4`, "Viewer"));
    let seen = await events.until("end");
    assertEquals(seen.filter((e) => e.event === "log").map((e) => JSON.parse(e.data)), ["two\n"]);
    assert(await events.closes());

    const resumed = await h.get(`${LOGS}/1/stream?offset=0`, "Viewer", { "last-event-id": "8" });
    events = new EventReader(resumed);
    seen = await events.until("end");
    assertEquals(seen.filter((e) => e.event === "log").length, 0, "nothing after offset 8");
  } finally {
    await h.close();
  }
});

Deno.test("log stream: stops reading when the browser goes away", async () => {
  const h = await running();
  try {
    const events = new EventReader(await h.get(`${LOGS}/1/stream`, "Viewer"));
    // The stream's first block (`retry:`) has no event name: the stream is open.
    await events.until("");
    assertEquals(h.http.changes.listenerCount, 1, "the stream listens for state changes");
    await events.cancel();
    assertEquals(h.http.changes.listenerCount, 0, "and stops when cancelled");
  } finally {
    await h.close();
  }
});

Deno.test("log download: a text/plain attachment named dag__task__run__try.log", async () => {
  const h = await running();
  try {
    h.api.writeLog(KEY, 1, "hello from the log\n");
    const response = await h.get(`${LOGS}/1/download`, "Viewer");
    assertEquals(response.status, 200);
    assertEquals(response.headers.get("content-type"), "text/plain; charset=utf-8");
    assertEquals(
      response.headers.get("content-disposition"),
      'attachment; filename="etl__extract__r1__1.log"',
    );
    assertEquals(await response.text(), "hello from the log\n");
    const missing = await h.get(`${LOGS}/2/download`, "Viewer");
    assertEquals(missing.status, 404);
    assert((await missing.text()).includes("Try 2 of task 'extract' has no log"));
    const anonymous = await h.get(`${LOGS}/1/download`, null);
    assertEquals(anonymous.status, 401);
    await anonymous.body?.cancel();
    assertEquals(
      logFileName({ ...KEY, runId: "manual__2024-03-10T12:00:00+00:00", mapIndex: 3 }, 2),
      "etl__extract_3__manual__2024-03-10T12_00_00+00_00__2.log",
    );
  } finally {
    await h.close();
  }
});
