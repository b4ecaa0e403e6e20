import assert from "node:assert/strict";
import { DefinitionError } from "./definition_error.ts";
import { formatDuration, parseDuration } from "./duration.ts";

Deno.test("parseDuration reads numbers as milliseconds", () => {
  assert.equal(parseDuration(0, "retryDelay"), 0);
  assert.equal(parseDuration(1500, "retryDelay"), 1500);
});

Deno.test("parseDuration reads single units", () => {
  assert.equal(parseDuration("500ms", "x"), 500);
  assert.equal(parseDuration("30s", "x"), 30_000);
  assert.equal(parseDuration("5m", "x"), 300_000);
  assert.equal(parseDuration("1h", "x"), 3_600_000);
  assert.equal(parseDuration("2d", "x"), 172_800_000);
  assert.equal(parseDuration("1w", "x"), 604_800_000);
  assert.equal(parseDuration("1.5h", "x"), 5_400_000);
  assert.equal(parseDuration(" 45s ", "x"), 45_000);
});

Deno.test("parseDuration reads compounds", () => {
  assert.equal(parseDuration("1h30m", "x"), 5_400_000);
  assert.equal(parseDuration("1d 2h", "x"), 93_600_000);
  assert.equal(parseDuration("1m30s250ms", "x"), 90_250);
  assert.equal(parseDuration("2 h 5 m", "x"), 7_500_000);
});

Deno.test("parseDuration refuses what it cannot read, naming the field", () => {
  for (const bad of ["5 minutes", "", "30", "1h30", "-5s", "5M", "abc", "1.2.3s"]) {
    assert.throws(
      () => parseDuration(bad, "retryDelay"),
      (error: unknown) => {
        assert.ok(error instanceof DefinitionError);
        assert.equal(error.field, "retryDelay");
        assert.equal(
          error.message,
          `retryDelay: invalid duration "${bad}" (use e.g. "30s", "5m", "1h", "2d" or milliseconds)`,
        );
        return true;
      },
      bad,
    );
  }
  for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(
      () => parseDuration(bad, "timeout"),
      /^DefinitionError: timeout: invalid duration/,
    );
  }
  assert.throws(() => parseDuration(null as unknown as string, "timeout"), DefinitionError);
});

Deno.test("formatDuration writes largest units first", () => {
  assert.equal(formatDuration(5_400_000), "1h30m");
  assert.equal(formatDuration(45_000), "45s");
  assert.equal(formatDuration(250), "250ms");
  assert.equal(formatDuration(0), "0s");
  assert.equal(formatDuration(1_500), "1s500ms");
  assert.equal(formatDuration(93_600_000), "1d2h");
  assert.equal(formatDuration(1_209_600_000), "14d");
  assert.equal(formatDuration(-60_000), "-1m");
});

Deno.test("formatDuration output reads back to the same value", () => {
  for (const ms of [1, 999, 61_001, 86_400_000 + 1, 3_723_004]) {
    assert.equal(parseDuration(formatDuration(ms), "x"), ms);
  }
});
