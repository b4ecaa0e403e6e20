/**
 * Durations as users write them (`"30s"`, `"5m"`, `"1h30m"`) and as the domain keeps them
 * (milliseconds).
 *
 * @module
 */

import { DefinitionError } from "./definition_error.ts";

const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** One `<number><unit>` part; units longest first so `ms` wins over `m`. */
const PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)/y;

const HINT = '(use e.g. "30s", "5m", "1h", "2d" or milliseconds)';

/**
 * Read a duration: a non-negative finite number of milliseconds, or a string of one or more
 * `<number><unit>` parts with units `ms`, `s`, `m`, `h`, `d`, `w` (`"500ms"`, `"1h30m"`,
 * `"1d 2h"`, `"1.5h"`). A bare number in a string is refused: its unit would be a guess.
 *
 * @param value The duration as written.
 * @param where The field being read, used as the prefix of the error message.
 * @returns The duration in milliseconds.
 * @throws {DefinitionError} when the value is not a valid duration.
 */
export function parseDuration(value: string | number, where: string): number {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new DefinitionError(
      `${where}: invalid duration ${value} (must be a non-negative number of milliseconds, or e.g. "30s", "5m", "1h", "2d")`,
      { field: where },
    );
  }
  if (typeof value !== "string") {
    throw new DefinitionError(
      `${where}: invalid duration ${describeValue(value)} ${HINT}`,
      { field: where },
    );
  }
  const text = value.trim();
  let total = 0;
  let index = 0;
  let parts = 0;
  while (index < text.length) {
    PART.lastIndex = index;
    const match = PART.exec(text);
    if (match === null) {
      throw new DefinitionError(`${where}: invalid duration "${value}" ${HINT}`, { field: where });
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    parts += 1;
    index = PART.lastIndex;
    while (index < text.length && /\s/.test(text[index])) index += 1;
  }
  if (parts === 0 || !Number.isFinite(total)) {
    throw new DefinitionError(`${where}: invalid duration "${value}" ${HINT}`, { field: where });
  }
  return Math.round(total * 1000) / 1000;
}

/**
 * Write a duration the way {@link parseDuration} reads it, largest units first:
 * `5_400_000` → `"1h30m"`, `45_000` → `"45s"`, `250` → `"250ms"`, `0` → `"0s"`.
 * Days are the largest unit (`"14d"`, not `"2w"`); fractions of a millisecond are rounded.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return "0s";
  let text = "";
  for (const unit of ["d", "h", "m", "s", "ms"]) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return sign + text;
}

function describeValue(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
