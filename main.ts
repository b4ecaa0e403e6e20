/**
 * Updraft's entry point: the CLI, plus the hidden command a compiled binary starts its sandbox
 * host processes with (kept out of `--help`).
 *
 * @module
 */

import { main } from "./src/cli/mod.ts";
import { EXECUTOR_HOST_COMMAND } from "./src/executor/mod.ts";

if (import.meta.main) {
  if (Deno.args[0] === EXECUTOR_HOST_COMMAND) {
    // Loaded only here: the server and the CLI never need the sandbox host's code.
    const { runExecutorHost } = await import("./src/executor/host/mod.ts");
    await runExecutorHost();
    Deno.exit(0);
  } else {
    Deno.exit(await main(Deno.args));
  }
}
