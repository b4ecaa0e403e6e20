/**
 * Runs an `s3FileTransform` script: the object on standard input, the result from standard
 * output, standard error line by line into the task's log; a clean environment; stopped when
 * the try is (`ctx.signal`).
 *
 * @module
 */

import type { TaskContext } from "updraft";

/** A PATH for scripts started with `#!/usr/bin/env …` (the environment is otherwise empty). */
const SCRIPT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** Run `script /dev/stdin /dev/stdout ...args` on `input`; returns what it wrote. */
export async function runTransformScript(
  ctx: TaskContext,
  script: string,
  args: string[],
  input: Uint8Array,
): Promise<Uint8Array> {
  ctx.log(`Running transform script ${script} ${args.join(" ")}`.trim());
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command(script, {
      args: ["/dev/stdin", "/dev/stdout", ...args],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      clearEnv: true,
      env: { PATH: SCRIPT_PATH },
      signal: ctx.signal,
    }).spawn();
  } catch (error) {
    throw new Error(
      `task "${ctx.taskId}": cannot start transform script ${script}: ${
        error instanceof Error ? error.message : error
      }`,
      { cause: error },
    );
  }
  const feeding = feed(child.stdin, input);
  const logging = logLines(child.stderr, (line) => ctx.log(line));
  const output = new Uint8Array(await new Response(child.stdout).arrayBuffer());
  const [status] = await Promise.all([child.status, feeding, logging]);
  if (ctx.signal.aborted) throw ctx.signal.reason;
  if (!status.success) {
    throw new Error(
      `task "${ctx.taskId}": transform script ${script} failed with exit code ${status.code}` +
        (status.signal ? ` (signal ${status.signal})` : ""),
    );
  }
  ctx.log(`Transform script wrote ${output.byteLength} bytes`);
  return output;
}

async function feed(stdin: WritableStream<Uint8Array>, input: Uint8Array): Promise<void> {
  const writer = stdin.getWriter();
  try {
    await writer.write(input);
    await writer.close();
  } catch {
    // The script stopped reading (or exited) early: its exit code tells what happened.
  }
}

async function logLines(
  stream: ReadableStream<Uint8Array>,
  log: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const bytes of stream) {
    const lines = (rest + decoder.decode(bytes, { stream: true })).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) log(line);
  }
  rest += decoder.decode();
  if (rest) log(rest);
}
