/**
 * Durations as DAG files write them (`"30s"`, `"5m"`, `"1h30m"`, or milliseconds), read the way
 * the SDK reads its own (providers import only the SDK, which does not export its parser).
 *
 * @module
 */

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

const WHOLE = /^(?:\s*(?:\d+(?:\.\d+)?|\.\d+)\s*(?:ms|s|m|h|d|w))+\s*$/;
const PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)/g;

/** A duration in milliseconds, or `fallback` when undefined; throws a TypeError naming `field`. */
export function durationMs(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string" && WHOLE.test(value)) {
    let total = 0;
    for (const match of value.matchAll(PART)) total += Number(match[1]) * UNIT_MS[match[2]];
    return total;
  }
  throw new TypeError(
    `${field}: invalid duration ${JSON.stringify(value)} ` +
      '(use e.g. "30s", "5m", "1h" or a number of milliseconds)',
  );
}
