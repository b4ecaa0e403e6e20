/**
 * What the machine allows at minimum, measured in the same run as the cases: a sandbox Worker
 * with the executor's permission options (create, one message, terminate), spawning `true`, one
 * committed SQLite transaction with the store's settings, and the computing the cases do.
 *
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { median } from "./_harness.ts";

/** The floors, in milliseconds. */
export interface Floors {
  /** Create a permission-less Worker, post one message, get the answer, terminate. */
  workerMs: number;
  /** Spawn `true` and wait for it. */
  spawnMs: number;
  /** One committed one-row transaction, WAL with synchronous=NORMAL. */
  sqliteCommitMs: number;
  fib10Ms: number;
  fib33Ms: number;
}

/** fib, the work the cases' tasks do. */
export function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** Measure every floor (`quick`: fewer repetitions). */
export async function measureFloors(quick: boolean): Promise<Floors> {
  const rounds = quick ? 5 : 30;
  return {
    workerMs: await workerFloor(rounds),
    spawnMs: await spawnFloor(rounds),
    sqliteCommitMs: await sqliteFloor(quick ? 50 : 500),
    fib10Ms: timeOf(() => fib(10), quick ? 200 : 2000),
    fib33Ms: timeOf(() => fib(33), quick ? 1 : 5),
  };
}

function timeOf(work: () => unknown, rounds: number): number {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function workerFloor(rounds: number): Promise<number> {
  const url = new URL("./_floor_worker.ts", import.meta.url);
  const permissions = {
    read: false,
    write: false,
    net: false,
    env: false,
    run: false,
    ffi: false,
    sys: false,
    import: false,
  };
  const samples: number[] = [];
  for (let i = 0; i < rounds + 2; i++) {
    const started = performance.now();
    const worker = new Worker(url, { type: "module", deno: { permissions } } as WorkerOptions);
    const answered = new Promise((resolve) => (worker.onmessage = resolve));
    worker.postMessage("ping");
    await answered;
    worker.terminate();
    // The first two warm up the module cache, as a long-running host's would be.
    if (i >= 2) samples.push(performance.now() - started);
  }
  return median(samples);
}

async function spawnFloor(rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await new Deno.Command("true", { stdout: "null", stderr: "null" }).output();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

async function sqliteFloor(rounds: number): Promise<number> {
  const folder = await Deno.makeTempDir({ prefix: "updraft-bench-sqlite-" });
  const database = new DatabaseSync(`${folder}/floor.db`);
  try {
    database.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
    database.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT)");
    const insert = database.prepare("INSERT INTO t (value) VALUES (?)");
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      database.exec("BEGIN IMMEDIATE");
      insert.run("x");
      database.exec("COMMIT");
      samples.push(performance.now() - started);
    }
    return median(samples);
  } finally {
    database.close();
    await Deno.remove(folder, { recursive: true });
  }
}
