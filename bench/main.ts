/**
 * `deno task bench`: Updraft's benchmark suite. Each case runs against a freshly started
 * `updraft serve` (its own temporary home and DAG folder) or, for `plan`, in-process; the
 * floors of what the machine allows are measured in the same run.
 *
 * Options: `--only NAME[,NAME…]`, `--quick` (small sizes; proves the suite works), `--json FILE`.
 * Exits 1 when a case fails to run, never because of a time.
 *
 * @module
 */

import { parseArgs } from "node:util";
import { CASES } from "./cases/mod.ts";
import { measureFloors } from "./_floors.ts";
import { resultTable, runCases } from "./_harness.ts";

const USAGE = `usage: deno task bench [--only NAME[,NAME…]] [--quick] [--json FILE]
cases: ${CASES.map((c) => c.name).join(", ")}`;

if (import.meta.main) {
  let flags;
  try {
    flags = parseArgs({
      args: Deno.args,
      options: {
        only: { type: "string" },
        quick: { type: "boolean", default: false },
        json: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`bench: ${(error as Error).message}\n${USAGE}`);
    Deno.exit(2);
  }
  if (flags.help) {
    console.log(USAGE);
    Deno.exit(0);
  }
  const wanted = flags.only?.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = wanted?.filter((name) => !CASES.some((c) => c.name === name)) ?? [];
  if (unknown.length > 0) {
    console.error(`bench: unknown case ${unknown.join(", ")}\n${USAGE}`);
    Deno.exit(2);
  }
  const cases = wanted ? CASES.filter((c) => wanted.includes(c.name)) : CASES;
  const log = (line: string) => console.error(line);
  log(
    `Updraft benchmark: ${cases.length} case(s)${flags.quick ? " (quick)" : ""}; measuring floors…`,
  );
  const floors = await measureFloors(flags.quick);
  log(
    `floors: Worker ${floors.workerMs.toFixed(2)} ms, spawn true ${
      floors.spawnMs.toFixed(2)
    } ms, ` +
      `SQLite commit ${(floors.sqliteCommitMs * 1000).toFixed(0)} µs, fib(10) ${
        (floors.fib10Ms * 1000).toFixed(1)
      } µs, fib(33) ${floors.fib33Ms.toFixed(1)} ms`,
  );
  const results = await runCases(cases, { quick: flags.quick, floors, log });
  const machine = {
    cpus: navigator.hardwareConcurrency,
    os: `${Deno.build.os} ${Deno.build.arch}`,
    deno: Deno.version.deno,
    v8: Deno.version.v8,
  };
  console.log(
    `\nUpdraft bench ${
      new Date().toISOString()
    } — ${machine.cpus} CPUs, ${machine.os}, Deno ${machine.deno}\n`,
  );
  console.log(resultTable(results));
  if (flags.json) {
    const report = { date: new Date().toISOString(), quick: flags.quick, machine, floors, results };
    await Deno.writeTextFile(flags.json, JSON.stringify(report, null, 2) + "\n");
    log(`\nwrote ${flags.json}`);
  }
  Deno.exit(results.some((result) => result.error) ? 1 : 0);
}
