/**
 * Decides whether a parse Worker may parse another DAG file after this one. Booting a Worker
 * and loading `node:vm` into it costs ~20 ms of CPU, more than parsing a typical file, so a
 * Worker parses several files in turn — but only while each file leaves the Worker as it found
 * it: no global, built-in or SDK object changed, and no timer left pending. A file that changed
 * anything retires its Worker; the next file gets a fresh one.
 *
 * @module
 */

/** One watched object's own properties: key → value (or getter and setter). */
type Snapshot = Map<PropertyKey, readonly unknown[]>;

/** Watches the realm's shared objects and the timers DAG files start. */
export class ParseGuard {
  readonly #watched: object[];
  readonly #baseline: Snapshot[];
  readonly #timers = new Set<number>();

  /** Installs the timer tracking, then records the objects as they are now. */
  constructor(sharedObjects: readonly object[]) {
    this.#trackTimers();
    this.#watched = [...new Set([...builtIns(), ...sharedObjects])];
    this.#baseline = this.#watched.map(snapshot);
  }

  /** Whether the Worker is as it was at start: nothing changed, no timer pending. */
  isClean(): boolean {
    if (this.#timers.size > 0) return false;
    return this.#watched.every((object, index) => sameSnapshot(this.#baseline[index], object));
  }

  #trackTimers(): void {
    const timers = this.#timers;
    const global = globalThis as unknown as Record<string, (...args: never[]) => unknown>;
    const wrap = (name: string, repeats: boolean) => {
      const original = global[name] as (callback: unknown, ...rest: unknown[]) => number;
      global[name] = ((callback: unknown, ...rest: unknown[]) => {
        const run = typeof callback === "function"
          ? (...args: unknown[]) => {
            if (!repeats) timers.delete(id);
            return (callback as (...args: unknown[]) => unknown)(...args);
          }
          : callback;
        const id = original(run, ...rest);
        timers.add(id);
        return id;
      }) as never;
    };
    wrap("setTimeout", false);
    wrap("setInterval", true);
    for (const name of ["clearTimeout", "clearInterval"]) {
      const original = global[name] as (id?: number) => void;
      global[name] = ((id?: number) => {
        if (id !== undefined) timers.delete(id);
        original(id);
      }) as never;
    }
  }
}

/** The realm's objects every script shares: the global, the constructors and their prototypes. */
function builtIns(): object[] {
  const objects: object[] = [globalThis, JSON, Math, Reflect, Atomics, Intl];
  for (
    const constructor of [
      Object,
      Function,
      Array,
      String,
      Number,
      Boolean,
      Symbol,
      BigInt,
      Date,
      RegExp,
      Error,
      TypeError,
      RangeError,
      Promise,
      Map,
      Set,
      WeakMap,
      WeakSet,
      ArrayBuffer,
      Uint8Array,
      Object.getPrototypeOf(Uint8Array),
    ]
  ) {
    objects.push(constructor, constructor.prototype);
  }
  return objects;
}

/** A property as compared: its value, or its getter and setter. */
function property(object: object, key: PropertyKey): readonly unknown[] {
  const descriptor = Reflect.getOwnPropertyDescriptor(object, key)!;
  return "value" in descriptor ? [descriptor.value] : [descriptor.get, descriptor.set];
}

function snapshot(object: object): Snapshot {
  return new Map(Reflect.ownKeys(object).map((key) => [key, property(object, key)]));
}

function sameSnapshot(before: Snapshot, object: object): boolean {
  const keys = Reflect.ownKeys(object);
  if (keys.length !== before.size) return false;
  return keys.every((key) => {
    const was = before.get(key);
    const now = property(object, key);
    return was !== undefined && now.length === was.length &&
      now.every((item, index) => Object.is(item, was[index]));
  });
}
