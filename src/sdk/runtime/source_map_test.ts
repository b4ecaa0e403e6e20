import assert from "node:assert/strict";
import {
  decodeMappings,
  mapStack,
  originalPosition,
  parseInlineSourceMap,
  stackPositions,
} from "./mod.ts";

// Hand-checked Base64 VLQ: "A"=0, "C"=1, "D"=-1, "E"=2, "gB"=16, "2H"=123 (continuation digits).
Deno.test("decodeMappings decodes VLQ segments with relative fields", () => {
  assert.deepEqual(decodeMappings("AAAA,EAAE;AACF;;gBAAgB"), [
    [[0, 0, 0, 0], [2, 0, 0, 2]],
    [[0, 0, 1, 0]],
    [],
    [[16, 0, 1, 16]],
  ]);
  assert.deepEqual(decodeMappings("2HACD"), [[[123, 0, 1, -1]]]);
  assert.deepEqual(decodeMappings("AAAA,C;"), [[[0, 0, 0, 0]], []], "1-field segments are skipped");
  assert.throws(() => decodeMappings("A!"), /invalid VLQ character "!"/);
});

const map = {
  version: 3,
  sources: ["helper.ts", "dag.ts"],
  sourceRoot: "dags:///",
  sourcesContent: ["h", "d"],
  // line 1 → helper.ts:1:1; line 2 → helper.ts:5:3 and, from column 10, dag.ts:7:1
  mappings: "AAAA;AAIE,UCEF",
};
const code = `x;\ny;\n//# sourceMappingURL=data:application/json;base64,${
  btoa(JSON.stringify(map))
}\n`;

Deno.test("parseInlineSourceMap and originalPosition", () => {
  const parsed = parseInlineSourceMap(code);
  assert.ok(parsed);
  assert.deepEqual(parsed.sources, ["helper.ts", "dag.ts"]);
  assert.deepEqual(originalPosition(parsed, { line: 1, column: 1 }), {
    source: "helper.ts",
    line: 1,
    column: 1,
  });
  assert.deepEqual(originalPosition(parsed, { line: 2, column: 9 }), {
    source: "helper.ts",
    line: 5,
    column: 3,
  });
  assert.deepEqual(originalPosition(parsed, { line: 2, column: 11 }), {
    source: "dag.ts",
    line: 7,
    column: 1,
  });
  assert.equal(originalPosition(parsed, { line: 9, column: 1 }), null);
  assert.equal(parseInlineSourceMap("no map here"), null);
});

Deno.test("mapStack maps bundle frames and drops the others", () => {
  const parsed = parseInlineSourceMap(code);
  const stack = [
    "Error: boom",
    "    at explode (updraft-bundle:2:12)",
    "    at runTask (file:///app/src/sdk/runtime/run_task.ts:80:20)",
    "    at load (dags:///sub/etl.ts:12:5)",
    "    at data:text/javascript;base64,QUJD......REVG:2:1",
    "    at ext:core/01_core.js:1:1",
  ].join("\n");
  assert.equal(
    mapStack(stack, { map: parsed }),
    [
      "Error: boom",
      "    at explode (dag.ts:7:1)",
      "    at load (sub/etl.ts:12:5)",
      "    at helper.ts:5:3",
    ].join("\n"),
  );
  assert.deepEqual(stackPositions(stack, parsed).map((p) => `${p.source}:${p.line}`), [
    "dag.ts:7",
    "sub/etl.ts:12",
    "helper.ts:5",
  ]);
  const plain = "Error: x\n    at f (file:///a.ts:1:1)";
  assert.equal(mapStack(plain), plain, "a stack without bundle frames is unchanged");
});
