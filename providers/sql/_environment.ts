/**
 * The npm drivers read optional environment variables (postgres.js: `PGAPPNAME`, `PGSSL`, …;
 * mysql2: `NODE_DEBUG` when it loads). A task's sandbox usually has no `env` permission, so those
 * reads would throw. While a driver loads or reads its options it sees an environment in which a
 * variable the task may not read is simply unset.
 *
 * @module
 */

import process from "node:process";

function forgivingEnvironment(real: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy({}, {
    get(_target, name) {
      if (typeof name !== "string") return undefined;
      try {
        return real[name];
      } catch {
        return undefined;
      }
    },
    has(_target, name) {
      try {
        return name in real;
      } catch {
        return false;
      }
    },
  }) as NodeJS.ProcessEnv;
}

let depth = 0;
let real: NodeJS.ProcessEnv = process.env;

/** Run `body` (sync or async) while `process.env` forgives missing permissions. */
export async function withForgivingEnvironment<T>(body: () => T | Promise<T>): Promise<T> {
  // Overlapping calls (two hooks connecting at once) share one replacement.
  if (depth++ === 0) {
    real = process.env;
    process.env = forgivingEnvironment(real);
  }
  try {
    return await body();
  } finally {
    if (--depth === 0) process.env = real;
  }
}
