import assert from "node:assert/strict";
import {
  ds,
  dsNodash,
  formatIso,
  isValidTimezone,
  parseDate,
  runIdFor,
  ts,
  tsNodash,
  tsNodashWithTz,
  zonedParts,
} from "./dates.ts";
import { DefinitionError } from "./definition_error.ts";

const JAN_3 = Date.UTC(2024, 0, 3);
const EX_8 = Date.UTC(2024, 2, 10, 12, 34, 56, 789);

Deno.test("formatIso writes Airflow's isoformat", () => {
  assert.equal(formatIso(JAN_3), "2024-01-03T00:00:00+00:00");
  assert.equal(formatIso(EX_8), "2024-03-10T12:34:56.789000+00:00");
  assert.equal(formatIso(Date.UTC(2024, 0, 1, 0, 0, 0, 5)), "2024-01-01T00:00:00.005000+00:00");
});

Deno.test("template date strings come from the UTC instant (fact 64, EX-1)", () => {
  assert.equal(ds(JAN_3), "2024-01-03");
  assert.equal(dsNodash(JAN_3), "20240103");
  assert.equal(ts(JAN_3), "2024-01-03T00:00:00+00:00");
  assert.equal(tsNodash(JAN_3), "20240103T000000");
  assert.equal(tsNodashWithTz(JAN_3), "20240103T000000+0000");
  assert.equal(tsNodash(EX_8), "20240310T123456");
  assert.equal(tsNodashWithTz(EX_8), "20240310T123456.789000+0000");
  // Amsterdam's local midnight of 2024-01-03 is 2024-01-02T23:00Z: ds is the UTC date.
  assert.equal(ds(Date.UTC(2024, 0, 2, 23)), "2024-01-02");
});

Deno.test("runIdFor builds run ids (fact 10, EX-1, EX-8)", () => {
  assert.equal(runIdFor("scheduled", JAN_3), "scheduled__2024-01-03T00:00:00+00:00");
  assert.equal(runIdFor("manual", EX_8), "manual__2024-03-10T12:34:56.789000+00:00");
  assert.equal(runIdFor("backfill", JAN_3), "backfill__2024-01-03T00:00:00+00:00");
});

Deno.test("parseDate reads dates and date-times in UTC by default", () => {
  assert.equal(parseDate("2024-01-01", "startDate"), Date.UTC(2024, 0, 1));
  assert.equal(parseDate("2024-01-01T10:00", "startDate"), Date.UTC(2024, 0, 1, 10));
  assert.equal(parseDate("2024-01-01 10:00:30", "startDate"), Date.UTC(2024, 0, 1, 10, 0, 30));
  assert.equal(parseDate("2024-01-01T10:00:00Z", "startDate"), Date.UTC(2024, 0, 1, 10));
  assert.equal(parseDate("2024-01-01T10:00:00+02:00", "startDate"), Date.UTC(2024, 0, 1, 8));
  assert.equal(parseDate("2024-01-01T10:00:00-0530", "startDate"), Date.UTC(2024, 0, 1, 15, 30));
  assert.equal(
    parseDate("2024-03-10T12:34:56.789Z", "x"),
    EX_8,
  );
  assert.equal(parseDate("2024-03-10T12:34:56.789123+00:00", "x"), EX_8);
  assert.equal(parseDate("2024-02-29", "x"), Date.UTC(2024, 1, 29));
});

Deno.test("parseDate reads wall-clock time in a zone, across DST", () => {
  const amsterdam = { timezone: "Europe/Amsterdam" };
  assert.equal(parseDate("2024-01-03", "x", amsterdam), Date.UTC(2024, 0, 2, 23));
  assert.equal(parseDate("2024-07-01T12:00", "x", amsterdam), Date.UTC(2024, 6, 1, 10));
  // 2024-03-31 02:30 does not exist in Amsterdam (02:00 → 03:00): read as 03:30 CEST.
  assert.equal(parseDate("2024-03-31T02:30", "x", amsterdam), Date.UTC(2024, 2, 31, 1, 30));
  // 2024-10-27 02:30 occurs twice (03:00 → 02:00): the second occurrence, CET, as pendulum.
  assert.equal(parseDate("2024-10-27T02:30", "x", amsterdam), Date.UTC(2024, 9, 27, 1, 30));
  const newYork = { timezone: "America/New_York" };
  assert.equal(parseDate("2024-01-01", "x", newYork), Date.UTC(2024, 0, 1, 5));
  assert.equal(parseDate("2024-06-01", "x", newYork), Date.UTC(2024, 5, 1, 4));
  // An explicit offset wins over the zone.
  assert.equal(parseDate("2024-06-01T00:00Z", "x", newYork), Date.UTC(2024, 5, 1));
});

Deno.test("parseDate refuses invalid text, naming the field and the text", () => {
  for (
    const bad of [
      "2024-13-01",
      "2024-02-30",
      "2023-02-29",
      "01/02/2024",
      "2024-01-01T25:00",
      "",
      "x",
    ]
  ) {
    assert.throws(
      () => parseDate(bad, "startDate"),
      (error: unknown) => {
        assert.ok(error instanceof DefinitionError);
        assert.equal(error.field, "startDate");
        assert.match(
          error.message,
          new RegExp(`^startDate: invalid date "${bad.replace(/[/]/g, "\\/")}"`),
        );
        return true;
      },
      bad,
    );
  }
  assert.throws(
    () => parseDate("2024-01-01", "startDate", { timezone: "Mars/Olympus" }),
    /startDate: cannot read "2024-01-01" in unknown timezone "Mars\/Olympus"/,
  );
});

Deno.test("isValidTimezone knows IANA names", () => {
  assert.equal(isValidTimezone("UTC"), true);
  assert.equal(isValidTimezone("Europe/Amsterdam"), true);
  assert.equal(isValidTimezone("America/New_York"), true);
  assert.equal(isValidTimezone("Mars/Olympus"), false);
  assert.equal(isValidTimezone(""), false);
});

Deno.test("zonedParts gives the wall clock and offset", () => {
  const summer = zonedParts(Date.UTC(2024, 6, 1, 10), "Europe/Amsterdam");
  assert.deepEqual(summer, {
    year: 2024,
    month: 7,
    day: 1,
    hour: 12,
    minute: 0,
    second: 0,
    millisecond: 0,
    offsetMs: 7_200_000,
  });
  assert.equal(zonedParts(Date.UTC(2024, 0, 1), "America/New_York").offsetMs, -18_000_000);
  assert.equal(zonedParts(Date.UTC(2024, 0, 1, 0, 0, 0, 250), "UTC").millisecond, 250);
  assert.equal(zonedParts(Date.UTC(2024, 0, 1, 0, 0, 0, 250), "Asia/Kolkata").minute, 30);
});
