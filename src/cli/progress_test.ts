import assert from "node:assert/strict";
import type { Io } from "./_output.ts";
import { ProgressBar } from "./_progress.ts";

function captureIo(stderrIsTerminal: boolean): { io: Io; written: () => string } {
  let text = "";
  const io: Io = {
    out: () => {},
    err: (chunk) => (text += chunk),
    stdinIsTerminal: false,
    stderrIsTerminal,
    confirm: () => Promise.resolve(false),
    env: {},
  };
  return { io, written: () => text };
}

Deno.test("progress on a terminal redraws one line with a bar, runs, tasks and elapsed time", () => {
  const { io, written } = captureIo(true);
  const bar = new ProgressBar(io, "backfill etl");
  bar.update({ runsDone: 0, runsTotal: 2, tasksDone: 1, tasksTotal: 4, elapsedMs: 1_000 });
  bar.update({ runsDone: 1, runsTotal: 2, tasksDone: 2, tasksTotal: 4, elapsedMs: 65_000 });
  bar.line("[load] failed (try 1)");
  bar.finish();
  const text = written().replaceAll("\r\x1b[2K", "<redraw>");
  assert.equal(text.split("\n").length, 3, "two lines: the note and the finished bar");
  assert.match(text, /^<redraw>backfill etl █{6}░{18} runs 0\/2 · tasks 1\/4 · 00:01/);
  assert.match(text, /<redraw>backfill etl █{12}░{12} runs 1\/2 · tasks 2\/4 · 01:05/);
  assert.match(text, /<redraw>\[load\] failed \(try 1\)\n\n$/);
});

Deno.test("progress without a terminal prints plain lines, not one per task", () => {
  const { io, written } = captureIo(false);
  const bar = new ProgressBar(io, "backfill etl");
  bar.update({ runsDone: 0, runsTotal: 2, tasksDone: 0, tasksTotal: 4, elapsedMs: 0 });
  bar.update({ runsDone: 0, runsTotal: 2, tasksDone: 1, tasksTotal: 4, elapsedMs: 10 });
  bar.update({ runsDone: 1, runsTotal: 2, tasksDone: 2, tasksTotal: 4, elapsedMs: 20 });
  bar.update({ runsDone: 1, runsTotal: 2, tasksDone: 3, tasksTotal: 4, elapsedMs: 6_000 });
  bar.finish();
  assert.equal(
    written(),
    "backfill etl: runs 0/2 · tasks 0/4 · 00:00\n" +
      "backfill etl: runs 1/2 · tasks 2/4 · 00:00\n" +
      "backfill etl: runs 1/2 · tasks 3/4 · 00:06\n",
  );
  assert.equal(written().includes("\x1b"), false);
});
