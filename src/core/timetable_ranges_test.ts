import assert from "node:assert/strict";
import { DefinitionError } from "./definition_error.ts";
import { manualDataInterval, nextAutomatedRun, runsBetween } from "./timetable.ts";
import { dag, iso, show, simulate, z } from "./_timetable_testing.ts";

Deno.test("0 2 * * * in Europe/Amsterdam across the March and October DST changes", () => {
  const amsterdam = dag("0 2 * * *", {
    timezone: "Europe/Amsterdam",
    startDate: z("2024-03-29T00:00"),
  });
  const spring = simulate(amsterdam, z("2024-04-02T12:00"));
  assert.deepEqual(spring.created.map((run) => run![0]), [
    "2024-03-29T01:00:00Z", // 02:00 CET
    "2024-03-30T01:00:00Z", // 02:00 CET
    "2024-03-31T01:00:00Z", // 02:00 does not exist: 03:00 CEST
    "2024-04-01T00:00:00Z", // 02:00 CEST
  ]);
  assert.equal(spring.created[2]![2], "2024-04-01T00:00:00Z"); // a 23-hour interval
  const autumn = simulate(
    { ...amsterdam, startDate: z("2024-10-25T00:00") },
    z("2024-10-29T12:00"),
  );
  assert.deepEqual(autumn.created.map((run) => run![0]), [
    "2024-10-25T00:00:00Z", // 02:00 CEST
    "2024-10-26T00:00:00Z", // 02:00 CEST
    "2024-10-27T01:00:00Z", // 02:00 happens twice: the second, CET
    "2024-10-28T01:00:00Z", // 02:00 CET
  ]);
  assert.equal(autumn.created[1]![2], "2024-10-27T01:00:00Z"); // a 25-hour interval
  // No catchup on the spring day itself.
  const latest = nextAutomatedRun({ ...amsterdam, catchup: false }, null, z("2024-03-31T12:00"));
  assert.deepEqual(show(latest), [
    "2024-03-30T01:00:00Z",
    "2024-03-30T01:00:00Z",
    "2024-03-31T01:00:00Z",
    "2024-03-31T01:00:00Z",
  ]);
});

Deno.test("@daily in America/New_York runs at local midnight, in winter and summer", () => {
  const newYork = dag("@daily", { timezone: "America/New_York", startDate: z("2024-03-08T05:00") });
  const { created } = simulate(newYork, z("2024-03-12T12:00"));
  assert.deepEqual(created.map((run) => [run![0], run![2]]), [
    ["2024-03-08T05:00:00Z", "2024-03-09T05:00:00Z"],
    ["2024-03-09T05:00:00Z", "2024-03-10T05:00:00Z"],
    ["2024-03-10T05:00:00Z", "2024-03-11T04:00:00Z"], // 23 hours: DST starts
    ["2024-03-11T04:00:00Z", "2024-03-12T04:00:00Z"],
  ]);
  // A start date at UTC midnight is aligned up to the next local midnight.
  const aligned = nextAutomatedRun({ ...newYork, startDate: z("2024-07-01T00:00") }, null, 0);
  assert.equal(iso(aligned!.logicalDate), "2024-07-01T04:00:00Z");
  // Without catchup, "now" is compared in local time too.
  const latest = nextAutomatedRun({ ...newYork, catchup: false }, null, z("2024-07-10T03:00"));
  assert.equal(iso(latest!.logicalDate), "2024-07-08T04:00:00Z");
  assert.deepEqual(manualDataInterval(newYork, z("2024-07-10T03:00")), {
    start: z("2024-07-08T04:00"),
    end: z("2024-07-09T04:00"),
  });
});

Deno.test("runsBetween: every aligned logical date in [start, end], inclusive (fact 166)", () => {
  const hourly = dag("@hourly");
  const runs = runsBetween(hourly, z("2024-01-02T00:00"), z("2024-01-02T03:00"));
  assert.deepEqual(runs.map(show), [
    [
      "2024-01-02T00:00:00Z",
      "2024-01-02T00:00:00Z",
      "2024-01-02T01:00:00Z",
      "2024-01-02T01:00:00Z",
    ],
    [
      "2024-01-02T01:00:00Z",
      "2024-01-02T01:00:00Z",
      "2024-01-02T02:00:00Z",
      "2024-01-02T02:00:00Z",
    ],
    [
      "2024-01-02T02:00:00Z",
      "2024-01-02T02:00:00Z",
      "2024-01-02T03:00:00Z",
      "2024-01-02T03:00:00Z",
    ],
    [
      "2024-01-02T03:00:00Z",
      "2024-01-02T03:00:00Z",
      "2024-01-02T04:00:00Z",
      "2024-01-02T04:00:00Z",
    ],
  ]);
  // Unaligned bounds, catchup ignored.
  const daily = dag("@daily", { catchup: false });
  assert.deepEqual(
    runsBetween(daily, z("2024-01-03T12:00"), z("2024-01-06T11:00")).map((run) =>
      iso(run.logicalDate)
    ),
    ["2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z"],
  );
  assert.deepEqual(runsBetween(daily, z("2024-01-03T12:00"), z("2024-01-03T13:00")), []);
});

Deno.test("runsBetween respects the DAG's start and end dates and interval anchors", () => {
  const bounded = dag("@daily", {
    startDate: z("2024-01-04T00:00"),
    endDate: z("2024-01-06T00:00"),
  });
  assert.deepEqual(
    runsBetween(bounded, z("2024-01-01T00:00"), z("2024-01-31T00:00")).map((run) =>
      iso(run.logicalDate)
    ),
    ["2024-01-04T00:00:00Z", "2024-01-05T00:00:00Z", "2024-01-06T00:00:00Z"],
  );
  const every6h = dag({ every: "6h" }, { startDate: z("2024-01-01T03:00") });
  assert.deepEqual(
    runsBetween(every6h, z("2024-01-02T00:00"), z("2024-01-02T12:00")).map((run) => show(run)),
    [
      [
        "2024-01-02T03:00:00Z",
        "2024-01-02T03:00:00Z",
        "2024-01-02T09:00:00Z",
        "2024-01-02T09:00:00Z",
      ],
      [
        "2024-01-02T09:00:00Z",
        "2024-01-02T09:00:00Z",
        "2024-01-02T15:00:00Z",
        "2024-01-02T15:00:00Z",
      ],
    ],
  );
});

Deno.test("runsBetween: @once within range, none refused, a limit on huge ranges", () => {
  const once = dag("@once", { startDate: z("2024-01-02T00:00") });
  assert.equal(runsBetween(once, z("2024-01-01T00:00"), z("2024-01-03T00:00")).length, 1);
  assert.deepEqual(runsBetween(once, z("2024-01-03T00:00"), z("2024-01-04T00:00")), []);
  assert.throws(
    () => runsBetween(dag(null, { startDate: null }), 0, 1),
    (error: unknown) =>
      error instanceof DefinitionError && /has no schedule to backfill/.test(error.message),
  );
  assert.throws(
    () =>
      runsBetween(dag("* * * * *"), z("2024-01-01T00:00"), z("2024-01-02T00:00"), { limit: 100 }),
    /backfill from 2024-01-01T00:00:00\+00:00 to 2024-01-02T00:00:00\+00:00 would create more than 100 runs/,
  );
  assert.equal(
    runsBetween(dag("* * * * *"), z("2024-01-01T00:00"), z("2024-01-01T01:39"), { limit: 100 })
      .length,
    100,
  );
});

Deno.test("runsBetween across DST in Europe/Amsterdam", () => {
  const amsterdam = dag("0 2 * * *", {
    timezone: "Europe/Amsterdam",
    startDate: z("2024-01-01T00:00"),
  });
  assert.deepEqual(
    runsBetween(amsterdam, z("2024-03-30T00:00"), z("2024-04-01T12:00")).map((run) =>
      iso(run.logicalDate)
    ),
    ["2024-03-30T01:00:00Z", "2024-03-31T01:00:00Z", "2024-04-01T00:00:00Z"],
  );
});
