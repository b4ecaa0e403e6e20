import assert from "node:assert/strict";
import { runIdFor } from "./dates.ts";
import { manualDataInterval, nextAutomatedRun, scheduleTicksAround } from "./timetable.ts";
import { dag, iso, show, simulate, z } from "./_timetable_testing.ts";

Deno.test("EX-1: @daily with catchup creates one run per missed day", () => {
  const daily = dag("@daily");
  const { created, next } = simulate(daily, z("2024-01-05T10:00"));
  assert.deepEqual(created, [
    [
      "2024-01-01T00:00:00Z",
      "2024-01-01T00:00:00Z",
      "2024-01-02T00:00:00Z",
      "2024-01-02T00:00:00Z",
    ],
    [
      "2024-01-02T00:00:00Z",
      "2024-01-02T00:00:00Z",
      "2024-01-03T00:00:00Z",
      "2024-01-03T00:00:00Z",
    ],
    [
      "2024-01-03T00:00:00Z",
      "2024-01-03T00:00:00Z",
      "2024-01-04T00:00:00Z",
      "2024-01-04T00:00:00Z",
    ],
    [
      "2024-01-04T00:00:00Z",
      "2024-01-04T00:00:00Z",
      "2024-01-05T00:00:00Z",
      "2024-01-05T00:00:00Z",
    ],
  ]);
  assert.deepEqual(next, [
    "2024-01-05T00:00:00Z",
    "2024-01-05T00:00:00Z",
    "2024-01-06T00:00:00Z",
    "2024-01-06T00:00:00Z",
  ]);
  const jan3 = z("2024-01-03T00:00");
  assert.equal(runIdFor("scheduled", jan3), "scheduled__2024-01-03T00:00:00+00:00");
  const around = scheduleTicksAround(daily, jan3);
  assert.deepEqual([iso(around.prev), iso(around.next)], [
    "2024-01-02T00:00:00Z",
    "2024-01-04T00:00:00Z",
  ]);
  // The first run's prev_ds is a computed tick, not a run.
  assert.equal(iso(scheduleTicksAround(daily, z("2024-01-01T00:00")).prev), "2023-12-31T00:00:00Z");
  // Generally: start N days ago at 00:00 with catchup gives N runs.
  assert.equal(simulate(daily, z("2024-01-11T00:00:01")).created.length, 10);
});

Deno.test("EX-2: @daily without catchup runs only the latest complete interval", () => {
  const { created, next } = simulate(dag("@daily", { catchup: false }), z("2024-01-05T10:00"));
  assert.deepEqual(created, [
    [
      "2024-01-04T00:00:00Z",
      "2024-01-04T00:00:00Z",
      "2024-01-05T00:00:00Z",
      "2024-01-05T00:00:00Z",
    ],
  ]);
  assert.deepEqual(next?.[3], "2024-01-06T00:00:00Z");
  assert.deepEqual(next?.[0], "2024-01-05T00:00:00Z");
  // dag-run.rst: picked up 2016-01-02 06:00 → one run for [2016-01-01, 2016-01-02).
  const tutorial = dag("@daily", { catchup: false, startDate: z("2015-12-01T00:00") });
  assert.deepEqual(simulate(tutorial, z("2016-01-02T06:00")).created, [
    [
      "2016-01-01T00:00:00Z",
      "2016-01-01T00:00:00Z",
      "2016-01-02T00:00:00Z",
      "2016-01-02T00:00:00Z",
    ],
  ]);
  // Generally: start N days ago and no catchup gives exactly one run, for yesterday.
  assert.equal(
    simulate(dag("@daily", { catchup: false }), z("2024-03-01T00:00:01")).created.length,
    1,
  );
});

Deno.test("EX-3: an unaligned start date is aligned up", () => {
  const first = nextAutomatedRun(
    dag("@daily", { startDate: z("2024-01-01T15:00") }),
    null,
    z("2024-01-01T16:00"),
  );
  assert.deepEqual(show(first), [
    "2024-01-02T00:00:00Z",
    "2024-01-02T00:00:00Z",
    "2024-01-03T00:00:00Z",
    "2024-01-03T00:00:00Z",
  ]);
});

Deno.test("EX-4: cron without catchup never starts before the start date", () => {
  const input = dag("30 16 * * *", { catchup: false, startDate: z("2021-09-06T00:00") });
  const { created, next } = simulate(input, z("2021-09-07T00:00"));
  assert.deepEqual(created, []);
  assert.deepEqual(next, [
    "2021-09-06T16:30:00Z",
    "2021-09-06T16:30:00Z",
    "2021-09-07T16:30:00Z",
    "2021-09-07T16:30:00Z",
  ]);
});

Deno.test("EX-5: a 6-hour interval is anchored at the start date; without catchup at the epoch", () => {
  const every6h = dag({ every: "6h" }, { startDate: z("2024-01-01T03:00") });
  const caught = simulate(every6h, z("2024-01-02T00:30"));
  assert.deepEqual(caught.created.map((run) => run![0]), [
    "2024-01-01T03:00:00Z",
    "2024-01-01T09:00:00Z",
    "2024-01-01T15:00:00Z",
  ]);
  assert.deepEqual(caught.next, [
    "2024-01-01T21:00:00Z",
    "2024-01-01T21:00:00Z",
    "2024-01-02T03:00:00Z",
    "2024-01-02T03:00:00Z",
  ]);
  const latest = simulate({ ...every6h, catchup: false }, z("2024-01-02T00:30"));
  assert.deepEqual(latest.created, [
    [
      "2024-01-01T18:00:00Z",
      "2024-01-01T18:00:00Z",
      "2024-01-02T00:00:00Z",
      "2024-01-02T00:00:00Z",
    ],
  ]);
  assert.equal(latest.next?.[0], "2024-01-02T00:00:00Z");
});

Deno.test("EX-6: @hourly without catchup", () => {
  const { created, next } = simulate(dag("@hourly", { catchup: false }), z("2024-02-01T10:30"));
  assert.deepEqual(created, [
    [
      "2024-02-01T09:00:00Z",
      "2024-02-01T09:00:00Z",
      "2024-02-01T10:00:00Z",
      "2024-02-01T10:00:00Z",
    ],
  ]);
  assert.deepEqual(next, [
    "2024-02-01T10:00:00Z",
    "2024-02-01T10:00:00Z",
    "2024-02-01T11:00:00Z",
    "2024-02-01T11:00:00Z",
  ]);
});

Deno.test("EX-8: no schedule: no automated runs; a manual run's interval is [T, T]", () => {
  const manualOnly = dag(null, { startDate: null });
  const at = z("2024-03-10T12:34:56.789");
  assert.equal(nextAutomatedRun(manualOnly, null, at), null);
  assert.deepEqual(manualDataInterval(manualOnly, at), { start: at, end: at });
  assert.equal(runIdFor("manual", at), "manual__2024-03-10T12:34:56.789000+00:00");
  assert.deepEqual(scheduleTicksAround(manualOnly, at), { prev: null, next: null });
});

Deno.test("EX-9: @once runs once, at the start date, with an empty interval", () => {
  const once = dag("@once");
  const start = z("2024-01-01T00:00");
  const first = nextAutomatedRun(once, null, z("2023-06-01T00:00"));
  assert.deepEqual(first, {
    logicalDate: start,
    dataInterval: { start, end: start },
    runAfter: start,
  });
  assert.equal(nextAutomatedRun(once, first, z("2030-01-01T00:00")), null);
  assert.equal(
    nextAutomatedRun({ ...once, catchup: false }, null, z("2030-01-01T00:00"))?.logicalDate,
    start,
  );
  assert.deepEqual(scheduleTicksAround(once, start), { prev: null, next: null });
  assert.deepEqual(manualDataInterval(once, start + 5), { start: start + 5, end: start + 5 });
  assert.equal(nextAutomatedRun({ ...once, endDate: start - 1 }, null, start), null);
  assert.equal(nextAutomatedRun({ ...once, startDate: null }, null, start), null);
});

Deno.test("fact 55: the end date bounds the logical date, inclusive", () => {
  const bounded = dag("@daily", { endDate: z("2024-01-03T00:00") });
  const { created, next } = simulate(bounded, z("2024-02-01T00:00"));
  assert.deepEqual(created.map((run) => run![0]), [
    "2024-01-01T00:00:00Z",
    "2024-01-02T00:00:00Z",
    "2024-01-03T00:00:00Z",
  ]);
  assert.equal(created[2]![3], "2024-01-04T00:00:00Z");
  assert.equal(next, null);
  assert.equal(simulate({ ...bounded, catchup: false }, z("2024-02-01T00:00")).next, null);
});

Deno.test("fact 53: without catchup, now on a tick runs the interval that just ended", () => {
  const daily = dag("@daily", { catchup: false });
  const atMidnight = nextAutomatedRun(daily, null, z("2024-01-05T00:00"));
  assert.deepEqual(show(atMidnight), [
    "2024-01-04T00:00:00Z",
    "2024-01-04T00:00:00Z",
    "2024-01-05T00:00:00Z",
    "2024-01-05T00:00:00Z",
  ]);
  // After a pause, only the latest interval is run, continuing from there (fact 59).
  const last = nextAutomatedRun(daily, null, z("2024-01-02T00:00"))!;
  assert.equal(iso(last.logicalDate), "2024-01-01T00:00:00Z");
  assert.equal(
    iso(nextAutomatedRun(daily, last, z("2024-01-09T12:00"))!.logicalDate),
    "2024-01-08T00:00:00Z",
  );
  // The next run never goes back before the end of the last one.
  const recent = nextAutomatedRun(daily, null, z("2024-01-09T12:00"))!;
  assert.equal(
    iso(nextAutomatedRun(daily, recent, z("2024-01-09T13:00"))!.logicalDate),
    "2024-01-09T00:00:00Z",
  );
});

Deno.test("fact 54: a delta without catchup rounds now down to a multiple since the epoch", () => {
  const daily = dag({ every: "1d" }, { catchup: false, startDate: z("2024-01-01T06:00") });
  const run = nextAutomatedRun(daily, null, z("2024-01-05T10:00"));
  assert.deepEqual(show(run), [
    "2024-01-04T00:00:00Z",
    "2024-01-04T00:00:00Z",
    "2024-01-05T00:00:00Z",
    "2024-01-05T00:00:00Z",
  ]);
  // With catchup, interval runs continue exactly where the last one ended.
  const caught = dag({ every: "1d" }, { startDate: z("2024-01-01T06:00") });
  assert.deepEqual(simulate(caught, z("2024-01-04T07:00")).created.map((r) => r![0]), [
    "2024-01-01T06:00:00Z",
    "2024-01-02T06:00:00Z",
    "2024-01-03T06:00:00Z",
  ]);
});

Deno.test("a start date in the future: the first run waits for it", () => {
  const daily = dag("@daily", { startDate: z("2024-06-01T00:00"), catchup: false });
  const run = nextAutomatedRun(daily, null, z("2024-01-05T10:00"));
  assert.equal(iso(run!.logicalDate), "2024-06-01T00:00:00Z");
  assert.equal(iso(run!.runAfter), "2024-06-02T00:00:00Z");
});

Deno.test("manualDataInterval (fact 49)", () => {
  const daily = dag("@daily");
  assert.deepEqual(manualDataInterval(daily, z("2022-08-08T01:00")), {
    start: z("2022-08-07T00:00"),
    end: z("2022-08-08T00:00"),
  });
  assert.deepEqual(manualDataInterval(daily, z("2022-08-08T00:00")), {
    start: z("2022-08-07T00:00"),
    end: z("2022-08-08T00:00"),
  });
  assert.deepEqual(manualDataInterval(dag({ every: "6h" }), z("2022-08-08T01:00")), {
    start: z("2022-08-07T19:00"),
    end: z("2022-08-08T01:00"),
  });
});

Deno.test("scheduleTicksAround for intervals and with a data interval (facts 66–67)", () => {
  const every6h = dag({ every: "6h" }, { startDate: z("2024-01-01T03:00") });
  const around = scheduleTicksAround(every6h, z("2024-01-01T09:00"));
  assert.deepEqual([iso(around.prev), iso(around.next)], [
    "2024-01-01T03:00:00Z",
    "2024-01-01T15:00:00Z",
  ]);
  const hourly = dag("@hourly");
  const withInterval = scheduleTicksAround(hourly, z("2024-01-01T09:00"), {
    dataInterval: { start: z("2024-01-01T09:00"), end: z("2024-01-01T10:00") },
  });
  assert.equal(iso(withInterval.next), "2024-01-01T10:00:00Z");
  assert.equal(iso(withInterval.prev), "2024-01-01T08:00:00Z");
});
