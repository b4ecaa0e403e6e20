/**
 * A progress bar on stderr: redrawn in place on a terminal, plain lines otherwise (one per
 * change, at most one every few seconds unless a run finished).
 *
 * @module
 */

import type { RunProgress } from "../app/mod.ts";
import type { Io } from "./_output.ts";

const BAR_WIDTH = 24;
const PLAIN_EVERY_MS = 5_000;

/** Draws {@link RunProgress} updates. */
export class ProgressBar {
  readonly #io: Io;
  readonly #label: string;
  #drawn = false;
  #lastPlainAt = -Infinity;
  #lastRunsDone = -1;

  constructor(io: Io, label: string) {
    this.#io = io;
    this.#label = label;
  }

  /** Show an update. */
  update(progress: RunProgress): void {
    const text = describe(progress);
    if (this.#io.stderrIsTerminal) {
      const share = progress.tasksTotal === 0 ? 0 : progress.tasksDone / progress.tasksTotal;
      const filled = Math.round(share * BAR_WIDTH);
      const bar = "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
      this.#io.err(`\r\x1b[2K${this.#label} ${bar} ${text}`);
      this.#drawn = true;
      return;
    }
    const runFinished = progress.runsDone !== this.#lastRunsDone;
    if (!runFinished && progress.elapsedMs - this.#lastPlainAt < PLAIN_EVERY_MS) return;
    this.#lastRunsDone = progress.runsDone;
    this.#lastPlainAt = progress.elapsedMs;
    this.#io.err(`${this.#label}: ${text}\n`);
  }

  /** Write a line without breaking the bar. */
  line(text: string): void {
    if (this.#drawn) this.#io.err("\r\x1b[2K");
    this.#io.err(`${text}\n`);
  }

  /** End the bar's line. */
  finish(): void {
    if (this.#drawn) this.#io.err("\n");
    this.#drawn = false;
  }
}

function describe(progress: RunProgress): string {
  return `runs ${progress.runsDone}/${progress.runsTotal} · tasks ${progress.tasksDone}/${progress.tasksTotal}` +
    ` · ${elapsed(progress.elapsedMs)}`;
}

function elapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const two = (value: number) => String(value).padStart(2, "0");
  return hours > 0
    ? `${hours}:${two(minutes % 60)}:${two(seconds % 60)}`
    : `${two(minutes)}:${two(seconds % 60)}`;
}
