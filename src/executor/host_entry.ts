/**
 * Entry point of a sandbox host process under `deno run` (the compiled binary reaches
 * `runExecutorHost` through its hidden `__executor-host` command instead).
 *
 * @module
 */

import { runExecutorHost } from "./host.ts";

await runExecutorHost();
Deno.exit(0);
