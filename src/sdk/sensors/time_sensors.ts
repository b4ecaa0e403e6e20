/**
 * Sensors that wait for a moment: `timeSensor` (a time of day), `timeDeltaSensor` (a while after
 * the data interval) and `dateTimeSensor` (a date-time, templated).
 *
 * @module
 */

import { formatIso, parseDate, parseDuration, zonedParts } from "../../core/mod.ts";
import { fail, parseField, show } from "../_checks.ts";
import { contextDataOf } from "../_context_data.ts";
import { taskSubject } from "../_register.ts";
import type { TaskHandle } from "../task_handle.ts";
import type { Duration, TaskContext, TaskOptions } from "../types.ts";
import { defineSensor } from "./define.ts";
import type { SensorOptions } from "./_settings.ts";

/** Options of {@link timeSensor}. */
export interface TimeSensorOptions extends TaskOptions, SensorOptions {
  /** `"HH:MM"` or `"HH:MM:SS"`, in the DAG's timezone. */
  targetTime: string;
}

/** Options of {@link timeDeltaSensor}. */
export interface TimeDeltaSensorOptions extends TaskOptions, SensorOptions {
  /** How long after the end of the run's data interval to wait. */
  delta: Duration;
}

/** Options of {@link dateTimeSensor}. */
export interface DateTimeSensorOptions extends TaskOptions, SensorOptions {
  /**
   * When to stop waiting: an ISO date-time, or a template rendering one
   * (`"{{ data_interval_end }}"`); without an offset it is read in the DAG's timezone.
   */
  targetTime: string | Date;
}

const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function timezoneOf(ctx: TaskContext): string {
  return contextDataOf(ctx)?.dag.timezone ?? "UTC";
}

function reached(ctx: TaskContext, target: number): boolean {
  ctx.log(`Checking if the time (${formatIso(target)}) has come`);
  return Date.now() > target;
}

const timeSensorBuilder = defineSensor({
  name: "TimeSensor",
  poke(ctx, fields: { targetTime: string }) {
    const timezone = timezoneOf(ctx);
    const end = zonedParts(ctx.dataIntervalEnd.getTime(), timezone);
    const day = `${String(end.year).padStart(4, "0")}-${pad(end.month)}-${pad(end.day)}`;
    return reached(ctx, parseDate(`${day}T${fields.targetTime}`, "targetTime", { timezone }));
  },
});

/**
 * Wait until a time of day, in the DAG's timezone, on the date the run's data interval ends
 * (a daily run of January 1st waits until that time on January 2nd).
 */
export function timeSensor(options: TimeSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("timeSensor", options);
  const match = typeof options.targetTime === "string"
    ? TIME_OF_DAY.exec(options.targetTime)
    : null;
  if (
    match === null || Number(match[1]) > 23 || Number(match[2]) > 59 ||
    Number(match[3] ?? 0) > 59
  ) {
    fail(
      subject,
      "targetTime",
      `must be a time of day "HH:MM" or "HH:MM:SS", got ${show(options.targetTime)}`,
    );
  }
  return timeSensorBuilder(options);
}

const timeDeltaSensorBuilder = defineSensor({
  name: "TimeDeltaSensor",
  poke: (ctx, fields: { deltaMs: number }) =>
    reached(ctx, ctx.dataIntervalEnd.getTime() + fields.deltaMs),
});

/** Wait until `delta` after the end of the run's data interval. */
export function timeDeltaSensor(options: TimeDeltaSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("timeDeltaSensor", options);
  const { delta, ...rest } = options;
  const deltaMs = parseField(subject, "delta", (at) => parseDuration(delta, at));
  return timeDeltaSensorBuilder({ ...rest, deltaMs });
}

const dateTimeSensorBuilder = defineSensor({
  name: "DateTimeSensor",
  templateFields: ["targetTime"],
  poke: (ctx, fields: { targetTime: string }) =>
    reached(ctx, parseDate(fields.targetTime, "targetTime", { timezone: timezoneOf(ctx) })),
});

/** Wait until a date-time (templated: `"{{ data_interval_end }}"`, `"2024-06-01T12:00:00Z"`). */
export function dateTimeSensor(options: DateTimeSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("dateTimeSensor", options);
  const given = options.targetTime;
  const targetTime = given instanceof Date
    ? (Number.isNaN(given.getTime()) ? null : given.toISOString())
    : given;
  if (typeof targetTime !== "string" || targetTime.trim() === "") {
    fail(subject, "targetTime", `must be a date-time or a template, got ${show(given)}`);
  }
  if (!targetTime.includes("{{")) {
    parseField(subject, "targetTime", (at) => parseDate(targetTime, at));
  }
  return dateTimeSensorBuilder({ ...options, targetTime });
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}
