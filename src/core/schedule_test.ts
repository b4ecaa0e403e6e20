import assert from "node:assert/strict";
import { DefinitionError } from "./definition_error.ts";
import { describeSchedule, parseSchedule } from "./schedule.ts";

Deno.test("parseSchedule: none by default, @once", () => {
  assert.deepEqual(parseSchedule(null, "schedule"), { schedule: { kind: "none" }, text: null });
  assert.deepEqual(parseSchedule(undefined, "schedule"), {
    schedule: { kind: "none" },
    text: null,
  });
  assert.deepEqual(parseSchedule("@once", "schedule"), {
    schedule: { kind: "once" },
    text: "@once",
  });
});

Deno.test("parseSchedule expands presets and keeps them (fact 42)", () => {
  const expected: Record<string, string> = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
    "@quarterly": "0 0 1 */3 *",
    "@yearly": "0 0 1 1 *",
    "@annually": "0 0 1 1 *",
  };
  for (const [preset, expression] of Object.entries(expected)) {
    assert.deepEqual(parseSchedule(preset, "schedule"), {
      schedule: { kind: "cron", expression, preset },
      text: preset,
    });
  }
});

Deno.test("parseSchedule accepts 5-field cron expressions", () => {
  assert.deepEqual(parseSchedule("0 6 * * 1-5", "schedule"), {
    schedule: { kind: "cron", expression: "0 6 * * 1-5" },
    text: "0 6 * * 1-5",
  });
  assert.deepEqual(parseSchedule("  */15   9-17 * * MON-FRI ", "schedule").schedule, {
    kind: "cron",
    expression: "*/15 9-17 * * MON-FRI",
  });
});

Deno.test("parseSchedule reads intervals (fact 39)", () => {
  assert.deepEqual(parseSchedule({ every: "6h" }, "schedule"), {
    schedule: { kind: "interval", everyMs: 21_600_000 },
    text: "6h",
  });
  assert.deepEqual(parseSchedule({ every: 21_600_000 }, "schedule"), {
    schedule: { kind: "interval", everyMs: 21_600_000 },
    text: "6h",
  });
  assert.throws(
    () => parseSchedule({ every: 0 }, "schedule"),
    /schedule: the interval must be longer than 0/,
  );
  assert.throws(() => parseSchedule({ every: "0s" }, "schedule"), /longer than 0/);
  assert.throws(
    () => parseSchedule({ every: -5 }, "schedule"),
    /schedule\.every: invalid duration -5/,
  );
  assert.throws(
    () => parseSchedule({ every: "soon" }, "schedule"),
    /schedule\.every: invalid duration "soon"/,
  );
  assert.throws(
    () => parseSchedule({ every: "1h", at: 3 }, "schedule"),
    /invalid schedule \{"every":"1h","at":3\}/,
  );
});

Deno.test("parseSchedule refuses other values, naming field, value and what is accepted", () => {
  const cases: [unknown, RegExp][] = [
    ["@continuous", /^schedule: "@continuous" schedules are not supported \(accepted: null/],
    ["@reboot", /^schedule: unknown preset "@reboot"/],
    ["0 0 * * * *", /has 6 fields; seconds are not supported, use 5 fields/],
    [
      "61 * * * *",
      /^schedule: invalid cron expression "61 \* \* \* \*": Invalid value for minute: 61/,
    ],
    ["0 0 31 2 *", /never matches any date/],
    ["6h", /a cron expression has 5 fields .*; to run every 6h, write \{ every: "6h" \}/],
    ["daily", /^schedule: invalid schedule "daily": a cron expression has 5 fields/],
    [42, /^schedule: invalid schedule 42 \(accepted: /],
    [["@daily"], /invalid schedule \["@daily"\]/],
  ];
  for (const [value, pattern] of cases) {
    assert.throws(
      () => parseSchedule(value, "schedule"),
      (error: unknown) => {
        assert.ok(error instanceof DefinitionError, String(value));
        assert.equal(error.field, "schedule");
        assert.match(error.message, pattern);
        assert.match(error.message, /accepted: null \(manual runs only\), "@once", a preset/);
        return true;
      },
    );
  }
});

Deno.test("describeSchedule puts schedules in words", () => {
  const cron = (text: string) => describeSchedule(parseSchedule(text, "schedule").schedule);
  assert.equal(describeSchedule({ kind: "none" }), "Never (manual runs only)");
  assert.equal(describeSchedule({ kind: "once" }), "Once, at the start date");
  assert.equal(describeSchedule({ kind: "interval", everyMs: 21_600_000 }), "Every 6 hours");
  assert.equal(describeSchedule({ kind: "interval", everyMs: 86_400_000 }), "Every day");
  assert.equal(describeSchedule({ kind: "interval", everyMs: 5_400_000 }), "Every 90 minutes");
  assert.equal(describeSchedule({ kind: "interval", everyMs: 1_500 }), "Every 1s500ms");
  assert.equal(cron("@daily"), "At 00:00");
  assert.equal(cron("@hourly"), "Every hour");
  assert.equal(cron("@weekly"), "At 00:00 on Sunday");
  assert.equal(cron("@monthly"), "At 00:00 on day 1 of the month");
  assert.equal(cron("@quarterly"), "At 00:00 on day 1 of the month, every 3 months");
  assert.equal(cron("@yearly"), "At 00:00 on January 1");
  assert.equal(cron("0 6 * * 1-5"), "At 06:00 on Monday through Friday");
  assert.equal(cron("30 16 * * *"), "At 16:30");
  assert.equal(cron("* * * * *"), "Every minute");
  assert.equal(cron("*/5 * * * *"), "Every 5 minutes");
  assert.equal(cron("15 * * * *"), "At minute 15 of every hour");
  assert.equal(cron("0 */6 * * *"), "Every 6 hours");
  assert.equal(cron("0 9,17 * * *"), "At 09:00 and 17:00");
  assert.equal(
    cron("*/15 9-17 * * MON-FRI"),
    "Every 15 minutes from 09:00 through 17:59 on Monday through Friday",
  );
  assert.equal(cron("0 0 1,15 * *"), "At 00:00 on days 1 and 15 of the month");
  assert.equal(cron("0 0 * * 1,3,5"), "At 00:00 on Monday, Wednesday and Friday");
  assert.equal(cron("0 12 * 6-8 *"), "At 12:00 from June through August");
  // Uncommon shapes fall back to the expression.
  assert.equal(cron("0 0 1 * 1"), "0 0 1 * 1");
  assert.equal(cron("5-10 1 * * *"), "5-10 1 * * *");
  assert.equal(cron("0 0 * * 5#2"), "0 0 * * 5#2");
});
