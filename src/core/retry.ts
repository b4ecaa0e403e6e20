/**
 * Retry rules (§4): whether a failed try is retried (facts 73–74) and when the next try may
 * start (facts 76–78).
 *
 * @module
 */

import { formatIso } from "./dates.ts";
import type { TaskDefinition } from "./definition.ts";

/** Airflow's `[core] max_task_retry_delay` default: one day. */
export const DEFAULT_MAX_TASK_RETRY_DELAY_MS = 86_400_000;

/**
 * Whether a failed try goes to `up_for_retry` rather than `failed` (facts 73–74): never for a
 * forced failure (`noRetry`, e.g. a fail exception or a sensor timeout); always for an instance
 * that was cleared while running (`wasRestarting`); otherwise when the task has retries and the
 * try that failed (`tryNumber`, 2.10 numbering) is within `maxTries`.
 */
export function shouldRetry(
  instance: { tryNumber: number; maxTries: number },
  task: { retries: number },
  options: { noRetry?: boolean; wasRestarting?: boolean } = {},
): boolean {
  if (options.noRetry) return false;
  if (options.wasRestarting) return true;
  return task.retries > 0 && instance.tryNumber <= instance.maxTries;
}

/** The task fields the retry delay depends on. */
export type RetryDelayTask = Pick<
  TaskDefinition,
  "retryDelayMs" | "retryExponentialBackoff" | "maxRetryDelayMs"
>;

/**
 * How long to wait after try `tryNumber` failed (facts 77–78).
 *
 * Without exponential backoff: exactly `retryDelayMs`, with no cap. With it, Airflow 2.10's
 * formula in whole seconds: `m = max(1, ceil(retryDelay × 2^(tryNumber − 1)))`, plus a jitter in
 * `[0, m)`, capped at `maxTaskRetryDelayMs` (default one day), then at the task's
 * `maxRetryDelayMs` when set (non-zero). So the delay lies in `[m, 2m − 1]` seconds before caps.
 *
 * The jitter is deterministic: a 32-bit FNV-1a hash of `"{jitterKey}#{tryNumber}"` modulo `m`.
 * Airflow hashes with SHA-1, so exact values differ from Airflow's while the ranges are the same.
 *
 * @param jitterKey Identifies the task instance, e.g. `"{dagId}#{taskId}#{logicalDate}"`.
 */
export function retryDelayMs(
  task: RetryDelayTask,
  tryNumber: number,
  jitterKey: string,
  options: { maxTaskRetryDelayMs?: number } = {},
): number {
  if (!task.retryExponentialBackoff) return task.retryDelayMs;
  const capSeconds = (options.maxTaskRetryDelayMs ?? DEFAULT_MAX_TASK_RETRY_DELAY_MS) / 1000;
  const minimum = Math.max(1, Math.ceil((task.retryDelayMs / 1000) * 2 ** (tryNumber - 1)));
  const seconds = minimum >= capSeconds
    ? capSeconds
    : Math.min(minimum + (fnv1a(`${jitterKey}#${tryNumber}`) % minimum), capSeconds);
  const delay = seconds * 1000;
  return task.maxRetryDelayMs ? Math.min(delay, task.maxRetryDelayMs) : delay;
}

/**
 * When a task instance whose try just failed may be scheduled again (fact 76): its end date
 * (or `now` when it has none) plus {@link retryDelayMs}, with the jitter keyed by the DAG, task
 * and logical date.
 */
export function nextRetryAt(
  task: RetryDelayTask,
  instance: { tryNumber: number; endDate: number | null },
  identity: { dagId: string; taskId: string; logicalDate: number },
  now: number,
): number {
  const key = `${identity.dagId}#${identity.taskId}#${formatIso(identity.logicalDate)}`;
  return (instance.endDate ?? now) + retryDelayMs(task, instance.tryNumber, key);
}

/** 32-bit FNV-1a over the UTF-16 code units of `text`; an unsigned integer. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
