/**
 * The benchmark harness: what a case is, how its samples are summarised (median and spread),
 * and how results are printed as a table and written as JSON.
 *
 * @module
 */

import type { Floors } from "./_floors.ts";

/** One measured quantity of a case, with its repetitions. */
export interface Metric {
  /** Short name within the case, e.g. "trigger → success". */
  name: string;
  unit: "ms" | "s" | "tasks/s" | "MB" | "%" | "µs";
  /** One value per repetition. */
  samples: number[];
  /** The goal it is held against; `max` for times and sizes, `min` for rates. */
  budget?: { max?: number; min?: number };
  /** What the machine allows at minimum for the same work, in the same unit, and how it is made. */
  floor?: { value: number; of: string };
  /** A note printed under the table (what was checked, what differs). */
  note?: string;
}

/** What a case receives. */
export interface CaseContext {
  /** A small smoke size: proves the case works, measures little. */
  quick: boolean;
  floors: Floors;
  /** Progress lines (stderr). */
  log(line: string): void;
}

/** A benchmark case. */
export interface BenchCase {
  name: string;
  description: string;
  run(context: CaseContext): Promise<Metric[]>;
}

/** A metric with its summary. */
export interface MetricResult extends Metric {
  median: number;
  min: number;
  max: number;
  /** Median divided by the floor, when there is one. */
  ratio: number | null;
  /** Whether the median meets the budget; null when there is none. */
  withinBudget: boolean | null;
}

/** A case's results, or why it failed. */
export interface CaseResult {
  name: string;
  description: string;
  metrics: MetricResult[];
  error: string | null;
  seconds: number;
}

/** The median of some numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The value below which `fraction` of the values fall (nearest rank). */
export function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[rank];
}

/** Summarise a metric. */
export function summarise(metric: Metric): MetricResult {
  const middle = median(metric.samples);
  const budget = metric.budget;
  const withinBudget = budget === undefined
    ? null
    : (budget.max === undefined || middle <= budget.max) &&
      (budget.min === undefined || middle >= budget.min);
  return {
    ...metric,
    median: middle,
    min: Math.min(...metric.samples),
    max: Math.max(...metric.samples),
    ratio: metric.floor && metric.floor.value > 0 ? middle / metric.floor.value : null,
    withinBudget,
  };
}

/** Run the cases in order; a case that throws is reported, the others still run. */
export async function runCases(
  cases: readonly BenchCase[],
  context: CaseContext,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const benchCase of cases) {
    context.log(`\n▶ ${benchCase.name}: ${benchCase.description}`);
    const started = performance.now();
    try {
      const metrics = (await benchCase.run(context)).map(summarise);
      results.push({ ...describe(benchCase), metrics, error: null, seconds: elapsed(started) });
    } catch (error) {
      const message = error instanceof Error ? error.stack ?? error.message : String(error);
      context.log(`✗ ${benchCase.name} failed: ${message}`);
      results.push({
        ...describe(benchCase),
        metrics: [],
        error: message,
        seconds: elapsed(started),
      });
    }
  }
  return results;
}

function describe(benchCase: BenchCase) {
  return { name: benchCase.name, description: benchCase.description };
}

function elapsed(started: number): number {
  return (performance.now() - started) / 1000;
}

/** A number for the table: three significant digits. */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return "–";
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The results as a plain-text table, one row per metric, and the notes below it. */
export function resultTable(results: readonly CaseResult[]): string {
  const header = ["case", "metric", "median", "spread (min–max)", "floor", "×floor", "budget", ""];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const result of results) {
    if (result.error) {
      rows.push([result.name, "ERROR", result.error.split("\n")[0], "", "", "", "", "✗"]);
      continue;
    }
    for (const metric of result.metrics) {
      const unit = ` ${metric.unit}`;
      const budget = metric.budget
        ? metric.budget.max !== undefined
          ? `≤ ${metric.budget.max}${unit}`
          : `≥ ${metric.budget.min}${unit}`
        : "";
      rows.push([
        result.name,
        metric.name,
        `${formatNumber(metric.median)}${unit}`,
        `${formatNumber(metric.min)}–${formatNumber(metric.max)}`,
        metric.floor ? `${formatNumber(metric.floor.value)}${unit}` : "",
        metric.ratio === null ? "" : `${formatNumber(metric.ratio)}×`,
        budget,
        metric.withinBudget === null ? "" : metric.withinBudget ? "ok" : "over",
      ]);
      if (metric.floor) notes.push(`${result.name} / ${metric.name}: floor = ${metric.floor.of}`);
      if (metric.note) notes.push(`${result.name} / ${metric.name}: ${metric.note}`);
    }
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column].length))
  );
  const line = (cells: string[]) =>
    cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ").trimEnd();
  return [
    line(header),
    widths.map((width) => "-".repeat(width)).join("-|-"),
    ...rows.map(line),
    "",
    ...notes.map((note) => `- ${note}`),
  ].join("\n");
}
