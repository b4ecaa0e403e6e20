/**
 * Ordering and paging in memory, comparing values the way SQLite does: NULL first, then
 * numbers (booleans as 0 and 1), then text by code point (the order of UTF-8 bytes).
 *
 * @module
 */

import type { TimeRange } from "../store.ts";

/** A value rows are ordered by. */
export type SortValue = string | number | boolean | null;

/** Compare two values as SQLite's default ordering does. */
export function compareValues(a: SortValue, b: SortValue): number {
  const rankA = rank(a);
  const rankB = rank(b);
  if (rankA !== rankB) return rankA - rankB;
  if (rankA === 1) return Number(a) - Number(b);
  if (rankA === 2) return compareText(a as string, b as string);
  return 0;
}

/** Compare text by code point, as SQLite compares UTF-8 bytes. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const unitA = a.charCodeAt(index);
    const unitB = b.charCodeAt(index);
    if (unitA !== unitB) return codePointRank(unitA) - codePointRank(unitB);
  }
  return a.length - b.length;
}

/** Compare lists of values, first to last. */
export function compareLists(a: SortValue[], b: SortValue[]): number {
  for (let index = 0; index < a.length; index++) {
    const order = compareValues(a[index], b[index]);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Sort by `primary` (descending when asked) then by `tieBreak` ascending, and cut one page.
 */
export function sortPage<T>(
  items: T[],
  order: {
    primary: (item: T) => SortValue;
    descending: boolean;
    tieBreak: (item: T) => SortValue[];
    limit: number;
    offset: number;
  },
): { items: T[]; total: number } {
  const direction = order.descending ? -1 : 1;
  const sorted = [...items].sort((a, b) => {
    return direction * compareValues(order.primary(a), order.primary(b)) ||
      compareLists(order.tieBreak(a), order.tieBreak(b));
  });
  return { items: sorted.slice(order.offset, order.offset + order.limit), total: items.length };
}

/** Whether `value` matches a list filter; an absent or empty list matches everything. */
export function inList<V>(value: V, list: readonly V[] | undefined): boolean {
  return list === undefined || list.length === 0 || list.includes(value);
}

/** Whether `value` lies within inclusive bounds; null never matches a bound. */
export function inRange(value: number | null, range: TimeRange | undefined): boolean {
  if (range?.gte !== undefined && (value === null || value < range.gte)) return false;
  if (range?.lte !== undefined && (value === null || value > range.lte)) return false;
  return true;
}

/** Lower-case ASCII letters only, as SQLite's `lower()` does. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

function rank(value: SortValue): number {
  if (value === null) return 0;
  return typeof value === "string" ? 2 : 1;
}

function codePointRank(unit: number): number {
  // Surrogates encode code points above U+FFFF: they sort after every other UTF-16 unit.
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
