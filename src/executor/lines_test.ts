import assert from "node:assert/strict";
import { forEachLine, LineWriter } from "./_lines.ts";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return ReadableStream.from(chunks.map((chunk) => encoder.encode(chunk)));
}

Deno.test("lines split across chunks, CRLF and a last line without newline", async () => {
  const lines: string[] = [];
  await forEachLine(
    streamOf(["a\r\nb", "c\n\nlong ", "line ", "é", "nd\nlast"]),
    (line) => lines.push(line),
  );
  assert.deepEqual(lines, ["a", "bc", "", "long line énd", "last"]);
});

Deno.test("a multi-byte character split between chunks is decoded once whole", async () => {
  const bytes = new TextEncoder().encode("ü\n");
  const lines: string[] = [];
  await forEachLine(
    ReadableStream.from([bytes.subarray(0, 1), bytes.subarray(1)]),
    (line) => lines.push(line),
  );
  assert.deepEqual(lines, ["ü"]);
});

Deno.test("LineWriter writes lines in order and closes", async () => {
  const received: string[] = [];
  const decoder = new TextDecoder();
  const writer = new LineWriter(
    new WritableStream<Uint8Array>({ write: (chunk) => void received.push(decoder.decode(chunk)) }),
  );
  writer.writeLine("one");
  writer.writeLine("two");
  await writer.close();
  assert.equal(received.join(""), "one\ntwo\n");
});
