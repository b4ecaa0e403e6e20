import assert from "node:assert/strict";
import { type NormalComparison, readComparison, satisfies } from "./_comparisons.ts";

const read = (value: unknown) => readComparison(value) as NormalComparison;

Deno.test("satisfies combines every bound, with a relative tolerance", () => {
  const between = read({ geq_to: 10, less_than: 20 });
  assert.deepEqual([9, 10, 19.5, 20].map((value) => satisfies(between, value)), [
    false,
    true,
    true,
    false,
  ]);
  const roughly = read({ equalTo: 100, tolerance: 0.1 });
  assert.deepEqual([89, 90, 110, 111].map((value) => satisfies(roughly, value)), [
    false,
    true,
    true,
    false,
  ]);
  assert.equal(satisfies(read({ greater_than: 10, tolerance: 0.5 }), 6), true);
  assert.equal(satisfies(read({ leq_to: 10, tolerance: 0.5 }), 15), true);
});

Deno.test("satisfies reads numeric text, compares other text as text, and NULL by choice", () => {
  assert.equal(satisfies(read({ equal_to: 1.5 }), "1.50"), true);
  assert.equal(satisfies(read({ greater_than: "2024-01-01" }), "2024-01-02 10:00:00"), true);
  assert.equal(satisfies(read({ equal_to: 0 }), null), false);
  assert.equal(satisfies(read({ equal_to: 0 }), null, { nullAsZero: true }), true);
});

Deno.test("readComparison says what is wrong", () => {
  assert.equal(readComparison([]), 'must be an object such as { "equal_to": 0 }, got []');
  assert.match(readComparison({ near: 1 }) as string, /unknown comparison "near"/);
  assert.match(readComparison({ tolerance: 0.1 }) as string, /needs at least one/);
  assert.match(readComparison({ equal_to: true }) as string, /must be a number or text/);
  assert.match(readComparison({ equal_to: 1, tolerance: -1 }) as string, /non-negative/);
});
