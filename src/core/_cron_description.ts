/**
 * Cron expressions of common shapes in English ("At 06:00 on Monday through Friday"); anything
 * else is shown as written. Private to `src/core`; used by `describeSchedule`.
 *
 * @module
 */

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAY_ALIASES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const MONTH_ALIASES = MONTH_NAMES.map((name) => name.slice(0, 3).toUpperCase());

type Field =
  | { kind: "any" }
  | { kind: "step"; step: number }
  | { kind: "list"; values: number[] }
  | { kind: "range"; from: number; to: number }
  | { kind: "last" };

/** Thrown inside this module when a shape is not put in words. */
class Unsupported extends Error {}

/** A cron expression in English, or the expression itself when its shape is uncommon. */
export function describeCron(expression: string): string {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return expression;
  try {
    const minute = readField(fields[0], []);
    const hour = readField(fields[1], []);
    const dayOfMonth = readField(fields[2], []);
    const month = readField(fields[3], MONTH_ALIASES, 1);
    const dayOfWeek = readField(fields[4], DAY_ALIASES);
    return describeTime(minute, hour) + describeDays(dayOfMonth, month, dayOfWeek);
  } catch (error) {
    if (error instanceof Unsupported) return expression;
    throw error;
  }
}

function readNumber(text: string, aliases: string[], base: number): number {
  if (/^\d+$/.test(text)) return Number(text);
  const index = aliases.indexOf(text.toUpperCase());
  if (index < 0) throw new Unsupported();
  return index + base;
}

function readField(text: string, aliases: string[], base = 0): Field {
  if (text === "*" || text === "?") return { kind: "any" };
  if (text === "L") return { kind: "last" };
  const step = /^\*\/(\d+)$/.exec(text);
  if (step) {
    return Number(step[1]) === 1 ? { kind: "any" } : { kind: "step", step: Number(step[1]) };
  }
  const range = /^(\w+)-(\w+)$/.exec(text);
  if (range) {
    return {
      kind: "range",
      from: readNumber(range[1], aliases, base),
      to: readNumber(range[2], aliases, base),
    };
  }
  if (/^\w+(,\w+)*$/.test(text)) {
    return { kind: "list", values: text.split(",").map((part) => readNumber(part, aliases, base)) };
  }
  throw new Unsupported();
}

function clock(hour: number, minute: number): string {
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function join(items: string[]): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function single(field: Field): number | null {
  return field.kind === "list" && field.values.length === 1 ? field.values[0] : null;
}

function describeTime(minute: Field, hour: Field): string {
  const atMinute = single(minute);
  if (hour.kind === "any") {
    if (minute.kind === "any") return "Every minute";
    if (minute.kind === "step") return `Every ${minute.step} minutes`;
    if (atMinute === 0) return "Every hour";
    if (atMinute !== null) return `At minute ${atMinute} of every hour`;
    throw new Unsupported();
  }
  if (hour.kind === "step" && atMinute !== null) {
    return atMinute === 0
      ? `Every ${hour.step} hours`
      : `At minute ${atMinute} of every ${hour.step} hours`;
  }
  if (hour.kind === "list" && minute.kind === "list") {
    const times = hour.values.flatMap((h) => minute.values.map((m) => clock(h, m)));
    if (times.length <= 6) return `At ${join(times)}`;
  }
  if (hour.kind === "range") {
    const span = `from ${clock(hour.from, 0)} through ${clock(hour.to, 59)}`;
    if (minute.kind === "any") return `Every minute ${span}`;
    if (minute.kind === "step") return `Every ${minute.step} minutes ${span}`;
    if (atMinute !== null) return `At minute ${atMinute} of every hour ${span}`;
  }
  const atHour = single(hour);
  if (atHour !== null && minute.kind === "step") {
    return `Every ${minute.step} minutes from ${clock(atHour, 0)} through ${clock(atHour, 59)}`;
  }
  throw new Unsupported();
}

function describeDays(dayOfMonth: Field, month: Field, dayOfWeek: Field): string {
  const monthName = (value: number) => {
    if (value < 1 || value > 12) throw new Unsupported();
    return MONTH_NAMES[value - 1];
  };
  const dayName = (value: number) => {
    if (value < 0 || value > 7) throw new Unsupported();
    return DAY_NAMES[value % 7];
  };
  const onDay = single(dayOfMonth);
  const inMonth = single(month);
  if (onDay !== null && inMonth !== null && dayOfWeek.kind === "any") {
    return ` on ${monthName(inMonth)} ${onDay}`;
  }
  let days = "";
  if (dayOfMonth.kind !== "any" && dayOfWeek.kind !== "any") throw new Unsupported();
  if (dayOfMonth.kind === "last") days = " on the last day of the month";
  else if (dayOfMonth.kind === "list") {
    days = dayOfMonth.values.length === 1
      ? ` on day ${dayOfMonth.values[0]} of the month`
      : ` on days ${join(dayOfMonth.values.map(String))} of the month`;
  } else if (dayOfMonth.kind === "range") {
    days = ` on days ${dayOfMonth.from} through ${dayOfMonth.to} of the month`;
  } else if (dayOfMonth.kind === "step") throw new Unsupported();
  if (dayOfWeek.kind === "list") days = ` on ${join(dayOfWeek.values.map(dayName))}`;
  else if (dayOfWeek.kind === "range") {
    days = ` on ${dayName(dayOfWeek.from)} through ${dayName(dayOfWeek.to)}`;
  } else if (dayOfWeek.kind !== "any") throw new Unsupported();
  let months = "";
  if (month.kind === "list") months = ` in ${join(month.values.map(monthName))}`;
  else if (month.kind === "range") {
    months = ` from ${monthName(month.from)} through ${monthName(month.to)}`;
  } else if (month.kind === "step") months = `, every ${month.step} months`;
  else if (month.kind === "last") throw new Unsupported();
  return days + months;
}
