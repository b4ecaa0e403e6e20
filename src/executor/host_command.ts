/**
 * How the executor starts a sandbox host process.
 *
 * @module
 */

/** The hidden CLI command a compiled binary routes to `runExecutorHost()`. */
export const EXECUTOR_HOST_COMMAND = "__executor-host";

/**
 * The command that starts a sandbox host: the binary's hidden `__executor-host` command when
 * compiled, else `deno run` of `host_entry.ts` with the repository's `deno.json`. The memory
 * limit goes in as a V8 flag (and `DENO_V8_FLAGS`, see `hostEnvironment`).
 */
export function defaultHostCommand(options: { hostMemoryMb?: number } = {}): string[] {
  if (Deno.build.standalone) return [Deno.execPath(), EXECUTOR_HOST_COMMAND];
  const memory = options.hostMemoryMb === undefined
    ? []
    : [`--v8-flags=--max-old-space-size=${options.hostMemoryMb}`];
  return [
    Deno.execPath(),
    "run",
    "--allow-all",
    "--unstable-worker-options",
    ...memory,
    "--config",
    new URL("../../deno.json", import.meta.url).pathname,
    new URL("./host_entry.ts", import.meta.url).pathname,
  ];
}
