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
  // Pieces of a line not yet ended; joined once its newline arrives (long lines stay linear).
  let parts: string[] = [];
  const emit = (line: string) => onLine(line.endsWith("\r") ? line.slice(0, -1) : line);
  const take = (text: string) => {
    let start = 0;
    let newline = text.indexOf("\n");
    while (newline >= 0) {
      const piece = text.slice(start, newline);
      if (parts.length > 0) {
        parts.push(piece);
        emit(parts.join(""));
        parts = [];
      } else emit(piece);
      start = newline + 1;
      newline = text.indexOf("\n", start);
    }
    if (start < text.length) parts.push(text.slice(start));
  };
  for await (const chunk of stream) take(decoder.decode(chunk, { stream: true }));
  take(decoder.decode());
  if (parts.length > 0) emit(parts.join(""));
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
