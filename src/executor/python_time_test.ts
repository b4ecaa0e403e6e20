import assert from "node:assert/strict";
import { isoformat, strftime, strptime, TimeDelta } from "./_python_time.ts";

Deno.test("isoformat and strftime follow Python", () => {
  const instant = Date.UTC(2024, 1, 29, 13, 5, 9, 42);
  assert.equal(isoformat(instant), "2024-02-29T13:05:09.042000+00:00");
  assert.equal(isoformat(Date.UTC(2024, 0, 3)), "2024-01-03T00:00:00+00:00");
  assert.equal(
    strftime(instant, "%Y%m%d %H:%M:%S.%f %a %A %b %B %j %I%p %y %z %Z %%"),
    "20240229 13:05:09.042000 Thu Thursday Feb February 060 01PM 24 +0000 UTC %",
  );
});

Deno.test("strptime parses what strftime writes", () => {
  assert.equal(strptime("29/02/2024 13:05", "%d/%m/%Y %H:%M"), Date.UTC(2024, 1, 29, 13, 5));
  assert.equal(strptime("03 Jan 24", "%d %b %y"), Date.UTC(2024, 0, 3));
  assert.equal(strptime("2024-01-03T01:00:00+01:00", "%Y-%m-%dT%H:%M:%S%z"), Date.UTC(2024, 0, 3));
  assert.throws(() => strptime("2024/01/03", "%Y-%m-%d"), /does not match format/);
});

Deno.test("timedelta prints like Python", () => {
  assert.equal(String(new TimeDelta({ days: 1, hours: 2, __keywords: true })), "1 day, 2:00:00");
  assert.equal(String(new TimeDelta({ minutes: 90, __keywords: true })), "1:30:00");
  assert.equal(new TimeDelta({ weeks: 1, __keywords: true }).total_seconds(), 604800);
});
