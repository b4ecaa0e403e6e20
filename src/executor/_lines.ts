/**
 * Newline-delimited text over byte streams: the host protocol and bash output both use it.
 *
 * @module
 */

/**
 * Calls `onLine` for every line of a byte stream (without its newline; a trailing `\r` is
 * dropped), including a last line that has no newline. Resolves when the stream ends.
 */
export async function forEachLine(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let rest = "";
  for await (const chunk of stream) {
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    let newline = text.indexOf("\n", start);
    while (newline >= 0) {
      onLine(text.slice(start, text[newline - 1] === "\r" ? newline - 1 : newline));
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) onLine(rest.endsWith("\r") ? rest.slice(0, -1) : rest);
}

/**
 * Writes text to a byte stream in order, gathering what is written during one task of the
 * event loop into one write (no timer: nothing waits longer than the current task).
 */
export class LineWriter {
  #writer: WritableStreamDefaultWriter<Uint8Array>;
  #pending: string[] = [];
  #writing: Promise<void> | null = null;
  #failed: unknown = null;
  #encoder = new TextEncoder();

  /** Writes to this stream. */
  constructor(stream: WritableStream<Uint8Array>) {
    this.#writer = stream.getWriter();
  }

  /** Queues one line (a newline is added). */
  writeLine(line: string): void {
    if (this.#failed !== null) return;
    this.#pending.push(line + "\n");
    this.#writing ??= this.#drain();
  }

  async #drain(): Promise<void> {
    await Promise.resolve();
    try {
      while (this.#pending.length > 0) {
        const text = this.#pending.join("");
        this.#pending = [];
        await this.#writer.write(this.#encoder.encode(text));
      }
    } catch (error) {
      this.#failed = error;
      this.#pending = [];
    } finally {
      this.#writing = null;
    }
  }

  /** Waits for queued lines, then closes the stream (ignoring a reader that already left). */
  async close(): Promise<void> {
    while (this.#writing) await this.#writing;
    try {
      await this.#writer.close();
    } catch {
      // The other side already exited: nothing left to deliver.
    }
  }
}
