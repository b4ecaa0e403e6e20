/**
 * What the executor says when a sandbox host process ends unexpectedly: for the tries that were
 * running in it, in their logs and failures.
 *
 * @module
 */

import type { HostExit } from "./_host_process.ts";

/** "signal SIGKILL" or "exit code 1". */
export function describeExit(exit: HostExit): string {
  return exit.status.signal ? `signal ${exit.status.signal}` : `exit code ${exit.status.code}`;
}

/** Why the tries of a host that never started fail. */
export function startFailure(exit: HostExit): string {
  return `could not start the sandbox host process (${describeExit(exit)}): ${
    exit.stderrTail.slice(-5).join("\n") || "it wrote nothing"
  }`;
}

/** Why a try fails when its host died while running it, with the likely cause. */
export function crashFailure(exit: HostExit, memoryLimitMb: number): string {
  const signal = exit.status.signal;
  const outOfMemory = signal === "SIGTRAP" || signal === "SIGABRT" || signal === "SIGKILL" ||
    [133, 134, 137].includes(exit.status.code) ||
    exit.stderrTail.some((line) => /out of memory/i.test(line));
  const likely = outOfMemory
    ? `most likely it ran out of memory (limit ${memoryLimitMb} MB)`
    : exit.stderrTail.at(-1) ?? "it gave no reason";
  return `the sandbox host process died (${
    describeExit(exit)
  }) while running this task — ${likely}`;
}

/** The log line of a try that is run again alone because its host died with others in it. */
export function quarantineNote(exit: HostExit, others: number): string {
  return `The sandbox host process died (${describeExit(exit)}) while running this task and ` +
    `${others} other${others === 1 ? "" : "s"}; running it again alone in a fresh sandbox ` +
    "host process (same try) to find the one that crashed it";
}
