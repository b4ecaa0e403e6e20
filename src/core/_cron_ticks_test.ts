import assert from "node:assert/strict";
import { Cron } from "croner";
import { CronTicks } from "./_cron_ticks.ts";
import { resolveNaive } from "./_zone.ts";

const HOUR = 3_600_000;
const z = (text: string) => Date.parse(text);
const iso = (ms: number | null) => ms === null ? null : new Date(ms).toISOString();

/** Every tick instant in [from, to], by brute force: place each wall-clock tick, sort, dedupe. */
function bruteTicks(
  expression: string,
  timezone: string,
  everyHour: boolean,
  from: number,
  to: number,
) {
  const cron = new Cron(expression, { mode: "5-part", utcOffset: 0 });
  const found = new Set<number>();
  let cursor = new Date(from - 15 * HOUR);
  for (;;) {
    const next = cron.nextRun(cursor);
    if (next === null || next.getTime() > to + 15 * HOUR) break;
    const placed = resolveNaive(next.getTime(), timezone);
    for (
      const at of placed.kind === "ambiguous" && everyHour
        ? [placed.earlier, placed.later]
        : [placed.later]
    ) {
      if (at >= from && at <= to) found.add(at);
    }
    cursor = next;
  }
  return [...found].sort((a, b) => a - b);
}

/** after() and before() agree with the brute-force tick list at and between every tick. */
function assertAgrees(
  expression: string,
  timezone: string,
  everyHour: boolean,
  from: number,
  to: number,
) {
  const ticks = new CronTicks(expression, timezone);
  const list = bruteTicks(expression, timezone, everyHour, from, to);
  assert.ok(list.length > 2, `${expression}: too few ticks`);
  for (let i = 1; i < list.length - 1; i++) {
    for (const probe of [list[i] - 1, list[i], list[i] + 1, (list[i] + list[i + 1]) / 2]) {
      const after = list.find((tick) => tick > probe) ?? null;
      const before = [...list].reverse().find((tick) => tick < probe) ?? null;
      assert.equal(iso(ticks.after(probe)), iso(after), `${expression} after ${iso(probe)}`);
      assert.equal(iso(ticks.before(probe)), iso(before), `${expression} before ${iso(probe)}`);
    }
    assert.equal(ticks.isTick(list[i]), true);
    assert.equal(ticks.isTick(list[i] + 60_000 * 0.5), false);
  }
}

Deno.test("0 2 * * * in Europe/Amsterdam: 03:00 on the spring day, the second 02:00 in autumn", () => {
  const ticks = new CronTicks("0 2 * * *", "Europe/Amsterdam");
  // 2024-03-31: 02:00 CET does not exist; the run is at 03:00 CEST = 01:00Z.
  assert.equal(iso(ticks.after(z("2024-03-30T01:00:00Z"))), "2024-03-31T01:00:00.000Z");
  assert.equal(iso(ticks.after(z("2024-03-31T01:00:00Z"))), "2024-04-01T00:00:00.000Z");
  // 2024-10-27: 02:00 happens twice; Airflow reads it with fold=1, the CET one = 01:00Z.
  assert.equal(iso(ticks.after(z("2024-10-26T00:00:00Z"))), "2024-10-27T01:00:00.000Z");
  assert.equal(iso(ticks.before(z("2024-10-28T01:00:00Z"))), "2024-10-27T01:00:00.000Z");
  assert.equal(iso(ticks.before(z("2024-10-27T01:00:00Z"))), "2024-10-26T00:00:00.000Z");
  assertAgrees(
    "0 2 * * *",
    "Europe/Amsterdam",
    false,
    z("2024-03-25T00:00:00Z"),
    z("2024-04-05T00:00:00Z"),
  );
  assertAgrees(
    "0 2 * * *",
    "Europe/Amsterdam",
    false,
    z("2024-10-22T00:00:00Z"),
    z("2024-11-02T00:00:00Z"),
  );
});

Deno.test("hourly expressions keep one tick per real hour across DST", () => {
  const ticks = new CronTicks("0 * * * *", "Europe/Amsterdam");
  // Autumn: 02:00 CEST (00:00Z) and 02:00 CET (01:00Z) both run.
  assert.equal(iso(ticks.after(z("2024-10-26T23:00:00Z"))), "2024-10-27T00:00:00.000Z");
  assert.equal(iso(ticks.after(z("2024-10-27T00:00:00Z"))), "2024-10-27T01:00:00.000Z");
  assert.equal(iso(ticks.after(z("2024-10-27T01:00:00Z"))), "2024-10-27T02:00:00.000Z");
  assert.equal(iso(ticks.before(z("2024-10-27T02:00:00Z"))), "2024-10-27T01:00:00.000Z");
  // Spring: 01:00 CET (00:00Z) is followed by 03:00 CEST (01:00Z).
  assert.equal(iso(ticks.after(z("2024-03-31T00:00:00Z"))), "2024-03-31T01:00:00.000Z");
  assertAgrees(
    "30 * * * *",
    "Europe/Amsterdam",
    true,
    z("2024-03-30T18:00:00Z"),
    z("2024-03-31T06:00:00Z"),
  );
  assertAgrees(
    "*/20 * * * *",
    "Europe/Amsterdam",
    true,
    z("2024-10-26T20:00:00Z"),
    z("2024-10-27T05:00:00Z"),
  );
  assertAgrees(
    "0 * * * *",
    "America/New_York",
    true,
    z("2024-11-03T02:00:00Z"),
    z("2024-11-03T10:00:00Z"),
  );
});

Deno.test("a time in the spring gap is shifted forward; not-every-hour lists run once in autumn", () => {
  const ticks = new CronTicks("30 2 * * *", "Europe/Amsterdam");
  assert.equal(iso(ticks.after(z("2024-03-30T12:00:00Z"))), "2024-03-31T01:30:00.000Z"); // 03:30 CEST
  assertAgrees(
    "30 1-3 * * *",
    "Europe/Amsterdam",
    false,
    z("2024-10-26T00:00:00Z"),
    z("2024-10-28T00:00:00Z"),
  );
  assertAgrees(
    "30 1-3 * * *",
    "Europe/Amsterdam",
    false,
    z("2024-03-30T00:00:00Z"),
    z("2024-04-01T00:00:00Z"),
  );
  assertAgrees(
    "0 0 * * *",
    "America/New_York",
    false,
    z("2024-03-05T00:00:00Z"),
    z("2024-03-15T00:00:00Z"),
  );
});

Deno.test("ticks far from a DST change and in UTC", () => {
  const daily = new CronTicks("0 0 * * *", "America/New_York");
  assert.equal(iso(daily.after(z("2024-07-01T12:00:00Z"))), "2024-07-02T04:00:00.000Z");
  assert.equal(iso(daily.before(z("2024-07-01T12:00:00Z"))), "2024-07-01T04:00:00.000Z");
  assert.equal(iso(daily.after(z("2024-01-01T12:00:00Z"))), "2024-01-02T05:00:00.000Z");
  const utc = new CronTicks("30 16 * * *", "UTC");
  assert.equal(iso(utc.after(z("2021-09-06T16:30:00Z"))), "2021-09-07T16:30:00.000Z");
  assert.equal(iso(utc.before(z("2021-09-06T16:30:00Z"))), "2021-09-05T16:30:00.000Z");
  assert.equal(utc.alignUp(z("2021-09-06T16:30:00Z")), z("2021-09-06T16:30:00Z"));
  assert.equal(utc.alignUp(z("2021-09-06T16:30:01Z")), z("2021-09-07T16:30:00Z"));
  assert.equal(utc.alignDown(z("2021-09-06T16:29:59Z")), z("2021-09-05T16:30:00Z"));
  // A yearly tick a whole DST season away.
  const yearly = new CronTicks("0 0 1 1 *", "Europe/Amsterdam");
  assert.equal(iso(yearly.after(z("2024-06-01T00:00:00Z"))), "2024-12-31T23:00:00.000Z");
  assert.equal(iso(yearly.before(z("2024-06-01T00:00:00Z"))), "2023-12-31T23:00:00.000Z");
  // Leap days, looked up backwards without walking minute by minute.
  const leap = new CronTicks("0 0 29 2 *", "UTC");
  assert.equal(iso(leap.before(z("2027-06-01T00:00:00Z"))), "2024-02-29T00:00:00.000Z");
});
