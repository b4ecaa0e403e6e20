/**
 * What the database test servers share: running a set-up command to its end, and a free port.
 *
 * @module
 */

/** Run `command` to its end; a non-zero exit throws with its output. */
export async function run(command: string[]): Promise<void> {
  const output = await new Deno.Command(command[0], {
    args: command.slice(1),
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const decoder = new TextDecoder();
    throw new Error(
      `${command.join(" ")} exited with ${output.code}: ${decoder.decode(output.stderr)}` +
        decoder.decode(output.stdout),
    );
  }
}

/** A port of 127.0.0.1 nothing listens on right now. */
export function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}
