/**
 * One watcher of the store's scheduling version for all open pages: while anyone listens, it
 * reads the version every `intervalMs` (one cheap query, whatever the number of pages) and
 * tells every listener when it changed. It sees changes made by other processes sharing the
 * database too.
 *
 * @module
 */

import type { Store } from "../../store/mod.ts";

/** Tells listeners that scheduling state changed. */
export class ChangeFeed {
  readonly #store: Store;
  readonly #intervalMs: number;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #version: string | null = null;

  constructor(store: Store, options: { intervalMs?: number } = {}) {
    this.#store = store;
    this.#intervalMs = options.intervalMs ?? 150;
  }

  /** How many listeners there are now. */
  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** Call `listener` after each change until the returned function is called. */
  listen(listener: () => void): () => void {
    this.#listeners.add(listener);
    if (this.#timer === null) this.#schedule();
    return () => {
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0 && this.#timer !== null) {
        clearTimeout(this.#timer);
        this.#timer = null;
        this.#version = null;
      }
    };
  }

  /** Tell listeners now (after a change made in this process). */
  notify(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Stop watching; listeners are dropped. */
  close(): void {
    this.#listeners.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    this.#timer = setTimeout(() => this.#check(), this.#intervalMs);
  }

  async #check(): Promise<void> {
    try {
      const version = await this.#store.schedulingVersion();
      if (this.#version !== null && version !== this.#version) this.notify();
      this.#version = version;
    } catch (error) {
      console.error(`dashboard: reading the scheduling version failed: ${error}`);
    }
    if (this.#listeners.size > 0 && this.#timer !== null) this.#schedule();
  }
}
