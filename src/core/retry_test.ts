import assert from "node:assert/strict";
import { nextRetryAt, retryDelayMs, shouldRetry } from "./retry.ts";

Deno.test("shouldRetry: retries left, none left, no retries (fact 73)", () => {
  assert.equal(shouldRetry({ tryNumber: 1, maxTries: 2 }, { retries: 2 }), true);
  assert.equal(shouldRetry({ tryNumber: 2, maxTries: 2 }, { retries: 2 }), true);
  assert.equal(shouldRetry({ tryNumber: 3, maxTries: 2 }, { retries: 2 }), false);
  assert.equal(shouldRetry({ tryNumber: 1, maxTries: 0 }, { retries: 0 }), false);
  // After a clear, max_tries grows (fact 80): try 3 of a task with one retry may retry again.
  assert.equal(shouldRetry({ tryNumber: 3, maxTries: 3 }, { retries: 1 }), true);
  // Retries removed from the task: no retry even with budget left on the instance.
  assert.equal(shouldRetry({ tryNumber: 1, maxTries: 2 }, { retries: 0 }), false);
});

Deno.test("shouldRetry: forced failures never retry, restarting always does (facts 73–74)", () => {
  assert.equal(
    shouldRetry({ tryNumber: 1, maxTries: 3 }, { retries: 3 }, { noRetry: true }),
    false,
  );
  assert.equal(
    shouldRetry({ tryNumber: 5, maxTries: 0 }, { retries: 0 }, { wasRestarting: true }),
    true,
  );
  assert.equal(
    shouldRetry({ tryNumber: 1, maxTries: 3 }, { retries: 3 }, {
      noRetry: true,
      wasRestarting: true,
    }),
    false,
  );
});

const plain = { retryDelayMs: 300_000, retryExponentialBackoff: false, maxRetryDelayMs: null };
const backoff = { retryDelayMs: 30_000, retryExponentialBackoff: true, maxRetryDelayMs: 3_600_000 };

Deno.test("retryDelayMs without backoff is the retry delay, uncapped (fact 77)", () => {
  assert.equal(retryDelayMs(plain, 1, "k"), 300_000);
  assert.equal(retryDelayMs(plain, 9, "k"), 300_000);
  assert.equal(
    retryDelayMs({ ...plain, retryDelayMs: 7_200_000, maxRetryDelayMs: 60_000 }, 3, "k"),
    7_200_000,
  );
});

function assertRange(value: number, low: number, high: number, label: string) {
  assert.ok(value >= low && value <= high, `${label}: ${value} not in [${low}, ${high}]`);
}

Deno.test("retryDelayMs with backoff: the vectors of fact 78 as ranges", () => {
  for (const key of ["d#t#2024-01-01T00:00:00+00:00", "other#key", ""]) {
    assertRange(retryDelayMs(backoff, 0, key), 15_000, 29_000, "t=0");
    assertRange(retryDelayMs(backoff, 1, key), 30_000, 59_000, "t=1");
    assertRange(retryDelayMs(backoff, 3, key), 120_000, 239_000, "t=3");
    assertRange(retryDelayMs(backoff, 5, key), 480_000, 959_000, "t=5");
    assert.equal(retryDelayMs(backoff, 9, key), 3_600_000, "t=9 capped");
    assert.equal(retryDelayMs(backoff, 50, key), 3_600_000, "t=50 capped");
    assert.equal(retryDelayMs(backoff, 5000, key), 3_600_000, "huge t capped");
    for (const delay of [0, 500, 1000]) {
      assert.equal(
        retryDelayMs({ ...backoff, retryDelayMs: delay }, 0, key),
        1_000,
        `delay ${delay}`,
      );
    }
  }
});

Deno.test("retryDelayMs with backoff: whole seconds, deterministic, varied by key and try", () => {
  const delays = new Set<number>();
  for (let i = 0; i < 50; i++) {
    const delay = retryDelayMs(backoff, 4, `dag#task#${i}`);
    assert.equal(delay % 1000, 0);
    assert.equal(delay, retryDelayMs(backoff, 4, `dag#task#${i}`));
    delays.add(delay);
  }
  assert.ok(delays.size > 10, `jitter should vary, got ${delays.size} values`);
});

Deno.test("retryDelayMs caps: global default one day, configurable; zero max delay is no cap", () => {
  const uncapped = { ...backoff, maxRetryDelayMs: null };
  assert.equal(retryDelayMs(uncapped, 30, "k"), 86_400_000);
  assert.equal(retryDelayMs(uncapped, 30, "k", { maxTaskRetryDelayMs: 600_000 }), 600_000);
  assert.equal(retryDelayMs({ ...backoff, maxRetryDelayMs: 0 }, 30, "k"), 86_400_000);
  assert.equal(retryDelayMs({ ...backoff, maxRetryDelayMs: 45_500 }, 30, "k"), 45_500);
});

Deno.test("nextRetryAt is the end date (or now) plus the delay (fact 76)", () => {
  const identity = { dagId: "d", taskId: "t", logicalDate: Date.UTC(2024, 0, 1) };
  const end = Date.UTC(2024, 0, 1, 1);
  assert.equal(
    nextRetryAt(plain, { tryNumber: 1, endDate: end }, identity, end + 5),
    end + 300_000,
  );
  assert.equal(
    nextRetryAt(plain, { tryNumber: 1, endDate: null }, identity, end + 5),
    end + 5 + 300_000,
  );
  const at = nextRetryAt(backoff, { tryNumber: 1, endDate: end }, identity, end);
  assertRange(at - end, 30_000, 59_000, "first retry with backoff");
  assert.equal(
    at - end,
    retryDelayMs(backoff, 1, "d#t#2024-01-01T00:00:00+00:00"),
  );
});
