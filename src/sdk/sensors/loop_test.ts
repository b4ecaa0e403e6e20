import assert from "node:assert/strict";
import type { SensorContextData, SensorSettings, TaskContextData } from "../../core/mod.ts";
import { FailTask, SensorTimeout, SkipTask } from "../errors.ts";
import { buildContext, classifyTaskError } from "../runtime/mod.ts";
import type { TaskContext } from "../types.ts";
import { nextPokeIntervalMs } from "./_backoff.ts";
import { type PokeResult, runSensor, type SensorClock } from "./_loop.ts";

const T0 = Date.UTC(2024, 0, 3, 12);
const S = 1000;

function settings(overrides: Partial<SensorSettings> = {}): SensorSettings {
  return {
    mode: "poke",
    pokeIntervalMs: 60 * S,
    timeoutMs: 3600 * S,
    softFail: false,
    neverFail: false,
    silentFail: false,
    exponentialBackoff: false,
    maxWaitMs: null,
    reschedulesBetweenPokes: false,
    ...overrides,
  };
}

/** A clock that starts at T0 and moves only when the sensor sleeps. */
class FakeClock implements SensorClock {
  time = T0;
  readonly sleeps: number[] = [];
  now = () => this.time;
  sleep = (ms: number) => {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  };
}

function context(sensor?: SensorContextData): { ctx: TaskContext; lines: string[] } {
  const data: TaskContextData = {
    dagId: "d",
    runId: "manual__1",
    taskId: "wait",
    mapIndex: -1,
    tryNumber: 1,
    maxTries: 0,
    runType: "manual",
    externalTrigger: true,
    logicalDate: T0,
    dataIntervalStart: T0,
    dataIntervalEnd: T0,
    prevLogicalDate: null,
    nextLogicalDate: null,
    runStartDate: T0,
    params: {},
    conf: {},
    dag: { dagId: "d", owner: "updraft", tags: [], fileloc: "d.ts", timezone: "UTC" },
    ...(sensor ? { sensor } : {}),
  };
  const lines: string[] = [];
  const { ctx } = buildContext({
    context: data,
    xcoms: [],
    fields: {},
    signal: new AbortController().signal,
    log: (line) => lines.push(line),
  });
  return { ctx, lines };
}

/** Pokes that answer from a list, one entry per poke (the last one repeats). */
function answers(...list: (PokeResult<number> | Error)[]) {
  let count = 0;
  const poke = () => {
    const answer = list[Math.min(count++, list.length - 1)];
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { poke, pokes: () => count };
}

async function outcomeOf(promise: Promise<unknown>) {
  try {
    return { status: "success", value: await promise };
  } catch (error) {
    return classifyTaskError(error);
  }
}

Deno.test("poke mode: pokes, sleeps pokeInterval, pokes again until done; returns xcomValue", async () => {
  const clock = new FakeClock();
  const { poke, pokes } = answers(false, { done: false }, { done: true, xcomValue: 7 });
  const { ctx, lines } = context();
  assert.equal(await runSensor(ctx, settings(), poke, clock), 7);
  assert.equal(pokes(), 3);
  assert.deepEqual(clock.sleeps, [60 * S, 60 * S]);
  assert.ok(lines.includes("Success criteria met. Exiting."));
});

Deno.test("fact 97: after the timeout the sensor fails without retry, or is skipped with softFail", async () => {
  // Pokes at 0, 60, 120, 180 s: the first one past the 150 s timeout ends it.
  const clock = new FakeClock();
  const { poke, pokes } = answers(false);
  const { ctx } = context();
  const outcome = await outcomeOf(runSensor(ctx, settings({ timeoutMs: 150 * S }), poke, clock));
  assert.equal(pokes(), 4);
  assert.equal(outcome.status, "failed");
  assert.ok("noRetry" in outcome && outcome.noRetry, "a sensor timeout is not retried");
  assert.match(
    "error" in outcome ? outcome.error : "",
    /^SensorTimeout: Sensor has timed out; run duration of 3m exceeds the specified timeout of 2m30s\.$/,
  );
  const soft = await outcomeOf(
    runSensor(context().ctx, settings({ timeoutMs: 150 * S, softFail: true }), poke, clock),
  );
  assert.equal(soft.status, "skipped");
  const never = await outcomeOf(
    runSensor(context().ctx, settings({ timeoutMs: 0, neverFail: true }), poke, clock),
  );
  assert.equal(never.status, "failed", "neverFail does not cover the timeout (fact 97)");
});

Deno.test("reschedule mode: a poke that is not done ends the attempt with the next poke's date", async () => {
  const clock = new FakeClock();
  const { ctx, lines } = context({ startedAt: null });
  const outcome = await outcomeOf(
    runSensor(ctx, settings({ mode: "reschedule" }), answers(false).poke, clock),
  );
  assert.deepEqual(outcome, { status: "reschedule", at: T0 + 60 * S });
  assert.deepEqual(clock.sleeps, [], "no waiting inside the sandbox");
  assert.ok(lines.some((line) => line.includes("next poke at 2024-01-03T12:01:00")));
  const done = await runSensor(
    ctx,
    settings({ mode: "reschedule" }),
    answers({ done: true, xcomValue: 3 }).poke,
    clock,
  );
  assert.equal(done, 3);
});

Deno.test("fact 96: in reschedule mode the timeout counts from the first poke the scheduler reports", async () => {
  const clock = new FakeClock();
  const reschedule = settings({ mode: "reschedule", timeoutMs: 100 * S });
  const late = context({ startedAt: T0 - 101 * S }).ctx;
  const timedOut = await outcomeOf(runSensor(late, reschedule, answers(false).poke, clock));
  assert.equal(timedOut.status, "failed");
  assert.match("error" in timedOut ? timedOut.error : "", /SensorTimeout: Sensor has timed out/);
  const inTime = context({ startedAt: T0 - 99 * S }).ctx;
  const rescheduled = await outcomeOf(runSensor(inTime, reschedule, answers(false).poke, clock));
  assert.equal(rescheduled.status, "reschedule");
  // Poke mode ignores an earlier start: its timeout counts from this try's start.
  const poke = await outcomeOf(
    runSensor(late, settings({ timeoutMs: 100 * S }), answers(false, true).poke, clock),
  );
  assert.equal(poke.status, "success");
});

Deno.test("a sensor that needs fresh data from the scheduler reschedules in poke mode too", async () => {
  const clock = new FakeClock();
  const { ctx } = context({ startedAt: null });
  const outcome = await outcomeOf(
    runSensor(ctx, settings({ reschedulesBetweenPokes: true }), answers(false).poke, clock),
  );
  assert.deepEqual(outcome, { status: "reschedule", at: T0 + 60 * S });
});

Deno.test("fact 98: what a poke throws", async () => {
  const clock = new FakeClock();
  const run = (overrides: Partial<SensorSettings>, ...list: (boolean | Error)[]) =>
    outcomeOf(runSensor(context().ctx, settings(overrides), answers(...list).poke, clock));
  const fail = new FailTask("gone for good");
  const timeout = new SensorTimeout("the poke gave up");
  const broken = new Error("flaky");
  assert.equal((await run({}, fail)).status, "failed");
  assert.ok(((await run({}, fail)) as { noRetry: boolean }).noRetry);
  assert.ok(((await run({}, timeout)) as { noRetry: boolean }).noRetry);
  assert.deepEqual(await run({ softFail: true }, fail), {
    status: "skipped",
    reason: "Skipping due to softFail is set to true: gone for good",
  });
  assert.equal((await run({ neverFail: true }, timeout)).status, "skipped");
  assert.deepEqual(await run({ softFail: true }, new SkipTask("not today")), {
    status: "skipped",
    reason: "not today",
  });
  const plain = await run({ softFail: true }, broken);
  assert.equal(plain.status, "failed", "softFail does not cover other errors (2.10)");
  assert.ok(!(plain as { noRetry: boolean }).noRetry, "retries apply");
  assert.deepEqual(await run({ neverFail: true }, broken), {
    status: "skipped",
    reason: "Skipping due to neverFail is set to true: flaky",
  });
  const silent = await run({ silentFail: true }, broken, broken, true);
  assert.equal(silent.status, "success", "silentFail treats the error as not yet");
  assert.equal((await run({ silentFail: true }, fail)).status, "failed");
});

Deno.test("a poke must return a boolean or { done, xcomValue }", async () => {
  const outcome = await outcomeOf(
    runSensor(context().ctx, settings(), () => "yes" as never, new FakeClock()),
  );
  assert.equal(outcome.status, "failed");
  assert.match(
    "error" in outcome ? outcome.error : "",
    /the poke of sensor "wait" must return true, false or \{ done, xcomValue \}; it returned "yes"/,
  );
});

Deno.test("fact 100: exponential backoff waits in Airflow's ranges, capped by the timeout and maxWait", async () => {
  const backoff = settings({ exponentialBackoff: true });
  const progress = {
    dagId: "d",
    taskId: "wait",
    startedAt: "2024-01-03T12:00:00+00:00",
    elapsedMs: 0,
    estimatePokeCount: false,
  };
  const ranges: [number, number][] = [[30, 59], [60, 119], [120, 239]];
  for (const [index, [low, high]] of ranges.entries()) {
    for (const startedAt of ["a", "b", "c", "d", "e"]) {
      const wait = await nextPokeIntervalMs(backoff, {
        ...progress,
        startedAt,
        pokeCount: index + 1,
      });
      assert.ok(wait >= low * S && wait <= high * S, `poke ${index + 1}: ${wait} ms`);
    }
  }
  const capped = await nextPokeIntervalMs(
    settings({ exponentialBackoff: true, timeoutMs: 100 * S }),
    { ...progress, pokeCount: 3, elapsedMs: 90.5 * S },
  );
  assert.equal(capped, 10 * S, "never past the timeout");
  const maxWait = await nextPokeIntervalMs(
    settings({ exponentialBackoff: true, maxWaitMs: 45 * S }),
    { ...progress, pokeCount: 3 },
  );
  assert.equal(maxWait, 45 * S);
  assert.equal(
    await nextPokeIntervalMs(settings(), { ...progress, pokeCount: 5 }),
    60 * S,
    "no backoff: the poke interval",
  );
  // Reschedule mode estimates k from the elapsed time: at 0 s it is the first wait.
  const first = await nextPokeIntervalMs(backoff, {
    ...progress,
    pokeCount: 1,
    estimatePokeCount: true,
  });
  assert.ok(first >= 30 * S && first <= 59 * S, `${first}`);
  const later = await nextPokeIntervalMs(backoff, {
    ...progress,
    pokeCount: 1,
    elapsedMs: 600 * S,
    estimatePokeCount: true,
  });
  assert.ok(later >= 240 * S, `after 10 minutes the waits have grown: ${later}`);
});

Deno.test("poke mode with backoff sleeps growing waits", async () => {
  const clock = new FakeClock();
  const { ctx } = context();
  await runSensor(
    ctx,
    settings({ exponentialBackoff: true }),
    answers(false, false, false, true).poke,
    clock,
  );
  const [first, second, third] = clock.sleeps;
  assert.ok(first >= 30 * S && first <= 59 * S, `${first}`);
  assert.ok(second >= 60 * S && second <= 119 * S, `${second}`);
  assert.ok(third >= 120 * S && third <= 239 * S, `${third}`);
});
