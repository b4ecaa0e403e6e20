/**
 * Turns what a task threw into the outcome of its try.
 *
 * @module
 */

import { isFailTask, isRescheduleTask, isSkipTask } from "../errors.ts";
import { mapStack } from "./stack.ts";

/** How a try that threw ends. */
export type ErrorOutcome =
  | { status: "failed"; error: string; noRetry: boolean }
  | { status: "skipped"; reason: string }
  | { status: "reschedule"; at: number };

/**
 * Classify what a task threw: `FailTask` → failed without retry; `SkipTask` → skipped;
 * `RescheduleTask` (a sensor in reschedule mode) → up for reschedule; anything
 * else → failed (retries apply) with the message and the stack, its bundle frames mapped back to
 * the user's files.
 */
export function classifyTaskError(error: unknown): ErrorOutcome {
  if (isFailTask(error)) return { status: "failed", error: describeError(error), noRetry: true };
  if (isSkipTask(error)) return { status: "skipped", reason: error.message };
  if (isRescheduleTask(error)) return { status: "reschedule", at: error.at };
  return { status: "failed", error: describeError(error), noRetry: false };
}

/** `Name: message` followed by the stack frames in the user's code. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) {
    return `the task threw a non-Error value: ${safeString(error)}`;
  }
  const headline = `${error.name}: ${error.message}`;
  if (!error.stack) return headline;
  const stack = mapStack(error.stack);
  return stack.startsWith(headline) ? stack : `${headline}\n${frames(stack)}`.trimEnd();
}

function frames(stack: string): string {
  return stack.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
}

function safeString(value: unknown): string {
  try {
    return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
