import assert from "node:assert/strict";
import { appendTaskLogLine, formatLogLine, readTaskLog, TaskLog } from "./task_log.ts";
import { taskLogPath } from "./executor.ts";

const key = {
  dagId: "example",
  runId: "manual__2024-01-01T00:00:00+00:00",
  taskId: "work",
  mapIndex: -1,
};

Deno.test("log lines have Airflow's shape; multi-line messages stay one entry", () => {
  const at = Date.UTC(2024, 0, 1, 0, 0, 0, 123);
  assert.equal(
    formatLogLine("task", "hello", { at }),
    "[2024-01-01T00:00:00.123Z] {task} INFO - hello\n",
  );
  assert.equal(
    formatLogLine("executor", "Error: boom\n    at f\n", { at, level: "ERROR" }),
    "[2024-01-01T00:00:00.123Z] {executor} ERROR - Error: boom\n        at f\n",
  );
});

Deno.test("a try's log is written in its folder and read from an offset", async () => {
  const logsFolder = await Deno.makeTempDir();
  try {
    assert.equal(await readTaskLog(logsFolder, key, 1), null);
    const log = new TaskLog(logsFolder, key, 1);
    log.write("task", "first");
    log.flush();
    assert.ok(log.path.startsWith(`${logsFolder}/dag_id=example/run_id=`));
    assert.equal(log.path, taskLogPath(logsFolder, key, 1));
    const first = await readTaskLog(logsFolder, key, 1);
    assert.ok(first);
    assert.match(first.content, /\{task\} INFO - first\n$/);
    log.write("stdout", "second");
    log.close();
    await appendTaskLogLine(logsFolder, key, {
      tryNumber: 1,
      source: "scheduler",
      message: "third",
    });
    const rest = await readTaskLog(logsFolder, key, 1, { offset: first.nextOffset });
    assert.ok(rest);
    assert.match(
      rest.content,
      /^\[[^\]]+\] \{stdout\} INFO - second\n\[[^\]]+\] \{scheduler\} INFO - third\n$/,
    );
    assert.deepEqual(await readTaskLog(logsFolder, key, 1, { offset: rest.nextOffset }), {
      content: "",
      nextOffset: rest.nextOffset,
    });
  } finally {
    await Deno.remove(logsFolder, { recursive: true });
  }
});

Deno.test("a reader never gets half a line", async () => {
  const logsFolder = await Deno.makeTempDir();
  try {
    const path = taskLogPath(logsFolder, key, 2);
    await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(path, "complete line\nhalf a li");
    const read = await readTaskLog(logsFolder, key, 2);
    assert.deepEqual(read, { content: "complete line\n", nextOffset: 14 });
    await Deno.writeTextFile(path, "ne\n", { append: true });
    assert.deepEqual(await readTaskLog(logsFolder, key, 2, { offset: 14 }), {
      content: "half a line\n",
      nextOffset: 26,
    });
  } finally {
    await Deno.remove(logsFolder, { recursive: true });
  }
});
