/**
 * Where a command's output goes and how records are printed: an aligned table for people, or
 * one JSON document for scripts.
 *
 * @module
 */

import type { JsonValue } from "../core/mod.ts";

/** The terminal a command talks to; tests pass their own. */
export interface Io {
  /** Write to stdout (the text carries its own newlines). */
  out(text: string): void;
  /** Write to stderr. */
  err(text: string): void;
  /** Whether stdin is a terminal a user can answer prompts on. */
  stdinIsTerminal: boolean;
  /** Whether stderr is a terminal (progress bars redraw in place only there). */
  stderrIsTerminal: boolean;
  /** Ask a yes/no question on the terminal. */
  confirm(question: string): Promise<boolean>;
  /** The environment configuration is read from. */
  env: Record<string, string>;
}

const encoder = new TextEncoder();

/** The process's own terminal. */
export function processIo(): Io {
  return {
    out: (text) => writeAll(Deno.stdout, text),
    err: (text) => writeAll(Deno.stderr, text),
    stdinIsTerminal: Deno.stdin.isTerminal(),
    stderrIsTerminal: Deno.stderr.isTerminal(),
    confirm: (question) => Promise.resolve(confirm(question)),
    env: Deno.env.toObject(),
  };
}

function writeAll(stream: { writeSync(bytes: Uint8Array): number }, text: string): void {
  const bytes = encoder.encode(text);
  let written = 0;
  while (written < bytes.length) written += stream.writeSync(bytes.subarray(written));
}

/** A record to print: column name → value. */
export type Row = Record<string, JsonValue>;

/** The output formats of `-o/--output`. */
export type OutputFormat = "table" | "json";

/**
 * Print records: as a table with the given columns, or as a JSON array (or a single object when
 * `single` is set).
 */
export function printRecords(
  io: Io,
  rows: Row[],
  options: { format: OutputFormat; columns?: string[]; single?: boolean; empty?: string },
): void {
  if (options.format === "json") {
    const document = options.single ? rows[0] ?? null : rows;
    io.out(JSON.stringify(document, null, 2) + "\n");
    return;
  }
  if (rows.length === 0) {
    io.out(`${options.empty ?? "No data found"}\n`);
    return;
  }
  io.out(formatTable(rows, options.columns ?? Object.keys(rows[0])));
}

/** An aligned table with a header row. */
export function formatTable(rows: Row[], columns: string[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(row[column])));
  const widths = columns.map((column, index) =>
    Math.max(column.length, ...cells.map((line) => line[index].length))
  );
  const line = (values: string[]) =>
    values.map((value, index) => value.padEnd(widths[index])).join(" | ").trimEnd();
  const rule = widths.map((width) => "=".repeat(width)).join("=+=");
  return [line(columns), rule, ...cells.map(line)].join("\n") + "\n";
}

function cellText(value: JsonValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value).replace(/\r?\n/g, " ");
}
