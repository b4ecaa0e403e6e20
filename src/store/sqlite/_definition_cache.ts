/**
 * Parsed DAG definitions by version hash. A version never changes once stored, so each is read
 * and parsed once, then frozen (callers cannot alter what the next snapshot returns).
 *
 * @module
 */

import type { DagDefinition } from "../../core/mod.ts";

/** How many versions to keep parsed; the least recently used go first. */
const LIMIT = 2000;

/** A bounded cache of frozen definitions. */
export class DefinitionCache {
  readonly #entries = new Map<string, DagDefinition>();

  /** The cached definition of a version, if parsed before. */
  get(versionHash: string): DagDefinition | undefined {
    const found = this.#entries.get(versionHash);
    if (found) {
      this.#entries.delete(versionHash);
      this.#entries.set(versionHash, found);
    }
    return found;
  }

  /** Parse, freeze and keep a version's definition JSON. */
  add(versionHash: string, json: string): DagDefinition {
    const definition = deepFreeze(JSON.parse(json) as DagDefinition);
    this.#entries.set(versionHash, definition);
    if (this.#entries.size > LIMIT) this.#entries.delete(this.#entries.keys().next().value!);
    return definition;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
