var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/sdk/mod.ts
var mod_exports = {};
__export(mod_exports, {
  Dag: () => Dag,
  DefinitionError: () => DefinitionError,
  FailTask: () => FailTask,
  SensorTimeout: () => SensorTimeout,
  SkipTask: () => SkipTask,
  bash: () => bash,
  bashSensor: () => bashSensor,
  branch: () => branch,
  chain: () => chain,
  crossDownstream: () => crossDownstream,
  dag: () => dag,
  dateTimeSensor: () => dateTimeSensor,
  defineOperator: () => defineOperator,
  defineSensor: () => defineSensor,
  empty: () => empty,
  externalTaskSensor: () => externalTaskSensor,
  fileSensor: () => fileSensor,
  formatDuration: () => formatDuration,
  isDag: () => isDag,
  parseDuration: () => parseDuration,
  sensor: () => sensor,
  shortCircuit: () => shortCircuit,
  task: () => task,
  timeDeltaSensor: () => timeDeltaSensor,
  timeSensor: () => timeSensor
});

// src/core/states.ts
var TASK_INSTANCE_STATES = [
  "removed",
  "scheduled",
  "queued",
  "running",
  "success",
  "restarting",
  "failed",
  "up_for_retry",
  "up_for_reschedule",
  "upstream_failed",
  "skipped",
  "deferred"
];
var DAG_RUN_STATES = [
  "queued",
  "running",
  "success",
  "failed"
];

// src/core/definition.ts
var TRIGGER_RULES = [
  "all_success",
  "all_failed",
  "all_done",
  "all_done_setup_success",
  "one_success",
  "one_failed",
  "one_done",
  "none_failed",
  "none_failed_min_one_success",
  "none_skipped",
  "always",
  "all_skipped"
];
var DEPRECATED_TRIGGER_RULES = {
  dummy: "always",
  none_failed_or_skipped: "none_failed_min_one_success"
};
var WEIGHT_RULES = [
  "downstream",
  "upstream",
  "absolute"
];
var PERMISSION_KINDS = [
  "net",
  "read",
  "write",
  "env",
  "run"
];
function mergePermissions(first, second) {
  const merged = {};
  for (const kind of PERMISSION_KINDS) {
    const items = [
      ...first[kind] ?? [],
      ...second[kind] ?? []
    ];
    if (items.length > 0) merged[kind] = [
      ...new Set(items)
    ];
  }
  return merged;
}

// src/core/sensors.ts
var SENSOR_FIELD = "sensor";
var EXTERNAL_TASK_SENSOR = "ExternalTaskSensor";
function sensorSettingsOf(task2) {
  const value = task2.fields[SENSOR_FIELD];
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const mode = value.mode;
  if (mode !== "poke" && mode !== "reschedule") return null;
  return value;
}

// src/core/task_instance_machine.ts
var MARKABLE = [
  "success",
  "failed",
  "skipped"
];
var FINISHED = [
  "success",
  "failed",
  "skipped",
  "upstream_failed",
  "removed"
];
var ALLOWED = new Map([
  [
    null,
    [
      "scheduled",
      "upstream_failed",
      "removed",
      ...MARKABLE
    ]
  ],
  [
    "scheduled",
    [
      null,
      "queued",
      "upstream_failed",
      "removed",
      ...MARKABLE
    ]
  ],
  [
    "queued",
    [
      null,
      "scheduled",
      "running",
      "up_for_retry",
      "restarting",
      ...MARKABLE
    ]
  ],
  [
    "running",
    [
      "up_for_retry",
      "up_for_reschedule",
      "restarting",
      ...MARKABLE
    ]
  ],
  [
    "deferred",
    [
      "scheduled",
      "up_for_retry",
      "restarting",
      ...MARKABLE
    ]
  ],
  [
    "restarting",
    [
      null,
      "up_for_retry",
      ...MARKABLE
    ]
  ],
  [
    "up_for_retry",
    [
      null,
      "scheduled",
      "upstream_failed",
      ...MARKABLE
    ]
  ],
  [
    "up_for_reschedule",
    [
      null,
      "scheduled",
      "upstream_failed",
      ...MARKABLE
    ]
  ],
  ...FINISHED.map((s) => [
    s,
    [
      null,
      ...MARKABLE
    ]
  ])
].map(([from, to]) => [
  from,
  new Set(to)
]));

// src/core/definition_error.ts
var DefinitionError = class extends Error {
  /** The DAG the error belongs to, when known. */
  dagId;
  /** The task the error belongs to, when known. */
  taskId;
  /** The field at fault, when known. */
  field;
  /** The DAG file, when known. */
  file;
  /** The line in the DAG file, when known. */
  line;
  constructor(message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : {
      cause: options.cause
    });
    this.name = "DefinitionError";
    if (options.dagId !== void 0) this.dagId = options.dagId;
    if (options.taskId !== void 0) this.taskId = options.taskId;
    if (options.field !== void 0) this.field = options.field;
    if (options.file !== void 0) this.file = options.file;
    if (options.line !== void 0) this.line = options.line;
  }
};

// src/core/duration.ts
var UNIT_MS = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)/y;
var HINT = '(use e.g. "30s", "5m", "1h", "2d" or milliseconds)';
function parseDuration(value, where2) {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new DefinitionError(`${where2}: invalid duration ${value} (must be a non-negative number of milliseconds, or e.g. "30s", "5m", "1h", "2d")`, {
      field: where2
    });
  }
  if (typeof value !== "string") {
    throw new DefinitionError(`${where2}: invalid duration ${describeValue(value)} ${HINT}`, {
      field: where2
    });
  }
  const text3 = value.trim();
  let total = 0;
  let index = 0;
  let parts = 0;
  while (index < text3.length) {
    PART.lastIndex = index;
    const match = PART.exec(text3);
    if (match === null) {
      throw new DefinitionError(`${where2}: invalid duration "${value}" ${HINT}`, {
        field: where2
      });
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    parts += 1;
    index = PART.lastIndex;
    while (index < text3.length && /\s/.test(text3[index])) index += 1;
  }
  if (parts === 0 || !Number.isFinite(total)) {
    throw new DefinitionError(`${where2}: invalid duration "${value}" ${HINT}`, {
      field: where2
    });
  }
  return Math.round(total * 1e3) / 1e3;
}
function formatDuration(ms) {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? "-" : "";
  let rest = Math.round(Math.abs(ms));
  if (rest === 0) return "0s";
  let text3 = "";
  for (const unit of [
    "d",
    "h",
    "m",
    "s",
    "ms"
  ]) {
    const size = UNIT_MS[unit];
    const count = Math.floor(rest / size);
    if (count > 0) {
      text3 += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return sign + text3;
}
function describeValue(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// src/core/_zone.ts
var DAY_MS = 864e5;
var formatters = /* @__PURE__ */ new Map();
function isUtc(timezone) {
  return timezone === "UTC" || timezone === "Etc/UTC";
}
function formatterFor(timezone) {
  let formatter = formatters.get(timezone);
  if (formatter === void 0) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      era: "short"
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}
function knowsTimezone(timezone) {
  if (typeof timezone !== "string" || timezone.trim() === "") return false;
  try {
    formatterFor(timezone);
    return true;
  } catch {
    return false;
  }
}
function naiveFromParts(parts) {
  const date = /* @__PURE__ */ new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute, parts.second, parts.millisecond);
  return date.getTime();
}
function partsFromNaive(naive) {
  const date = new Date(naive);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds()
  };
}
function zoneOffsetMs(instant, timezone) {
  if (isUtc(timezone)) return 0;
  const whole = Math.floor(instant / 1e3) * 1e3;
  const fields = {};
  for (const part of formatterFor(timezone).formatToParts(whole)) fields[part.type] = part.value;
  const year = Number(fields.year);
  const wall = naiveFromParts({
    year: fields.era === "BC" || fields.era === "B" ? 1 - year : year,
    month: Number(fields.month),
    day: Number(fields.day),
    hour: Number(fields.hour),
    minute: Number(fields.minute),
    second: Number(fields.second),
    millisecond: 0
  });
  return wall - whole;
}
function resolveNaive(naive, timezone) {
  if (isUtc(timezone)) return {
    kind: "unique",
    earlier: naive,
    later: naive
  };
  const offsetBefore = zoneOffsetMs(naive - DAY_MS, timezone);
  const offsetAfter = zoneOffsetMs(naive + DAY_MS, timezone);
  const candidates = [];
  for (const offset of offsetBefore === offsetAfter ? [
    offsetBefore
  ] : [
    offsetBefore,
    offsetAfter
  ]) {
    const instant = naive - offset;
    if (zoneOffsetMs(instant, timezone) === offset) candidates.push(instant);
  }
  if (candidates.length === 0) {
    const instant = naive - offsetBefore;
    return {
      kind: "skipped",
      earlier: instant,
      later: instant
    };
  }
  const earlier = Math.min(...candidates);
  const later = Math.max(...candidates);
  return {
    kind: earlier === later ? "unique" : "ambiguous",
    earlier,
    later
  };
}
function fromNaive(naive, timezone) {
  return resolveNaive(naive, timezone).later;
}

// src/core/dates.ts
function pad(value, width = 2) {
  const text3 = String(Math.abs(value)).padStart(width, "0");
  return value < 0 ? `-${text3}` : text3;
}
function utcParts(ms) {
  return partsFromNaive(ms);
}
function formatIso(ms) {
  const p = utcParts(ms);
  const fraction = p.millisecond === 0 ? "" : `.${pad(p.millisecond, 3)}000`;
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}+00:00`;
}
function ds(ms) {
  const p = utcParts(ms);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}
function dsNodash(ms) {
  return ds(ms).replaceAll("-", "");
}
function ts(ms) {
  return formatIso(ms);
}
function isValidTimezone(name) {
  return knowsTimezone(name);
}
function zonedParts(ms, timezone) {
  const offsetMs = zoneOffsetMs(ms, timezone);
  return {
    ...partsFromNaive(ms + offsetMs),
    offsetMs
  };
}
var DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;
var DATE_HINT = '(use e.g. "2024-01-01", "2024-01-01T10:00", "2024-01-01T10:00:00Z" or "2024-01-01T10:00:00+02:00")';
function parseDate(text3, where2, options = {}) {
  const timezone = options.timezone ?? "UTC";
  const fail2 = (why = "") => {
    throw new DefinitionError(`${where2}: invalid date "${text3}"${why} ${DATE_HINT}`, {
      field: where2
    });
  };
  const match = typeof text3 === "string" ? DATE_PATTERN.exec(text3.trim()) : null;
  if (match === null) return fail2();
  const [, year, month, day, hour, minute, second, fraction, offset] = match;
  const parts = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? "").padEnd(3, "0").slice(0, 3))
  };
  if (parts.month < 1 || parts.month > 12) return fail2(": month out of range");
  const daysInMonth = new Date(Date.UTC(2e3, parts.month, 0)).getUTCDate() - (parts.month === 2 && !isLeapYear(parts.year) ? 1 : 0);
  if (parts.day < 1 || parts.day > daysInMonth) return fail2(": day out of range");
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return fail2(": time out of range");
  }
  const naive = naiveFromParts(parts);
  if (offset !== void 0) {
    if (offset.toUpperCase() === "Z") return naive;
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || "0");
    if (hours > 23 || minutes > 59) return fail2(": offset out of range");
    return naive - sign * (hours * 36e5 + minutes * 6e4);
  }
  if (!knowsTimezone(timezone)) {
    throw new DefinitionError(`${where2}: cannot read "${text3}" in unknown timezone "${timezone}" (use an IANA name such as "UTC" or "Europe/Amsterdam")`, {
      field: where2
    });
  }
  return fromNaive(naive, timezone);
}
function isLeapYear(year) {
  return year % 4 === 0 && year % 100 !== 0 || year % 400 === 0;
}

// src/core/schedule.ts
import { Cron } from "croner";

// src/core/_cron_description.ts
var MONTH_NAMES = [
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
  "December"
];
var MONTH_ALIASES = MONTH_NAMES.map((name) => name.slice(0, 3).toUpperCase());

// src/core/schedule.ts
var SCHEDULE_PRESETS = {
  "@hourly": "0 * * * *",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@weekly": "0 0 * * 0",
  "@monthly": "0 0 1 * *",
  "@quarterly": "0 0 1 */3 *",
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *"
};
var ACCEPTED = 'null (manual runs only), "@once", a preset (' + Object.keys(SCHEDULE_PRESETS).join(", ") + '), a 5-field cron expression such as "0 6 * * 1-5", or { every: "6h" }';
function parseSchedule(value, where2) {
  if (value === null || value === void 0) return {
    schedule: {
      kind: "none"
    },
    text: null
  };
  if (typeof value === "string") return parseScheduleText(value, where2);
  if (typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "every") {
      const every = value.every;
      if (typeof every !== "string" && typeof every !== "number") {
        throw invalid(where2, `invalid interval ${show(every)}`);
      }
      const everyMs = parseDuration(every, `${where2}.every`);
      if (!(everyMs > 0)) {
        throw invalid(where2, `the interval must be longer than 0, got ${show(every)}`);
      }
      return {
        schedule: {
          kind: "interval",
          everyMs
        },
        text: typeof every === "string" ? every.trim() : formatDuration(everyMs)
      };
    }
  }
  throw invalid(where2, `invalid schedule ${show(value)}`);
}
function parseScheduleText(value, where2) {
  const text3 = value.trim().replace(/\s+/g, " ");
  if (text3 === "@once") return {
    schedule: {
      kind: "once"
    },
    text: text3
  };
  const preset = SCHEDULE_PRESETS[text3];
  if (preset !== void 0) {
    return {
      schedule: {
        kind: "cron",
        expression: preset,
        preset: text3
      },
      text: text3
    };
  }
  if (text3 === "@continuous") {
    throw invalid(where2, `"@continuous" schedules are not supported`);
  }
  if (text3.startsWith("@")) throw invalid(where2, `unknown preset "${value}"`);
  const fields = text3 === "" ? [] : text3.split(" ");
  if (fields.length === 6) {
    throw invalid(where2, `cron expression "${value}" has 6 fields; seconds are not supported, use 5 fields (minute hour day-of-month month day-of-week)`);
  }
  if (fields.length !== 5) {
    const asInterval = looksLikeDuration(text3) ? `; to run every ${text3}, write { every: "${text3}" }` : "";
    throw invalid(where2, `invalid schedule "${value}": a cron expression has 5 fields (minute hour day-of-month month day-of-week)${asInterval}`);
  }
  let cron;
  try {
    cron = new Cron(text3, {
      mode: "5-part",
      utcOffset: 0
    });
  } catch (error) {
    const why = error instanceof Error ? error.message.replace(/^CronPattern: /, "") : String(error);
    throw invalid(where2, `invalid cron expression "${value}": ${why}`);
  }
  if (cron.nextRun(new Date(Date.UTC(1970, 0, 1))) === null) {
    throw invalid(where2, `cron expression "${value}" never matches any date`);
  }
  return {
    schedule: {
      kind: "cron",
      expression: text3
    },
    text: text3
  };
}
function looksLikeDuration(text3) {
  try {
    parseDuration(text3, "");
    return true;
  } catch {
    return false;
  }
}
function invalid(where2, what) {
  return new DefinitionError(`${where2}: ${what} (accepted: ${ACCEPTED})`, {
    field: where2
  });
}
function show(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// src/core/graph.ts
function findCycle(tasks) {
  const index = new Map(tasks.map((task2, position) => [
    task2.taskId,
    position
  ]));
  const downstream = tasks.map(() => []);
  tasks.forEach((task2, position) => {
    for (const upstreamId of task2.upstream) {
      const from = index.get(upstreamId);
      if (from !== void 0) downstream[from].push(position);
    }
  });
  const mark = new Uint8Array(tasks.length);
  for (let start = 0; start < tasks.length; start++) {
    if (mark[start] !== 0) continue;
    const path = [
      start
    ];
    const next = [
      0
    ];
    mark[start] = 1;
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top];
      if (next[top] < downstream[node].length) {
        const child = downstream[node][next[top]++];
        if (mark[child] === 1) {
          const cycle = path.slice(path.indexOf(child)).map((at) => tasks[at].taskId);
          return [
            ...cycle,
            tasks[child].taskId
          ];
        }
        if (mark[child] === 0) {
          mark[child] = 1;
          path.push(child);
          next.push(0);
        }
      } else {
        mark[node] = 2;
        path.pop();
        next.pop();
      }
    }
  }
  return null;
}

// src/core/priority.ts
var MIN_WEIGHT = -(2 ** 31);
var MAX_WEIGHT = 2 ** 31 - 1;

// src/core/_cron_ticks.ts
import { Cron as Cron2, CronPattern } from "croner";
var SHIFT_MS = 3 * 36e5;

// src/core/definition_defaults.ts
var DEFAULT_POOL = "default_pool";
var DEFAULT_RETRY_DELAY_MS = 3e5;

// src/core/connection_uri.ts
function connectionExtraObject(extra) {
  if (!extra) return null;
  try {
    const parsed = JSON.parse(extra);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

// src/core/_fernet_token.ts
var HEADER_LENGTH = 1 + 8 + 16;

// src/core/fernet.ts
var encoder = new TextEncoder();
var decoder = new TextDecoder("utf-8", {
  fatal: true
});

// src/sdk/_call_site.ts
var FRAMES = 12;
var SDK_FOLDER = new URL(".", import.meta.url);
var SDK_MARKERS = [
  SDK_FOLDER.href,
  decodeURIComponent(SDK_FOLDER.pathname)
];
var capturing = true;
function setCallSiteCapture(enabled) {
  capturing = enabled;
}
function captureCallSite() {
  if (!capturing) return null;
  const hooks = Error;
  const previous = hooks.prepareStackTrace;
  const hadOwn = Object.hasOwn(hooks, "prepareStackTrace");
  const previousLimit = hooks.stackTraceLimit;
  const holder = {};
  let sites;
  try {
    hooks.prepareStackTrace = (_error, callSites) => callSites;
    hooks.stackTraceLimit = FRAMES;
    hooks.captureStackTrace(holder, captureCallSite);
    sites = holder.stack;
  } finally {
    if (!hadOwn) delete hooks.prepareStackTrace;
    else hooks.prepareStackTrace = previous;
    hooks.stackTraceLimit = previousLimit;
  }
  if (!Array.isArray(sites)) return null;
  for (const site of sites) {
    const file = site.getFileName?.();
    if (!file || isSdkFile(file)) continue;
    return {
      file,
      line: site.getLineNumber() ?? 0,
      column: site.getColumnNumber() ?? 0
    };
  }
  return null;
}
var CALL_SITE = Symbol.for("updraft.callSite");
function isSdkFile(file) {
  return SDK_MARKERS.some((marker) => file.startsWith(marker)) && !file.endsWith("_test.ts");
}
function attachCallSite(error, site) {
  if (site) Object.defineProperty(error, CALL_SITE, {
    value: site,
    enumerable: false
  });
  return error;
}

// src/sdk/_checks.ts
var ID_PATTERN = /^[A-Za-z0-9_.-]+$/;
var MAX_ID_LENGTH = 250;
function where(subject, field) {
  const parts = [];
  if (subject.dagId !== void 0) parts.push(`DAG "${subject.dagId}"`);
  if (subject.taskId !== void 0) parts.push(`task "${subject.taskId}"`);
  if (field !== void 0) parts.push(field);
  return parts.join(", ");
}
function definitionError(subject, field, message) {
  const prefix = where(subject, field);
  return new DefinitionError(prefix ? `${prefix}: ${message}` : message, {
    ...subject,
    field
  });
}
function fail(subject, field, message) {
  throw definitionError(subject, field, message);
}
function parseField(subject, field, parse) {
  try {
    return parse(where(subject, field));
  } catch (error) {
    if (error instanceof DefinitionError) {
      throw new DefinitionError(error.message, {
        ...subject,
        field
      });
    }
    throw error;
  }
}
function checkId(value, subject, what) {
  const field = "id";
  if (typeof value !== "string" || value === "") {
    fail(subject, field, `every ${what} needs an id (a non-empty string), got ${show2(value)}`);
  }
  if (!ID_PATTERN.test(value)) {
    fail(subject, field, `invalid ${what} id ${show2(value)}: use only letters, digits, "_", "." and "-"`);
  }
  if (value.length > MAX_ID_LENGTH) {
    fail(subject, field, `${what} id is ${value.length} characters long; at most 250 allowed`);
  }
  return value;
}
function checkKnownKeys(options, known, subject) {
  for (const key of Object.keys(options)) {
    if (!known.has(key)) {
      fail(subject, key, `unknown option; valid options: ${[
        ...known
      ].join(", ")}`);
    }
  }
}
function optionalBoolean(value, fallback, subject, field) {
  if (value === void 0) return fallback;
  if (typeof value !== "boolean") fail(subject, field, `must be true or false, got ${show2(value)}`);
  return value;
}
function optionalString(value, fallback, subject, field) {
  if (value === void 0) return fallback;
  if (typeof value !== "string") fail(subject, field, `must be a string, got ${show2(value)}`);
  return value;
}
function optionalInteger(value, fallback, subject, options) {
  if (value === void 0) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < options.minimum) {
    fail(subject, options.field, `must be an integer \u2265 ${options.minimum}, got ${show2(value)}`);
  }
  return value;
}
function optionalStringList(value, subject, field) {
  if (value === void 0) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
    fail(subject, field, `must be a list of strings, got ${show2(value)}`);
  }
  return [
    ...value
  ];
}
function show2(value) {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "function") return "a function";
  if (value === void 0) return "undefined";
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "symbol") return value.toString();
  try {
    const text3 = JSON.stringify(value);
    return text3.length > 60 ? `${text3.slice(0, 57)}...` : text3;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

// src/sdk/_current.ts
var stack = [];
function withCurrentDag(dag2, build) {
  stack.push(dag2);
  try {
    return build();
  } finally {
    stack.pop();
  }
}
function currentDag(builder) {
  const dag2 = stack.at(-1);
  if (!dag2) {
    throw new DefinitionError(`${builder} was called outside a DAG: call it inside the build function of dag({ id, \u2026 }, () => { \u2026 })`);
  }
  return dag2;
}

// src/sdk/_evaluation.ts
var trusted = false;
function isTrustedEvaluation() {
  return trusted;
}
function setTrustedEvaluation(enabled) {
  trusted = enabled;
  setCallSiteCapture(!enabled);
}

// src/sdk/_task_options.ts
var TASK_OPTION_KEYS = /* @__PURE__ */ new Set([
  "id",
  "retries",
  "retryDelay",
  "retryExponentialBackoff",
  "maxRetryDelay",
  "executionTimeout",
  "triggerRule",
  "dependsOnPast",
  "waitForDownstream",
  "pool",
  "poolSlots",
  "priorityWeight",
  "weightRule",
  "permissions",
  "connections",
  "owner",
  "onFailure",
  "onSuccess",
  "onRetry",
  "doc"
]);
function mergeDefaults(defaults, options) {
  const merged = {
    ...defaults
  };
  for (const [key, value] of Object.entries(options)) {
    if (value !== void 0) merged[key] = value;
  }
  if (Array.isArray(defaults.connections) && Array.isArray(options.connections)) {
    merged.connections = [
      ...defaults.connections,
      ...options.connections
    ];
  }
  return merged;
}
function normalizeTaskOptions(options, subject, { fieldPrefix = "" } = {}) {
  const f = (field) => fieldPrefix + field;
  const duration = (field) => {
    const value = options[field];
    return value === void 0 ? null : parseField(subject, f(field), (at) => parseDuration(value, at));
  };
  const waitForDownstream = optionalBoolean(options.waitForDownstream, false, subject, f("waitForDownstream"));
  const settings = {
    taskId: subject.taskId ?? "",
    triggerRule: triggerRuleOption(options.triggerRule, subject, f),
    retries: optionalInteger(options.retries, 0, subject, {
      field: f("retries"),
      minimum: 0
    }),
    retryDelayMs: duration("retryDelay") ?? DEFAULT_RETRY_DELAY_MS,
    retryExponentialBackoff: optionalBoolean(options.retryExponentialBackoff, false, subject, f("retryExponentialBackoff")),
    maxRetryDelayMs: duration("maxRetryDelay"),
    executionTimeoutMs: duration("executionTimeout"),
    dependsOnPast: waitForDownstream || optionalBoolean(options.dependsOnPast, false, subject, f("dependsOnPast")),
    waitForDownstream,
    pool: optionalString(options.pool, DEFAULT_POOL, subject, f("pool")),
    poolSlots: optionalInteger(options.poolSlots, 1, subject, {
      field: f("poolSlots"),
      minimum: 1
    }),
    priorityWeight: optionalInteger(options.priorityWeight, 1, subject, {
      field: f("priorityWeight"),
      minimum: Number.MIN_SAFE_INTEGER
    }),
    weightRule: weightRuleOption(options.weightRule, subject, f),
    permissions: permissionsOption(options.permissions, subject, f),
    connections: connectionsOption(options.connections, subject, f),
    callbacks: {
      onFailure: false,
      onSuccess: false,
      onRetry: false
    },
    doc: optionalString(options.doc, null, subject, f("doc"))
  };
  const callbacks = {};
  for (const kind of [
    "onFailure",
    "onSuccess",
    "onRetry"
  ]) {
    const callback = options[kind];
    if (callback === void 0) continue;
    if (typeof callback !== "function") {
      fail(subject, f(kind), `must be a function (ctx, error?) => void, got ${show2(callback)}`);
    }
    callbacks[kind] = callback;
    settings.callbacks[kind] = true;
  }
  return {
    settings,
    callbacks,
    owner: optionalString(options.owner, null, subject, f("owner"))
  };
}
function triggerRuleOption(value, subject, f) {
  if (value === void 0) return "all_success";
  if (typeof value === "string") {
    if (TRIGGER_RULES.includes(value)) return value;
    const replacement = DEPRECATED_TRIGGER_RULES[value];
    if (replacement) return replacement;
  }
  return fail(subject, f("triggerRule"), `unknown trigger rule ${show2(value)}; valid trigger rules: ${TRIGGER_RULES.join(", ")}`);
}
function weightRuleOption(value, subject, f) {
  if (value === void 0) return "downstream";
  if (typeof value === "string" && WEIGHT_RULES.includes(value)) {
    return value;
  }
  return fail(subject, f("weightRule"), `unknown weight rule ${show2(value)}; valid weight rules: ${WEIGHT_RULES.join(", ")}`);
}
var CONNECTION_ID = /^[A-Za-z0-9_.-]+$/;
function connectionsOption(value, subject, f) {
  if (value === void 0) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== "string" || !CONNECTION_ID.test(item))) {
    fail(subject, f("connections"), `must be a list of connection ids (letters, digits, _, . and -), got ${show2(value)}`);
  }
  return [
    ...new Set(value)
  ];
}
function permissionsOption(value, subject, f) {
  if (value === void 0) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, f("permissions"), `must be an object like { net: ["api.example.com"] }`);
  }
  const permissions = {};
  for (const [kind, list] of Object.entries(value)) {
    if (!PERMISSION_KINDS.includes(kind)) {
      fail(subject, f(`permissions.${kind}`), `unknown permission; valid: ${PERMISSION_KINDS.join(", ")}`);
    }
    if (list === void 0) continue;
    if (!Array.isArray(list) || list.some((item) => typeof item !== "string" || item === "")) {
      fail(subject, f(`permissions.${kind}`), `must be a list of non-empty strings, got ${show2(list)}`);
    }
    permissions[kind] = [
      ...list
    ];
  }
  return permissions;
}

// src/sdk/json.ts
function findNonJson(value) {
  return visit(value, "$", /* @__PURE__ */ new Set());
}
function copyJson(value) {
  return value === void 0 ? null : JSON.parse(JSON.stringify(value));
}
function visit(value, path, seen) {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") {
    return Number.isFinite(value) ? null : `${path} is ${value}, which JSON cannot hold`;
  }
  if (typeof value !== "object") return `${path} is ${describe(value)}`;
  if (seen.has(value)) return `${path} refers back to itself (a cycle)`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        if (value[index] === void 0) return `${path}[${index}] is undefined`;
        const problem = visit(value[index], `${path}[${index}]`, seen);
        if (problem) return problem;
      }
      return null;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return `${path} is ${describe(value)}, not a plain object`;
    }
    for (const [key, item] of Object.entries(value)) {
      if (item === void 0) continue;
      const problem = visit(item, `${path}${propertyPath(key)}`, seen);
      if (problem) return problem;
    }
    return null;
  } finally {
    seen.delete(value);
  }
}
function propertyPath(key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
function describe(value) {
  if (value === void 0) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "bigint") return "a bigint";
  if (typeof value === "symbol") return "a symbol";
  const name = value.constructor?.name;
  return name ? `a ${name}` : "an object without prototype";
}

// src/sdk/_dag_options.ts
var DAG_OPTION_KEYS = /* @__PURE__ */ new Set([
  "id",
  "schedule",
  "startDate",
  "endDate",
  "timezone",
  "catchup",
  "tags",
  "params",
  "defaultArgs",
  "maxActiveRuns",
  "maxActiveTasks",
  "description",
  "dagrunTimeout",
  "isPausedUponCreation",
  "doc",
  "owner"
]);
function normalizeDagOptions(options) {
  if (typeof options !== "object" || options === null) {
    fail({}, void 0, `dag() needs an options object with at least an id, got ${show2(options)}`);
  }
  const dagId = checkId(options.id, {}, "DAG");
  const subject = {
    dagId
  };
  checkKnownKeys(options, DAG_OPTION_KEYS, subject);
  const timezone = optionalString(options.timezone, "UTC", subject, "timezone");
  if (!isValidTimezone(timezone)) {
    fail(subject, "timezone", `unknown time zone ${show2(timezone)} (use an IANA name)`);
  }
  const { schedule, text: text3 } = parseField(subject, "schedule", (at) => parseSchedule(options.schedule ?? null, at));
  const startDate = dateOption(options.startDate, subject, {
    field: "startDate",
    timezone
  });
  const endDate = dateOption(options.endDate, subject, {
    field: "endDate",
    timezone
  });
  if (schedule.kind !== "none" && startDate === null) {
    fail(subject, "startDate", `the DAG is missing the start_date: schedule ${show2(text3)} needs a startDate (e.g. "2024-01-01"), or use schedule: null for manual runs only`);
  }
  if (startDate !== null && endDate !== null && endDate < startDate) {
    fail(subject, "endDate", "must not be before startDate");
  }
  const dagrunTimeout = options.dagrunTimeout;
  return {
    dagId,
    description: optionalString(options.description, null, subject, "description"),
    schedule,
    scheduleText: text3,
    startDate,
    endDate,
    timezone,
    catchup: optionalBoolean(options.catchup, false, subject, "catchup"),
    tags: optionalStringList(options.tags, subject, "tags"),
    owner: optionalString(options.owner, null, subject, "owner"),
    params: paramsOption(options.params, subject),
    maxActiveRuns: optionalInteger(options.maxActiveRuns, null, subject, {
      field: "maxActiveRuns",
      minimum: 1
    }),
    maxActiveTasks: optionalInteger(options.maxActiveTasks, null, subject, {
      field: "maxActiveTasks",
      minimum: 1
    }),
    dagrunTimeoutMs: dagrunTimeout === void 0 ? null : parseField(subject, "dagrunTimeout", (at) => parseDuration(dagrunTimeout, at)),
    isPausedUponCreation: options.isPausedUponCreation === void 0 ? null : optionalBoolean(options.isPausedUponCreation, false, subject, "isPausedUponCreation"),
    doc: optionalString(options.doc, null, subject, "doc")
  };
}
function defaultArgsOption(options) {
  const value = options.defaultArgs;
  if (value === void 0) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail({
      dagId: options.id
    }, "defaultArgs", `must be an object, got ${show2(value)}`);
  }
  const subject = {
    dagId: options.id
  };
  for (const key of Object.keys(value)) {
    if (key === "id") fail(subject, "defaultArgs.id", "a task id cannot be a default");
    if (!TASK_OPTION_KEYS.has(key)) {
      fail(subject, `defaultArgs.${key}`, `unknown task option; valid: ${[
        ...TASK_OPTION_KEYS
      ].filter((name) => name !== "id").join(", ")}`);
    }
  }
  normalizeTaskOptions(value, subject, {
    fieldPrefix: "defaultArgs."
  });
  return {
    ...value
  };
}
function dateOption(value, subject, options) {
  if (value === void 0 || value === null) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail(subject, options.field, "is an invalid Date");
    return value.getTime();
  }
  if (typeof value !== "string") {
    fail(subject, options.field, `must be an ISO date string or a Date, got ${show2(value)}`);
  }
  return parseField(subject, options.field, (at) => parseDate(value, at, {
    timezone: options.timezone
  }));
}
function paramsOption(value, subject) {
  if (value === void 0) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, "params", `must be an object, got ${show2(value)}`);
  }
  const problem = findNonJson(value);
  if (problem) fail(subject, "params", `must be JSON: ${problem.replace("$", "params")}`);
  return copyJson(value);
}

// src/sdk/_variables.ts
var DOTTED = /\bvar\s*\.\s*(?:value|json)\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)/g;
var INDEXED = /\bvar\s*\.\s*(?:value|json)\s*\[\s*(["'])(.*?)\1\s*\]/g;
var CONNECTION_DOTTED = /\bconn\s*\.\s*(?!get\b)([A-Za-z_][A-Za-z0-9_]*)/g;
var CONNECTION_INDEXED = /\bconn\s*(?:\[|\.\s*get\s*\()\s*(["'])(.*?)\1/g;
function variablesUsed(value) {
  return referenced(value, [
    [
      DOTTED,
      1
    ],
    [
      INDEXED,
      2
    ]
  ]);
}
function connectionsUsed(value) {
  return referenced(value, [
    [
      CONNECTION_DOTTED,
      1
    ],
    [
      CONNECTION_INDEXED,
      2
    ]
  ]);
}
function referenced(value, patterns) {
  const names = /* @__PURE__ */ new Set();
  collect(value, (text3) => {
    for (const [pattern, group] of patterns) {
      for (const match of text3.matchAll(pattern)) names.add(match[group]);
    }
  });
  return [
    ...names
  ].sort();
}
function collect(value, visit2) {
  if (typeof value === "string") {
    visit2(value);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, visit2);
  } else if (value !== null && typeof value === "object") {
    for (const item of Object.values(value)) collect(item, visit2);
  }
}

// src/sdk/dag.ts
var DAG_BRAND = Symbol.for("updraft.Dag");
var Dag = class {
  /** Marks a Dag across copies of the SDK. */
  [DAG_BRAND] = true;
  /** The DAG's id. */
  dagId;
  /** Task options every task of this DAG starts from. */
  defaultArgs;
  /** Where `dag()` was called. */
  callSite;
  #tasks = /* @__PURE__ */ new Map();
  #options;
  #settings;
  /**
   * Use {@link dag} instead: it also runs the build function and checks the result. A trusted
   * evaluation normalizes the options only when `settings` is read (a sandbox never does).
   */
  constructor(options, callSite = null) {
    this.#options = options;
    this.#settings = isTrustedEvaluation() ? null : normalizeDagOptions(options);
    this.dagId = this.#settings?.dagId ?? options.id;
    this.defaultArgs = isTrustedEvaluation() ? options.defaultArgs ?? {} : defaultArgsOption(options);
    this.callSite = callSite;
  }
  /** The DAG's settings, checked and normalized. */
  get settings() {
    this.#settings ??= normalizeDagOptions(this.#options);
    return this.#settings;
  }
  /** The tasks, in definition order. */
  get tasks() {
    return [
      ...this.#tasks.values()
    ];
  }
  /** The task with this id, if the DAG has one. */
  getTask(taskId) {
    return this.#tasks.get(taskId);
  }
  /** Add a task (the builders do this); a duplicate id is a `DefinitionError`. */
  addTask(node) {
    if (this.#tasks.has(node.taskId)) {
      fail({
        dagId: this.dagId,
        taskId: node.taskId
      }, "id", `duplicate task id: the DAG already has a task "${node.taskId}"`);
    }
    this.#tasks.set(node.taskId, node);
  }
  /** Make `downstream` run after `upstream`; both must be tasks of this DAG. */
  addDependency(upstream, downstream) {
    for (const node of [
      upstream,
      downstream
    ]) {
      if (node.dag !== this || this.#tasks.get(node.taskId) !== node) {
        const [here, there] = node === upstream ? [
          downstream,
          upstream
        ] : [
          upstream,
          downstream
        ];
        fail({
          dagId: here.dag.dagId,
          taskId: here.taskId
        }, void 0, `cannot depend on task "${there.taskId}" of DAG "${there.dag.dagId}": dependencies must stay within one DAG`);
      }
    }
    downstream.upstream.add(upstream.taskId);
  }
  /** Throw a `DefinitionError` when the dependencies form a cycle, printing it `a → b → a`. */
  checkCycles() {
    const cycle = findCycle(this.tasks.map((node) => ({
      taskId: node.taskId,
      upstream: [
        ...node.upstream
      ]
    })));
    if (!cycle) return;
    const error = definitionError({
      dagId: this.dagId
    }, void 0, `the dependencies form a cycle: ${cycle.join(" \u2192 ")}`);
    throw attachCallSite(error, this.callSite);
  }
  /**
   * The DAG as plain JSON, as the loader stores it: tasks in definition order, upstream ids
   * sorted, `defaultArgs` applied. `fileloc` is the file's path relative to the DAG folder.
   */
  toDefinition(fileloc) {
    this.checkCycles();
    const owners = [
      ...new Set(this.tasks.map((node) => node.owner).filter((o) => o !== null))
    ];
    const { dagId, owner, ...settings } = this.settings;
    return structuredClone({
      dagId,
      fileloc,
      ...settings,
      owner: owner ?? (owners.length > 0 ? owners.join(", ") : "updraft"),
      tasks: this.tasks.map(serializeTask)
    });
  }
};
function serializeTask(node) {
  return {
    ...node.settings,
    upstream: [
      ...node.upstream
    ].sort(),
    inputs: node.inputs ?? [],
    variablesUsed: variablesUsed(node.settings.templateFields),
    connectionsUsed: connectionsUsed(node.settings.templateFields)
  };
}
function isDag(value) {
  return typeof value === "object" && value !== null && DAG_BRAND in value;
}
function dag(options, build) {
  const created = new Dag(options, captureCallSite());
  if (typeof build !== "function") {
    fail({
      dagId: created.dagId
    }, void 0, "dag() needs a build function as second argument");
  }
  const result = withCurrentDag(created, build);
  if (result instanceof Promise) {
    fail({
      dagId: created.dagId
    }, void 0, "the build function must be synchronous (it returned a Promise)");
  }
  if (!isTrustedEvaluation()) created.checkCycles();
  return created;
}

// src/sdk/task_node.ts
var TaskNode = class {
  /** The DAG the task belongs to. */
  dag;
  /** The task's id. */
  taskId;
  /** Direct upstream task ids. */
  upstream = /* @__PURE__ */ new Set();
  /** TaskFlow inputs once bound (by calling the task's handle). */
  inputs = null;
  #init;
  #build;
  /**
   * @param dag The DAG the task joins. @param taskId Its (checked) id.
   * @param init Its normalized parts, or a function that builds them when first read (trusted
   * evaluation defers that work: most tasks of a re-evaluated DAG are never read).
   */
  constructor(dag2, taskId, init) {
    this.dag = dag2;
    this.taskId = taskId;
    this.#init = typeof init === "function" ? null : init;
    this.#build = typeof init === "function" ? init : null;
  }
  #parts() {
    if (this.#init === null) {
      this.#init = this.#build();
      this.#build = null;
    }
    return this.#init;
  }
  /** The task's settings, defaults and `defaultArgs` applied. */
  get settings() {
    return this.#parts().settings;
  }
  /** Callback functions (the definition only records which exist). */
  get callbacks() {
    return this.#parts().callbacks;
  }
  /** The owner the task set (directly or through `defaultArgs`), if any. */
  get owner() {
    return this.#parts().owner;
  }
  /** The function a sandbox runs for this task; null for bash and empty tasks. */
  get run() {
    return this.#parts().run;
  }
  /** Where the builder was called. */
  get callSite() {
    return this.#parts().callSite;
  }
  /** The operator's fields as given (templated ones unrendered), merged for `ctx.fields`. */
  get allFields() {
    return {
      ...this.settings.fields,
      ...this.settings.templateFields
    };
  }
};

// src/sdk/_register.ts
function taskSubject(builder, options) {
  const dag2 = currentDag(`${builder}()`);
  if (isTrustedEvaluation()) return {
    dagId: dag2.dagId,
    taskId: options.id
  };
  if (typeof options !== "object" || options === null) {
    fail({
      dagId: dag2.dagId
    }, void 0, `${builder}() needs an options object with at least an id, got ${show2(options)}`);
  }
  const taskId = checkId(options.id, {
    dagId: dag2.dagId
  }, "task");
  return {
    dagId: dag2.dagId,
    taskId
  };
}
function checkFunction(builder, subject, value) {
  if (typeof value !== "function") {
    fail(subject, void 0, `${builder}() needs a function as second argument, got ${show2(value)}`);
  }
}
var KNOWN_KEYS = /* @__PURE__ */ new WeakMap();
function knownKeys(extraKeys) {
  let known = KNOWN_KEYS.get(extraKeys);
  if (!known) {
    known = /* @__PURE__ */ new Set([
      ...TASK_OPTION_KEYS,
      ...extraKeys
    ]);
    KNOWN_KEYS.set(extraKeys, known);
  }
  return known;
}
function registerTask(builder, options, parts) {
  const dag2 = currentDag(`${builder}()`);
  const subject = taskSubject(builder, options);
  let node;
  if (isTrustedEvaluation()) {
    const given = {
      ...options
    };
    node = new TaskNode(dag2, subject.taskId, () => taskNodeInit(dag2, subject, given, parts));
  } else {
    node = new TaskNode(dag2, subject.taskId, taskNodeInit(dag2, subject, options, parts));
  }
  dag2.addTask(node);
  return node;
}
function taskNodeInit(dag2, subject, options, parts) {
  const callSite = captureCallSite();
  const own = {};
  for (const [key, value] of Object.entries(options)) {
    if (TASK_OPTION_KEYS.has(key)) own[key] = value;
  }
  if (parts.extraKeys) checkKnownKeys(options, knownKeys(parts.extraKeys), subject);
  const merged = mergeDefaults(dag2.defaultArgs, own);
  const { settings, callbacks, owner } = normalizeTaskOptions(merged, subject);
  const { taskId, ...common } = settings;
  return {
    settings: {
      taskId,
      operator: parts.operator,
      kind: parts.kind,
      ...common,
      permissions: mergePermissions(parts.permissions ?? {}, common.permissions),
      connections: [
        .../* @__PURE__ */ new Set([
          ...parts.connections ?? [],
          ...common.connections
        ])
      ],
      branch: parts.branch ?? false,
      shortCircuit: parts.shortCircuit ?? null,
      templateFields: parts.templateFields ?? {},
      fields: parts.fields ?? {}
    },
    callbacks,
    owner,
    run: parts.run,
    callSite
  };
}

// src/sdk/task_handle.ts
var OUTPUT_REFERENCE = Symbol.for("updraft.output");
var RETURN_VALUE = "return_value";
function outputReferenceOf(value) {
  if (typeof value !== "object" && typeof value !== "function" || value === null) return null;
  return value[OUTPUT_REFERENCE] ?? null;
}
function nodeOf(value, action) {
  const reference = outputReferenceOf(value);
  if (!reference || reference.key !== RETURN_VALUE) {
    fail({}, void 0, `${action} takes tasks or lists of tasks, got ${show2(value)}`);
  }
  return reference.node;
}
function nodesOf(value, action) {
  return Array.isArray(value) ? value.map((item) => nodeOf(item, action)) : [
    nodeOf(value, action)
  ];
}
function createHandle(node, callable) {
  const handle = callable ? Object.setPrototypeOf(function bind(...inputs) {
    bindInputs(node, inputs);
    return handle;
  }, CALLABLE_HANDLE) : Object.create(PLAIN_HANDLE);
  handle[OUTPUT_REFERENCE] = {
    node,
    key: RETURN_VALUE
  };
  if (callable) Object.defineProperty(handle, "name", {
    value: node.taskId
  });
  return handle;
}
var HANDLE_METHODS = {
  before(downstream) {
    const node = nodeOf(this, "before()");
    for (const other of nodesOf(downstream, `before() of task "${node.taskId}"`)) {
      node.dag.addDependency(node, other);
    }
    return downstream;
  },
  after(upstream) {
    const node = nodeOf(this, "after()");
    for (const other of nodesOf(upstream, `after() of task "${node.taskId}"`)) {
      other.dag.addDependency(other, node);
    }
    return upstream;
  },
  output(key) {
    return createOutput(nodeOf(this, "output()"), key);
  }
};
var HANDLE_IDS = {
  taskId: {
    get() {
      return nodeOf(this, "taskId").taskId;
    },
    enumerable: true
  },
  dagId: {
    get() {
      return nodeOf(this, "dagId").dag.dagId;
    },
    enumerable: true
  },
  xcomKey: {
    value: RETURN_VALUE,
    enumerable: true
  }
};
var PLAIN_HANDLE = Object.freeze(Object.defineProperties({
  ...HANDLE_METHODS
}, HANDLE_IDS));
var CALLABLE_HANDLE = Object.freeze(Object.defineProperties(Object.assign(Object.create(Function.prototype), HANDLE_METHODS), HANDLE_IDS));
function createOutput(node, key) {
  if (typeof key !== "string" || key === "") {
    fail({
      dagId: node.dag.dagId,
      taskId: node.taskId
    }, void 0, "output() needs an XCom key");
  }
  return Object.freeze(Object.defineProperties({
    taskId: node.taskId,
    xcomKey: key
  }, {
    [OUTPUT_REFERENCE]: {
      value: {
        node,
        key
      }
    }
  }));
}
function bindInputs(node, inputs) {
  const subject = {
    dagId: node.dag.dagId,
    taskId: node.taskId
  };
  if (node.inputs !== null) fail(subject, void 0, "the task's inputs are already bound");
  const bound = [];
  inputs.forEach((input, index) => {
    const reference = outputReferenceOf(input);
    if (reference) {
      if (reference.node.dag !== node.dag) {
        fail(subject, void 0, `cannot take the output of task "${reference.node.taskId}" of DAG "${reference.node.dag.dagId}": dependencies must stay within one DAG`);
      }
      node.dag.addDependency(reference.node, node);
      bound.push({
        kind: "xcom",
        taskId: reference.node.taskId,
        key: reference.key
      });
      return;
    }
    const problem = findNonJson(input ?? null);
    if (problem) {
      const nested = containsReference(input, /* @__PURE__ */ new Set());
      fail(subject, `argument ${index + 1}`, nested ? "task outputs must be passed as arguments of their own, not inside arrays or objects" : `a literal input must be JSON: ${problem.replace("$", "value")}`);
    }
    bound.push({
      kind: "value",
      value: copyJson(input ?? null)
    });
  });
  node.inputs = bound;
}
function containsReference(value, seen) {
  if (outputReferenceOf(value)) return true;
  if (typeof value !== "object" || value === null || seen.has(value)) return false;
  seen.add(value);
  return Object.values(value).some((item) => containsReference(item, seen));
}

// src/sdk/builders.ts
var NO_EXTRA_KEYS = /* @__PURE__ */ new Set();
var BASH_KEYS = /* @__PURE__ */ new Set([
  "command",
  "env"
]);
var SHORT_CIRCUIT_KEYS = /* @__PURE__ */ new Set([
  "ignoreDownstreamTriggerRules"
]);
function task(options, fn) {
  checkFunction("task", taskSubject("task", options), fn);
  const node = registerTask("task", options, {
    operator: "task",
    kind: "function",
    run: fn,
    extraKeys: NO_EXTRA_KEYS
  });
  return createHandle(node, true);
}
function bash(options) {
  const subject = taskSubject("bash", options);
  if (typeof options.command !== "string" || options.command.trim() === "") {
    fail(subject, "command", `must be a non-empty string, got ${show2(options.command)}`);
  }
  const node = registerTask("bash", options, {
    operator: "bash",
    kind: "bash",
    run: null,
    templateFields: {
      command: options.command,
      env: envOption(options.env, subject)
    },
    extraKeys: BASH_KEYS
  });
  return createHandle(node, false);
}
function envOption(value, subject) {
  if (value === void 0) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    fail(subject, "env", `must be an object of strings, got ${show2(value)}`);
  }
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== "string") {
      fail(subject, `env.${name}`, `must be a string, got ${show2(item)}`);
    }
  }
  return {
    ...value
  };
}
function empty(options) {
  const node = registerTask("empty", options, {
    operator: "empty",
    kind: "empty",
    run: null,
    extraKeys: NO_EXTRA_KEYS
  });
  return createHandle(node, false);
}
function branch(options, fn) {
  checkFunction("branch", taskSubject("branch", options), fn);
  const node = registerTask("branch", options, {
    operator: "branch",
    kind: "function",
    run: fn,
    branch: true,
    extraKeys: NO_EXTRA_KEYS
  });
  return createHandle(node, true);
}
function shortCircuit(options, fn) {
  const subject = taskSubject("shortCircuit", options);
  checkFunction("shortCircuit", subject, fn);
  const node = registerTask("shortCircuit", options, {
    operator: "shortCircuit",
    kind: "function",
    run: fn,
    shortCircuit: {
      ignoreDownstreamTriggerRules: optionalBoolean(options.ignoreDownstreamTriggerRules, true, subject, "ignoreDownstreamTriggerRules")
    },
    extraKeys: SHORT_CIRCUIT_KEYS
  });
  return createHandle(node, true);
}

// src/sdk/chain.ts
function chain(...items) {
  const groups = items.map((item, index) => ({
    nodes: nodesOf(item, `chain() argument ${index + 1}`),
    isList: Array.isArray(item)
  }));
  for (let index = 1; index < groups.length; index++) {
    const upstream = groups[index - 1];
    const downstream = groups[index];
    if (upstream.isList && downstream.isList) {
      if (upstream.nodes.length !== downstream.nodes.length) {
        fail({}, void 0, `chain() arguments ${index} and ${index + 1} are lists of different lengths (${upstream.nodes.length} and ${downstream.nodes.length}); lists next to each other are linked pairwise (use crossDownstream() to link every task to every task)`);
      }
      upstream.nodes.forEach((node, position) => link(node, downstream.nodes[position]));
    } else {
      for (const from of upstream.nodes) for (const to of downstream.nodes) link(from, to);
    }
  }
}
function crossDownstream(upstream, downstream) {
  const from = nodesOf(upstream, "crossDownstream() upstream");
  const to = nodesOf(downstream, "crossDownstream() downstream");
  for (const first of from) for (const second of to) link(first, second);
}
function link(upstream, downstream) {
  upstream.dag.addDependency(upstream, downstream);
}

// src/sdk/operator.ts
function defineOperator(definition) {
  const name = definition?.name;
  if (typeof name !== "string" || name.trim() === "") {
    fail({}, void 0, `defineOperator() needs a name, got ${show2(name)}`);
  }
  if (typeof definition.execute !== "function") {
    fail({}, void 0, `defineOperator() of "${name}" needs an execute(ctx, fields) function`);
  }
  const templated = new Set(definition.templateFields ?? []);
  for (const field of templated) {
    if (TASK_OPTION_KEYS.has(field)) {
      fail({}, void 0, `operator "${name}": "${field}" is a task option, not a field`);
    }
  }
  const builder = (options) => {
    const subject = taskSubject(name, options);
    const templateFields = {};
    const fields = {};
    for (const [key, value] of Object.entries(options)) {
      if (TASK_OPTION_KEYS.has(key) || value === void 0) continue;
      const problem = findNonJson(value);
      if (problem) fail(subject, key, `operator fields must be JSON: ${problem.replace("$", key)}`);
      (templated.has(key) ? templateFields : fields)[key] = copyJson(value);
    }
    const node = registerTask(name, options, {
      operator: name,
      kind: "function",
      run: (ctx) => definition.execute(ctx, ctx.fields),
      templateFields,
      fields,
      permissions: definition.permissions?.({
        ...fields,
        ...templateFields
      }),
      connections: operatorConnections(definition, name, subject, {
        ...fields,
        ...templateFields
      }),
      extraKeys: null
    });
    return createHandle(node, false);
  };
  return builder;
}
function operatorConnections(definition, name, subject, fields) {
  if (!definition.connections) return [];
  const ids = definition.connections(fields);
  if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === "")) {
    fail(subject, void 0, `operator "${name}": connections() must return connection ids`);
  }
  return ids;
}

// src/sdk/_context_data.ts
var CONTEXT_DATA = Symbol.for("updraft.contextData");
function attachContextData(ctx, data) {
  Object.defineProperty(ctx, CONTEXT_DATA, {
    value: data,
    enumerable: false
  });
}
function contextDataOf(ctx) {
  return ctx[CONTEXT_DATA];
}

// src/sdk/errors.ts
var FAIL_BRAND = Symbol.for("updraft.FailTask");
var SKIP_BRAND = Symbol.for("updraft.SkipTask");
var RESCHEDULE_BRAND = Symbol.for("updraft.RescheduleTask");
var FailTask = class extends Error {
  /** Marks the error across copies of the SDK. */
  [FAIL_BRAND] = true;
  /** @param message Why the task failed; shown in the log and the failure callback. */
  constructor(message, options) {
    super(message, options);
    this.name = "FailTask";
  }
};
var SkipTask = class extends Error {
  /** Marks the error across copies of the SDK. */
  [SKIP_BRAND] = true;
  /** @param message Why the task was skipped; shown in the log. */
  constructor(message = "skipped by the task", options) {
    super(message, options);
    this.name = "SkipTask";
  }
};
var SensorTimeout = class extends FailTask {
  /** @param message What the sensor waited for and how long. */
  constructor(message, options) {
    super(message, options);
    this.name = "SensorTimeout";
  }
};
var RescheduleTask = class extends Error {
  /** Marks the error across copies of the SDK. */
  [RESCHEDULE_BRAND] = true;
  /** When the next poke may start (epoch milliseconds). */
  at;
  /** @param at When the next poke may start. */
  constructor(at) {
    super(`up for reschedule until ${new Date(at).toISOString()}`);
    this.name = "RescheduleTask";
    this.at = at;
  }
};
function isRescheduleTask(error) {
  return typeof error === "object" && error !== null && RESCHEDULE_BRAND in error && typeof error.at === "number";
}
function isFailTask(error) {
  return typeof error === "object" && error !== null && FAIL_BRAND in error;
}
function isSkipTask(error) {
  return typeof error === "object" && error !== null && SKIP_BRAND in error;
}

// src/sdk/sensors/_backoff.ts
var MAX_ESTIMATED_POKES = 1e3;
async function nextPokeIntervalMs(settings, progress) {
  if (!settings.exponentialBackoff) return settings.pokeIntervalMs;
  const intervalSeconds = settings.pokeIntervalMs / 1e3;
  const elapsedSeconds = progress.elapsedMs / 1e3;
  const jittered = async (k) => {
    const minimum = Math.max(1, Math.trunc(intervalSeconds * 2 ** (k - 2)));
    const key = `${progress.dagId}#${progress.taskId}#${progress.startedAt}#${k}`;
    return minimum + Number(await sha1(key) % BigInt(minimum));
  };
  let pokeCount = progress.pokeCount;
  if (progress.estimatePokeCount) {
    let cumulative = 0;
    pokeCount = 0;
    while (cumulative <= elapsedSeconds && pokeCount < MAX_ESTIMATED_POKES) {
      pokeCount += 1;
      cumulative += await jittered(pokeCount);
    }
  }
  let seconds = await jittered(pokeCount);
  seconds = Math.min(seconds, settings.timeoutMs / 1e3 - Math.trunc(elapsedSeconds));
  if (settings.maxWaitMs !== null) seconds = Math.min(seconds, settings.maxWaitMs / 1e3);
  return Math.max(0, seconds * 1e3);
}
async function sha1(text3) {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text3));
  const hex = [
    ...new Uint8Array(digest)
  ].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  return BigInt(`0x${hex}`);
}

// src/sdk/sensors/_loop.ts
var systemSensorClock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", abort, {
      once: true
    });
  })
};
async function runSensor(ctx, settings, poke2, clock = systemSensorClock) {
  const reschedules = settings.mode === "reschedule" || settings.reschedulesBetweenPokes;
  const data = contextDataOf(ctx);
  const startedAt = (reschedules ? data?.sensor?.startedAt : null) ?? clock.now();
  const elapsed = () => clock.now() - startedAt;
  for (let pokeCount = 1; ; pokeCount++) {
    const result = await pokeOnce(ctx, settings, poke2);
    if (result.done) {
      ctx.log("Success criteria met. Exiting.");
      return result.xcomValue;
    }
    if (elapsed() > settings.timeoutMs) {
      const message = `Sensor has timed out; run duration of ${formatDuration(elapsed())} exceeds the specified timeout of ${formatDuration(settings.timeoutMs)}.`;
      throw withoutStack(settings.softFail ? new SkipTask(message) : new SensorTimeout(message));
    }
    const waitMs = await nextPokeIntervalMs(settings, {
      dagId: ctx.dagId,
      taskId: ctx.taskId,
      startedAt: formatIso(startedAt),
      elapsedMs: elapsed(),
      pokeCount,
      estimatePokeCount: reschedules
    });
    if (reschedules) {
      const at = clock.now() + waitMs;
      ctx.log(`Not done yet: rescheduling, next poke at ${formatIso(at)}`);
      throw new RescheduleTask(at);
    }
    ctx.log(`Not done yet: poking again in ${formatDuration(waitMs)}`);
    await clock.sleep(waitMs, ctx.signal);
  }
}
async function pokeOnce(ctx, settings, poke2) {
  let result;
  try {
    result = await poke2();
  } catch (error) {
    if (isSkipTask(error) || ctx.signal.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (isFailTask(error)) {
      if (!settings.softFail && !settings.neverFail) throw error;
      const flag3 = settings.softFail ? "softFail" : "neverFail";
      throw withoutStack(new SkipTask(`Skipping due to ${flag3} is set to true: ${message}`));
    }
    if (settings.silentFail) {
      ctx.log(`Sensor poke failed (silentFail: poking again): ${describe2(error)}`);
      return {
        done: false
      };
    }
    if (settings.neverFail) {
      throw withoutStack(new SkipTask(`Skipping due to neverFail is set to true: ${message}`));
    }
    throw error;
  }
  return pokeOutcome(ctx.taskId, result);
}
function pokeOutcome(taskId, result) {
  if (typeof result === "boolean") return {
    done: result
  };
  if (result === void 0 || result === null) return {
    done: false
  };
  if (typeof result === "object" && typeof result.done === "boolean") {
    return result;
  }
  throw new TypeError(`the poke of sensor "${taskId}" must return true, false or { done, xcomValue }; it returned ${safeJson(result)}`);
}
function withoutStack(error) {
  error.stack = `${error.name}: ${error.message}`;
  return error;
}
function describe2(error) {
  return error instanceof Error ? error.stack ?? `${error.name}: ${error.message}` : String(error);
}
function safeJson(value) {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// src/sdk/sensors/_settings.ts
var SENSOR_OPTION_KEYS = /* @__PURE__ */ new Set([
  "pokeInterval",
  "timeout",
  "softFail",
  "neverFail",
  "silentFail",
  "exponentialBackoff",
  "maxWait",
  "mode"
]);
var DEFAULT_POKE_INTERVAL_MS = 6e4;
var DEFAULT_SENSOR_TIMEOUT_MS = 6048e5;
function sensorSettings(options, subject, { reschedulesBetweenPokes = false } = {}) {
  const duration = (field, fallback) => {
    const value = options[field];
    if (value === void 0) return fallback;
    return parseField(subject, field, (at) => parseDuration(value, at));
  };
  const mode = options.mode ?? "poke";
  if (mode !== "poke" && mode !== "reschedule") {
    fail(subject, "mode", `must be "poke" or "reschedule", got ${show2(mode)}`);
  }
  const softFail = optionalBoolean(options.softFail, false, subject, "softFail");
  const neverFail = optionalBoolean(options.neverFail, false, subject, "neverFail");
  if (softFail && neverFail) {
    fail(subject, "neverFail", "cannot be set together with softFail; choose one");
  }
  return {
    mode,
    pokeIntervalMs: duration("pokeInterval", DEFAULT_POKE_INTERVAL_MS),
    timeoutMs: duration("timeout", DEFAULT_SENSOR_TIMEOUT_MS),
    softFail,
    neverFail,
    silentFail: optionalBoolean(options.silentFail, false, subject, "silentFail"),
    exponentialBackoff: optionalBoolean(options.exponentialBackoff, false, subject, "exponentialBackoff"),
    maxWaitMs: duration("maxWait", null),
    reschedulesBetweenPokes
  };
}

// src/sdk/sensors/define.ts
function defineSensor(definition, extras = {}) {
  const name = definition?.name;
  if (typeof name !== "string" || name.trim() === "") {
    fail({}, void 0, `defineSensor() needs a name, got ${JSON.stringify(name) ?? "undefined"}`);
  }
  if (typeof definition.poke !== "function") {
    fail({}, void 0, `defineSensor() of "${name}" needs a poke(ctx, fields) function`);
  }
  const templated = new Set(definition.templateFields ?? []);
  for (const field of templated) {
    if (TASK_OPTION_KEYS.has(field) || SENSOR_OPTION_KEYS.has(field) || field === SENSOR_FIELD) {
      fail({}, void 0, `sensor "${name}": "${field}" is a task or sensor option, not a field`);
    }
  }
  return (options) => {
    const subject = taskSubject(name, options);
    const settings = sensorSettings(options, subject, extras);
    const templateFields = {};
    const fields = {};
    for (const [key, value] of Object.entries(options)) {
      if (TASK_OPTION_KEYS.has(key) || SENSOR_OPTION_KEYS.has(key) || value === void 0) continue;
      if (key === SENSOR_FIELD) fail(subject, key, "is reserved for the sensor's settings");
      const problem = findNonJson(value);
      if (problem) fail(subject, key, `sensor fields must be JSON: ${problem.replace("$", key)}`);
      (templated.has(key) ? templateFields : fields)[key] = copyJson(value);
    }
    const given = {
      ...fields,
      ...templateFields
    };
    const ids = definition.connections?.(given) ?? [];
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "string" || id === "")) {
      fail(subject, void 0, `sensor "${name}": connections() must return connection ids`);
    }
    const node = registerTask(name, options, {
      operator: name,
      kind: "function",
      run: (ctx) => runSensor(ctx, settings, () => definition.poke(ctx, pokeFields(ctx))),
      templateFields,
      fields: {
        ...fields,
        [SENSOR_FIELD]: settingsJson(settings)
      },
      permissions: definition.permissions?.(given),
      connections: ids,
      extraKeys: null
    });
    return createHandle(node, false);
  };
}
function sensor(options, fn) {
  const subject = taskSubject("sensor", options);
  checkFunction("sensor", subject, fn);
  const settings = sensorSettings(options, subject);
  const run2 = (ctx, ...inputs) => runSensor(ctx, settings, () => fn(ctx, ...inputs));
  const node = registerTask("sensor", options, {
    operator: "sensor",
    kind: "function",
    run: run2,
    fields: {
      [SENSOR_FIELD]: settingsJson(settings)
    },
    extraKeys: SENSOR_OPTION_KEYS
  });
  return createHandle(node, true);
}
function pokeFields(ctx) {
  const { [SENSOR_FIELD]: _settings, ...fields } = ctx.fields;
  return fields;
}
function settingsJson(settings) {
  return {
    ...settings
  };
}

// src/sdk/sensors/_glob.ts
var MAGIC = /[*?[]/;
function hasMagic(segment) {
  return MAGIC.test(segment);
}
function fixedFolder(pattern) {
  if (!pattern.startsWith("/")) return "";
  const segments = pattern.split("/").slice(1);
  const firstVariable = segments.findIndex((segment) => hasMagic(segment) || segment.includes("{{") || segment.includes("{%"));
  const fixed = firstVariable < 0 ? segments.slice(0, -1) : segments.slice(0, firstVariable);
  const folder = fixed.filter((segment) => segment !== "" && segment !== ".").join("/");
  return folder === "" ? "" : `/${folder}`;
}
async function glob(pattern, recursive) {
  const segments = pattern.split("/").filter((segment) => segment !== "");
  const found = [];
  await expand("/", segments, recursive, found);
  return found;
}
async function expand(base, segments, recursive, found) {
  if (segments.length === 0) {
    if (await exists(base)) found.push(base);
    return;
  }
  const [segment, ...rest] = segments;
  if (segment === "**" && recursive) {
    await expand(base, rest, recursive, found);
    for (const folder of await descendants(base, rest.length === 0)) {
      if (rest.length === 0) found.push(folder.path);
      else if (folder.isDirectory) await expand(folder.path, rest, recursive, found);
    }
    return;
  }
  if (!hasMagic(segment)) {
    await expand(join(base, segment), rest, recursive, found);
    return;
  }
  const matcher2 = segmentPattern(segment.replaceAll("**", "*"));
  for (const entry of await entries(base)) {
    if (entry.name.startsWith(".") && !segment.startsWith(".")) continue;
    if (!matcher2.test(entry.name)) continue;
    const path = join(base, entry.name);
    if (rest.length === 0) found.push(path);
    else if (await isDirectory(path)) await expand(path, rest, recursive, found);
  }
}
async function holdsFile(path) {
  let info;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  if (info.isFile) return true;
  return info.isDirectory && await folderHoldsFile(path);
}
async function folderHoldsFile(folder) {
  const list = await entries(folder);
  for (const entry of list) {
    if (entry.isFile) return true;
    if (entry.isSymlink && await isFile(join(folder, entry.name))) return true;
  }
  for (const entry of list) {
    if (entry.isDirectory && await folderHoldsFile(join(folder, entry.name))) return true;
  }
  return false;
}
function segmentPattern(segment) {
  let source = "";
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      const close = segment.indexOf("]", index + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let inside = segment.slice(index + 1, close);
      const negated = inside.startsWith("!");
      if (negated) inside = inside.slice(1);
      source += `[${negated ? "^" : ""}${inside.replace(/[\\\]^]/g, "\\$&")}]`;
      index = close;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}
async function descendants(base, withFiles) {
  const found = [];
  for (const entry of await entries(base)) {
    if (entry.name.startsWith(".")) continue;
    const path = join(base, entry.name);
    const directory = entry.isDirectory;
    if (directory || withFiles) found.push({
      path,
      isDirectory: directory
    });
    if (directory) found.push(...await descendants(path, withFiles));
  }
  return found;
}
async function entries(folder) {
  const list = [];
  try {
    for await (const entry of Deno.readDir(folder)) list.push(entry);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return list.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}
async function exists(path) {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
async function isFile(path) {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
async function isDirectory(path) {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}
function isMissing(error) {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}
function join(base, name) {
  return base.endsWith("/") ? `${base}${name}` : `${base}/${name}`;
}

// src/sdk/sensors/file_sensor.ts
var fileSensorBuilder = defineSensor({
  name: "FileSensor",
  templateFields: [
    "path"
  ],
  permissions: (fields) => {
    const folder = fixedFolder(fields.path);
    return folder === "" ? {} : {
      read: [
        folder
      ]
    };
  },
  async poke(ctx, fields) {
    ctx.log(`Poking for file ${fields.path}`);
    const matches = hasMagic(fields.path) ? await glob(fields.path, fields.recursive) : [
      fields.path
    ];
    for (const path of matches) {
      if (await holdsFile(path)) {
        const info = await Deno.stat(path);
        ctx.log(`Found ${path}, last modified ${info.mtime?.toISOString() ?? "unknown"}`);
        return true;
      }
    }
    return false;
  }
});
function fileSensor(options) {
  const subject = taskSubject("fileSensor", options);
  const path = options.path;
  if (typeof path !== "string" || path.trim() === "") {
    fail(subject, "path", `must be a non-empty path or glob, got ${show2(path)}`);
  }
  const declared = (options.permissions?.read ?? []).length > 0;
  if (fixedFolder(path) === "" && !(declared && path.startsWith("{{"))) {
    fail(subject, "path", path.startsWith("/") ? `${show2(path)} does not start with a fixed folder for the task to read (the part before the first wildcard or template): use e.g. "/data/in/*.csv"` : `must be an absolute path or glob (e.g. "/data/in/*.csv"), got ${show2(path)}; a path that starts with a template needs permissions: { read: [<folder>] }`);
  }
  return fileSensorBuilder({
    ...options,
    recursive: optionalBoolean(options.recursive, false, subject, "recursive")
  });
}

// src/sdk/sensors/time_sensors.ts
var TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
function timezoneOf(ctx) {
  return contextDataOf(ctx)?.dag.timezone ?? "UTC";
}
function reached(ctx, target) {
  ctx.log(`Checking if the time (${formatIso(target)}) has come`);
  return Date.now() > target;
}
var timeSensorBuilder = defineSensor({
  name: "TimeSensor",
  poke(ctx, fields) {
    const timezone = timezoneOf(ctx);
    const end = zonedParts(ctx.dataIntervalEnd.getTime(), timezone);
    const day = `${String(end.year).padStart(4, "0")}-${pad2(end.month)}-${pad2(end.day)}`;
    return reached(ctx, parseDate(`${day}T${fields.targetTime}`, "targetTime", {
      timezone
    }));
  }
});
function timeSensor(options) {
  const subject = taskSubject("timeSensor", options);
  const match = typeof options.targetTime === "string" ? TIME_OF_DAY.exec(options.targetTime) : null;
  if (match === null || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) {
    fail(subject, "targetTime", `must be a time of day "HH:MM" or "HH:MM:SS", got ${show2(options.targetTime)}`);
  }
  return timeSensorBuilder(options);
}
var timeDeltaSensorBuilder = defineSensor({
  name: "TimeDeltaSensor",
  poke: (ctx, fields) => reached(ctx, ctx.dataIntervalEnd.getTime() + fields.deltaMs)
});
function timeDeltaSensor(options) {
  const subject = taskSubject("timeDeltaSensor", options);
  const { delta, ...rest } = options;
  const deltaMs = parseField(subject, "delta", (at) => parseDuration(delta, at));
  return timeDeltaSensorBuilder({
    ...rest,
    deltaMs
  });
}
var dateTimeSensorBuilder = defineSensor({
  name: "DateTimeSensor",
  templateFields: [
    "targetTime"
  ],
  poke: (ctx, fields) => reached(ctx, parseDate(fields.targetTime, "targetTime", {
    timezone: timezoneOf(ctx)
  }))
});
function dateTimeSensor(options) {
  const subject = taskSubject("dateTimeSensor", options);
  const given = options.targetTime;
  const targetTime = given instanceof Date ? Number.isNaN(given.getTime()) ? null : given.toISOString() : given;
  if (typeof targetTime !== "string" || targetTime.trim() === "") {
    fail(subject, "targetTime", `must be a date-time or a template, got ${show2(given)}`);
  }
  if (!targetTime.includes("{{")) {
    parseField(subject, "targetTime", (at) => parseDate(targetTime, at));
  }
  return dateTimeSensorBuilder({
    ...options,
    targetTime
  });
}
function pad2(value) {
  return String(value).padStart(2, "0");
}

// src/sdk/sensors/bash_sensor.ts
var DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
var DRAIN_LIMIT_MS = 1e3;
function script(command) {
  return [
    '__updraft_dir="$(mktemp -d "${TMPDIR:-/tmp}/updraft-sensor-XXXXXX")" || exit 1',
    'cd "$__updraft_dir" || exit 1',
    'export HOME="$__updraft_dir"',
    `trap 'jobs -p | xargs -r kill 2>/dev/null; cd / && rm -rf "$__updraft_dir"' EXIT`,
    command
  ].join("\n");
}
function environment(ctx, fields) {
  const variables = {
    PATH: DEFAULT_PATH,
    UPDRAFT_CTX_DAG_ID: ctx.dagId,
    UPDRAFT_CTX_TASK_ID: ctx.taskId,
    UPDRAFT_CTX_RUN_ID: ctx.runId,
    UPDRAFT_CTX_TRY_NUMBER: String(ctx.tryNumber),
    UPDRAFT_CTX_LOGICAL_DATE: ctx.ts
  };
  for (const name of fields.hostEnv) {
    const value = Deno.env.get(name);
    if (value !== void 0) variables[name] = value;
  }
  for (const [name, value] of Object.entries(fields.env ?? {})) variables[name] = String(value);
  return variables;
}
async function logLines(stream, log2) {
  const decoder2 = new TextDecoder();
  let pending = "";
  for await (const chunk of stream) {
    const lines = (pending + decoder2.decode(chunk, {
      stream: true
    })).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) log2(line.replace(/\r$/, ""));
  }
  pending += decoder2.decode();
  if (pending !== "") log2(pending);
}
var bashSensorBuilder = defineSensor({
  name: "BashSensor",
  templateFields: [
    "command",
    "env"
  ],
  permissions: () => ({
    run: [
      "bash"
    ]
  }),
  async poke(ctx, fields) {
    ctx.log(`Running command: ${fields.command}`);
    const child = new Deno.Command("bash", {
      args: [
        "-c",
        script(fields.command)
      ],
      clearEnv: true,
      env: environment(ctx, fields),
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
      signal: ctx.signal
    }).spawn();
    const readers = Promise.all([
      logLines(child.stdout, (line) => ctx.log(line)),
      logLines(child.stderr, (line) => ctx.log(line))
    ]);
    const status = await child.status;
    let timer;
    await Promise.race([
      readers,
      new Promise((resolve) => timer = setTimeout(resolve, DRAIN_LIMIT_MS))
    ]);
    clearTimeout(timer);
    ctx.log(`Command exited with return code ${status.signal ? status.signal : status.code}`);
    if (status.success) return true;
    if (fields.retryExitCode === null || status.code === fields.retryExitCode) return false;
    throw new FailTask(`Command exited with return code ${status.code}`);
  }
});
function bashSensor(options) {
  const subject = taskSubject("bashSensor", options);
  if (typeof options.command !== "string" || options.command.trim() === "") {
    fail(subject, "command", `must be a non-empty string, got ${show2(options.command)}`);
  }
  const env = options.env ?? {};
  if (typeof env !== "object" || env === null || Array.isArray(env)) {
    fail(subject, "env", `must be an object of strings, got ${show2(env)}`);
  }
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== "string") {
      fail(subject, `env.${name}`, `must be a string, got ${show2(value)}`);
    }
  }
  const retryExitCode = options.retryExitCode ?? null;
  if (retryExitCode !== null && (!Number.isInteger(retryExitCode) || retryExitCode < 0)) {
    fail(subject, "retryExitCode", `must be an exit code (an integer \u2265 0), got ${show2(retryExitCode)}`);
  }
  return bashSensorBuilder({
    ...options,
    env,
    retryExitCode,
    hostEnv: optionalStringList(options.permissions?.env, subject, "permissions.env")
  });
}

// src/sdk/sensors/_external_poke.ts
function pokeExternalStates(fields, states, options) {
  const dagId = fields.externalDagId;
  const date = new Date(states.logicalDate).toISOString();
  const what = fields.externalTaskIds !== null ? `tasks ${JSON.stringify(fields.externalTaskIds)} in DAG "${dagId}"` : fields.externalTaskGroupId !== null ? `task group "${fields.externalTaskGroupId}" in DAG "${dagId}"` : `DAG "${dagId}"`;
  options.log(`Poking for ${what} on ${date} ...`);
  if (fields.checkExistence) checkExistence(fields, states);
  const { any, all } = matcher(fields, states);
  if (any(fields.failedStates)) {
    const message = fields.externalTaskIds !== null ? `Some of the external tasks ${JSON.stringify(fields.externalTaskIds)} in DAG "${dagId}" failed.` : fields.externalTaskGroupId !== null ? `The external task group "${fields.externalTaskGroupId}" in DAG "${dagId}" failed.` : `The external DAG "${dagId}" failed.`;
    if (options.softFail) throw new SkipTask(`${message} Skipping due to softFail.`);
    throw new Error(message);
  }
  if (any(fields.skippedStates)) {
    throw new SkipTask(`The external ${what} reached a state in the skippedStates list. Skipping.`);
  }
  return all(fields.allowedStates);
}
function matcher(fields, states) {
  const run2 = states.run;
  if (run2 === null) return {
    any: () => false,
    all: () => false
  };
  if (fields.externalTaskIds === null && fields.externalTaskGroupId === null) {
    return {
      any: (wanted) => wanted.includes(run2.state),
      all: (wanted) => wanted.includes(run2.state)
    };
  }
  const watched = watchedInstances(fields, states);
  const among = (wanted) => (instance) => wanted.includes(instance.state ?? "none");
  const prefix = `${fields.externalTaskGroupId}.`;
  const expected = fields.externalTaskIds ?? [
    .../* @__PURE__ */ new Set([
      ...states.taskIds,
      ...watched.map((ti) => ti.taskId)
    ])
  ].filter((taskId) => taskId.startsWith(prefix));
  return {
    any: (wanted) => watched.some(among(wanted)),
    all: (wanted) => expected.length > 0 && watched.every(among(wanted)) && expected.every((id) => watched.some((ti) => ti.taskId === id))
  };
}
function watchedInstances(fields, states) {
  if (fields.externalTaskIds !== null) {
    const ids = new Set(fields.externalTaskIds);
    return states.tasks.filter((instance) => ids.has(instance.taskId));
  }
  const prefix = `${fields.externalTaskGroupId}.`;
  return states.tasks.filter((instance) => instance.taskId.startsWith(prefix));
}
function checkExistence(fields, states) {
  const dagId = fields.externalDagId;
  if (!states.dagExists) throw new Error(`The external DAG "${dagId}" does not exist.`);
  const known = new Set(states.taskIds);
  for (const taskId of fields.externalTaskIds ?? []) {
    if (!known.has(taskId)) {
      throw new Error(`The external task "${taskId}" in DAG "${dagId}" does not exist.`);
    }
  }
  const group = fields.externalTaskGroupId;
  if (group !== null && !states.taskIds.some((taskId) => taskId.startsWith(`${group}.`))) {
    throw new Error(`The external task group "${group}" in DAG "${dagId}" does not exist.`);
  }
}

// src/sdk/sensors/external_task_sensor.ts
var externalTaskSensorBuilder = defineSensor({
  name: EXTERNAL_TASK_SENSOR,
  poke(ctx, fields) {
    const states = contextDataOf(ctx)?.sensor?.external;
    if (!states) {
      throw new Error(`external task sensor "${ctx.taskId}" got no states of DAG "${fields.externalDagId}" from the scheduler`);
    }
    return pokeExternalStates(fields, states, {
      softFail: sensorSettingsOf(ctx)?.softFail ?? false,
      log: (line) => ctx.log(line)
    });
  }
}, {
  reschedulesBetweenPokes: true
});
function externalTaskSensor(options) {
  const subject = taskSubject("externalTaskSensor", options);
  const { externalDagId, externalTaskId, externalTaskIds, externalTaskGroupId, allowedStates, failedStates, skippedStates, executionDelta, checkExistence: checkExistence2, ...rest } = options;
  if (typeof externalDagId !== "string" || externalDagId === "") {
    fail(subject, "externalDagId", `must be a DAG id, got ${show2(externalDagId)}`);
  }
  const taskIds = watchedTaskIds(subject, {
    externalTaskId,
    externalTaskIds,
    externalTaskGroupId
  });
  const group = externalTaskGroupId ?? null;
  if (group !== null && (typeof group !== "string" || group === "")) {
    fail(subject, "externalTaskGroupId", `must be a task group id, got ${show2(group)}`);
  }
  const watchesTasks = taskIds !== null || group !== null;
  const valid = watchesTasks ? TASK_INSTANCE_STATES : DAG_RUN_STATES;
  const states = (field, value, fallback) => {
    if (value === void 0) return fallback;
    if (!Array.isArray(value) || value.some((state) => !valid.includes(state))) {
      fail(subject, field, `must be a list of ${watchesTasks ? "task instance" : "DAG run"} states (${valid.join(", ")}), got ${show2(value)}`);
    }
    return [
      ...new Set(value)
    ];
  };
  const allowed = states("allowedStates", allowedStates, [
    "success"
  ]);
  const failed = states("failedStates", failedStates, []);
  const skipped = states("skippedStates", skippedStates, []);
  const shared = [
    ...allowed,
    ...failed,
    ...skipped
  ].filter((state, index, all) => all.indexOf(state) !== index);
  if (shared.length > 0) {
    fail(subject, "allowedStates", `allowedStates, failedStates and skippedStates share ${show2([
      ...new Set(shared)
    ])}; a state may be in only one of them`);
  }
  if (checkExistence2 !== void 0 && typeof checkExistence2 !== "boolean") {
    fail(subject, "checkExistence", `must be true or false, got ${show2(checkExistence2)}`);
  }
  const fields = {
    externalDagId,
    externalTaskIds: taskIds,
    externalTaskGroupId: group,
    allowedStates: allowed,
    failedStates: failed,
    skippedStates: skipped,
    executionDeltaMs: executionDelta === void 0 ? 0 : parseField(subject, "executionDelta", (at) => parseDuration(executionDelta, at)),
    checkExistence: checkExistence2 ?? false
  };
  return externalTaskSensorBuilder({
    ...rest,
    ...fields
  });
}
function watchedTaskIds(subject, given) {
  const { externalTaskId, externalTaskIds, externalTaskGroupId } = given;
  const count = [
    externalTaskId,
    externalTaskIds,
    externalTaskGroupId
  ].filter((value) => value !== void 0).length;
  if (count > 1) {
    fail(subject, "externalTaskIds", "give only one of externalTaskId, externalTaskIds and externalTaskGroupId");
  }
  if (externalTaskId !== void 0) {
    if (typeof externalTaskId !== "string" || externalTaskId === "") {
      fail(subject, "externalTaskId", `must be a task id, got ${show2(externalTaskId)}`);
    }
    return [
      externalTaskId
    ];
  }
  if (externalTaskIds === void 0) return null;
  if (!Array.isArray(externalTaskIds) || externalTaskIds.length === 0 || externalTaskIds.some((id) => typeof id !== "string" || id === "")) {
    fail(subject, "externalTaskIds", `must be a non-empty list of task ids, got ${show2(externalTaskIds)}`);
  }
  if (new Set(externalTaskIds).size !== externalTaskIds.length) {
    fail(subject, "externalTaskIds", `lists a task twice: ${show2(externalTaskIds)}`);
  }
  return [
    ...externalTaskIds
  ];
}

// src/sdk/runtime/modules.ts
var MODULES_GLOBAL = Symbol.for("updraft.modules");
function installSdkModules(extra = {}) {
  const holder = globalThis;
  const table = holder[MODULES_GLOBAL] ?? {};
  table["updraft"] = mod_exports;
  for (const [name, namespace] of Object.entries(extra)) table[name] = namespace;
  holder[MODULES_GLOBAL] = table;
}

// src/sdk/runtime/context.ts
function buildContext(input) {
  const data = input.context;
  const pushed = /* @__PURE__ */ new Map();
  const own = () => [
    ...pushed
  ].map(([key, value]) => ({
    taskId: data.taskId,
    mapIndex: data.mapIndex,
    key,
    value
  }));
  const ctx = {
    dagId: data.dagId,
    runId: data.runId,
    taskId: data.taskId,
    mapIndex: data.mapIndex,
    tryNumber: data.tryNumber,
    maxTries: data.maxTries,
    logicalDate: new Date(data.logicalDate),
    ds: ds(data.logicalDate),
    dsNodash: dsNodash(data.logicalDate),
    ts: ts(data.logicalDate),
    dataIntervalStart: new Date(data.dataIntervalStart),
    dataIntervalEnd: new Date(data.dataIntervalEnd),
    params: structuredClone(data.params),
    conf: structuredClone(data.conf),
    runType: data.runType,
    externalTrigger: data.externalTrigger,
    xcom: {
      push(key, value) {
        if (typeof key !== "string" || key === "") {
          throw new TypeError(`xcom.push() of task "${data.taskId}" needs a non-empty key`);
        }
        pushed.delete(key);
        pushed.set(key, checkedXCom(value, {
          taskId: data.taskId,
          key
        }));
      },
      pull: (taskIds, key = "return_value") => pullXCom([
        ...input.xcoms,
        ...own()
      ], taskIds, key)
    },
    log(...args) {
      for (const line of args.map(format).join(" ").split("\n")) input.log(line);
    },
    signal: input.signal,
    fields: structuredClone(input.fields),
    connection: connectionReader(data.taskId, input.connections ?? [])
  };
  attachContextData(ctx, data);
  return {
    ctx,
    pushed
  };
}
function connectionReader(taskId, connections2) {
  return (connId) => {
    const found = connections2.find((connection) => connection.connId === connId);
    if (!found) {
      const declared = connections2.map((connection) => `"${connection.connId}"`).join(", ");
      throw new Error(`task "${taskId}" cannot read connection "${connId}": it is not among the task's connections (${declared || "none"}); add it to the task's \`connections\` option`);
    }
    const extra = connectionExtraObject(found.extra);
    if (found.extra && extra === null) {
      throw new Error(`connection "${connId}": its extra is not a JSON object`);
    }
    return {
      connId: found.connId,
      connType: found.connType,
      host: found.host,
      schema: found.schema,
      login: found.login,
      password: found.password,
      port: found.port,
      extra: extra ?? {}
    };
  };
}
function checkedXCom(value, where2) {
  const problem = findNonJson(value ?? null);
  if (problem) {
    throw new TypeError(`XCom "${where2.key}" of task "${where2.taskId}" must be JSON: ${problem.replace("$", "value")}`);
  }
  return copyJson(value ?? null);
}
function pullXCom(xcoms, taskIds, key) {
  if (typeof taskIds === "string") {
    const found = matching(xcoms, taskIds, key);
    if (found.length === 0) return void 0;
    if (found.every((xcom) => xcom.mapIndex < 0)) return found[found.length - 1].value;
    return found.map((xcom) => xcom.value);
  }
  if (!Array.isArray(taskIds) || taskIds.some((id) => typeof id !== "string")) {
    throw new TypeError("xcom.pull() takes a task id or a list of task ids");
  }
  return taskIds.flatMap((taskId) => matching(xcoms, taskId, key).map((xcom) => xcom.value));
}
function matching(xcoms, taskId, key) {
  return xcoms.filter((xcom) => xcom.taskId === taskId && xcom.key === key).sort((first, second) => first.mapIndex - second.mapIndex);
}
function format(value) {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.stack ?? String(value);
  const deno = globalThis.Deno;
  if (deno?.inspect) return deno.inspect(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

// src/sdk/runtime/run_task.ts
function exportedDags(moduleExports) {
  return [
    ...new Set(Object.values(moduleExports).filter(isDag))
  ];
}
function findTask(moduleExports, where2) {
  const dag2 = exportedDags(moduleExports).find((candidate) => candidate.dagId === where2.dagId);
  if (!dag2) {
    throw new Error(`cannot run task "${where2.taskId}": the DAG file does not export a DAG "${where2.dagId}"`);
  }
  const node = dag2.getTask(where2.taskId);
  if (!node) {
    throw new Error(`cannot run task "${where2.taskId}": DAG "${where2.dagId}" has no such task`);
  }
  return node;
}
async function runTask(moduleExports, request, hooks) {
  const node = findTask(moduleExports, request);
  const { ctx, pushed } = buildContext({
    context: request.context,
    xcoms: request.xcoms,
    fields: {
      ...node.allFields,
      ...request.renderedFields
    },
    signal: request.signal,
    connections: request.connections,
    log: (line) => hooks.log(line)
  });
  if (node.settings.kind === "empty") return {
    xcoms: []
  };
  const run2 = node.run;
  if (!run2) {
    throw new Error(`task "${node.taskId}" is a ${node.settings.operator} task: the executor runs it, not runTask()`);
  }
  const inputs = (node.inputs ?? []).map((input) => resolveInput(input, request));
  const value = await run2(ctx, ...inputs);
  const xcoms = [
    ...pushed
  ].map(([key, pushedValue]) => ({
    key,
    value: pushedValue
  }));
  if (value !== void 0 && value !== null) {
    xcoms.push({
      key: "return_value",
      value: checkedXCom(value, {
        taskId: node.taskId,
        key: "return_value"
      })
    });
  }
  const result = {
    xcoms
  };
  if (node.settings.branch) result.followed = followedIds(node, value);
  if (node.settings.shortCircuit) result.proceed = isTruthy(value);
  return result;
}
async function runCallback(moduleExports, request, hooks) {
  const node = findTask(moduleExports, request);
  const callback = node.callbacks[request.kind];
  if (!callback) return;
  const { ctx } = buildContext({
    context: request.context,
    xcoms: request.xcoms,
    fields: {
      ...node.allFields,
      ...request.renderedFields
    },
    signal: request.signal,
    connections: request.connections,
    log: (line) => hooks.log(line)
  });
  await callback(ctx, request.error ?? void 0);
}
function resolveInput(input, request) {
  if (input.kind === "value") return structuredClone(input.value);
  const found = request.xcoms.filter((xcom) => xcom.taskId === input.taskId && xcom.key === input.key).sort((first, second) => first.mapIndex - second.mapIndex);
  if (found.length === 0) {
    if (input.key === "return_value") return void 0;
    throw new Error(`task "${request.taskId}" takes XCom "${input.key}" of task "${input.taskId}" as input, but that task did not push it`);
  }
  if (found.every((xcom) => xcom.mapIndex < 0)) return structuredClone(found.at(-1).value);
  return found.map((xcom) => structuredClone(xcom.value));
}
function followedIds(node, value) {
  if (value === null || value === void 0) return [];
  const ids = Array.isArray(value) ? value : [
    value
  ];
  for (const id of ids) {
    if (typeof id !== "string") {
      throw new TypeError(`branch task "${node.taskId}" must return a task id, a list of task ids or null; it returned ${JSON.stringify(value)}`);
    }
    if (!node.dag.getTask(id)) {
      throw new Error(`branch task "${node.taskId}" chose "${id}", which is not a task of DAG "${node.dag.dagId}"`);
    }
  }
  return [
    ...new Set(ids)
  ];
}
function isTruthy(value) {
  if (Array.isArray(value)) return value.length > 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

// src/sdk/runtime/source_map.ts
var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var DIGITS = new Map([
  ...BASE64
].map((character, value) => [
  character,
  value
]));
function originalPosition(map, position) {
  const segments = map.lines[position.line - 1];
  if (!segments || segments.length === 0) return null;
  const column = position.column - 1;
  let found = segments[0];
  for (const segment of segments) {
    if (segment[0] > column) break;
    found = segment;
  }
  const source = map.sources[found[1]];
  if (source === void 0) return null;
  return {
    source,
    line: found[2] + 1,
    column: found[3] + 1
  };
}

// src/sdk/runtime/stack.ts
var FRAME = /(?:dags:\/\/\/([^\s()]+?)|updraft-bundle|data:text\/javascript;base64,[A-Za-z0-9+/=.]+):(\d+):(\d+)/g;
function mapStack(stack2, options = {}) {
  const lines = stack2.split("\n");
  const firstFrame = lines.findIndex((line) => /^\s+at /.test(line));
  if (firstFrame < 0) return stack2;
  const mapped = [];
  for (const line of lines.slice(firstFrame)) {
    const rewritten = line.replace(FRAME, (...match) => {
      const position = toOriginal(match, options.map ?? null);
      return position ? `${position.source}:${position.line}:${position.column}` : `bundle:${match[2]}:${match[3]}`;
    });
    if (rewritten !== line) mapped.push(rewritten);
  }
  if (mapped.length === 0) return stack2;
  return [
    ...lines.slice(0, firstFrame),
    ...mapped
  ].join("\n");
}
var VIRTUAL_SOURCE = /^updraft-module:/;
function toOriginal(match, map) {
  const line = Number(match[2]);
  const column = Number(match[3]);
  const position = match[1] !== void 0 ? {
    source: decodeURI(match[1]),
    line,
    column
  } : map ? originalPosition(map, {
    line,
    column
  }) : null;
  return position && !VIRTUAL_SOURCE.test(position.source) ? position : null;
}

// src/sdk/runtime/classify.ts
function classifyTaskError(error) {
  if (isFailTask(error)) return {
    status: "failed",
    error: describeError(error),
    noRetry: true
  };
  if (isSkipTask(error)) return {
    status: "skipped",
    reason: error.message
  };
  if (isRescheduleTask(error)) return {
    status: "reschedule",
    at: error.at
  };
  return {
    status: "failed",
    error: describeError(error),
    noRetry: false
  };
}
function describeError(error) {
  if (!(error instanceof Error)) {
    return `the task threw a non-Error value: ${safeString(error)}`;
  }
  const headline = `${error.name}: ${error.message}`;
  if (!error.stack) return headline;
  const stack2 = mapStack(error.stack);
  return stack2.startsWith(headline) ? stack2 : `${headline}
${frames(stack2)}`.trimEnd();
}
function frames(stack2) {
  return stack2.split("\n").filter((line) => /^\s+at /.test(line)).join("\n");
}
function safeString(value) {
  try {
    return typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// src/executor/_permissions.ts
var KINDS = [
  "read",
  "write",
  "net",
  "env",
  "run"
];
var DENIAL = /Requires (\w+) access to "?([^",]*)"?/;
function describePermissionDenial(error) {
  for (let current = error, depth2 = 0; current && depth2 < 5; depth2++) {
    const message = current instanceof Error ? current.message : String(current);
    const match = DENIAL.exec(message);
    if (match) return denialMessage(match[1], match[2]);
    current = current instanceof Error ? current.cause : void 0;
  }
  return null;
}
function denialMessage(kind, target) {
  const what = target ? `${kind} access to "${target}"` : `${kind} access`;
  if (!KINDS.includes(kind)) {
    return `Permission denied: ${what}. Tasks cannot be granted ${kind} access.`;
  }
  const example = target ? `${JSON.stringify([
    target
  ])}` : `["\u2026"]`;
  return `Permission denied: ${what}. Declare it in the task's permissions, e.g. permissions: { ${kind}: ${example} }`;
}

// providers/email/mod.ts
var mod_exports2 = {};
__export(mod_exports2, {
  PROVIDER_NAME: () => PROVIDER_NAME,
  SmtpHook: () => SmtpHook,
  email: () => email,
  emailOnFailure: () => emailOnFailure,
  emailOnRetry: () => emailOnRetry,
  testConnection: () => testConnection
});

// providers/email/_settings.ts
function smtpSettings(connection) {
  const extra = connection.extra;
  const host = (connection.host ?? "").trim();
  if (host === "") {
    throw new Error(`connection "${connection.connId}" (${connection.connType}): it has no host`);
  }
  const ssl = flag(extra.ssl) ?? invert(flag(extra.disable_ssl)) ?? connection.port === 465;
  const starttlsFlag = flag(extra.starttls) ?? invert(flag(extra.disable_tls));
  const starttls = starttlsFlag === null ? "auto" : starttlsFlag ? "require" : "never";
  const timeoutSeconds = Number(extra.timeout ?? 30) > 0 ? Number(extra.timeout ?? 30) : 30;
  const fromEmail = typeof extra.from_email === "string" && extra.from_email !== "" ? extra.from_email : connection.login?.includes("@") ? connection.login : null;
  return {
    host,
    port: connection.port ?? (ssl ? 465 : 25),
    ssl,
    starttls: ssl ? "never" : starttls,
    verifyCertificates: extra.ssl_context !== "none" && flag(extra.tls_verify) !== false,
    timeoutMs: timeoutSeconds * 1e3,
    ehloName: typeof extra.ehlo_name === "string" && extra.ehlo_name !== "" ? extra.ehlo_name : "localhost",
    login: connection.login || null,
    fromEmail
  };
}
function addressList(value) {
  if (value === void 0 || value === null) return [];
  const items = Array.isArray(value) ? value : [
    value
  ];
  return items.flatMap((item) => String(item).split(/[,;]/)).map((item) => item.trim()).filter((item) => item !== "");
}
function flag(value) {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const text3 = value.trim().toLowerCase();
  if ([
    "true",
    "1",
    "yes",
    "on"
  ].includes(text3)) return true;
  if ([
    "false",
    "0",
    "no",
    "off"
  ].includes(text3)) return false;
  return null;
}
function invert(value) {
  return value === null ? null : !value;
}

// providers/email/hook.ts
var SmtpHook = class {
  /** The connection the hook sends through. */
  connection;
  #settings;
  #options;
  /** @param connection From `ctx.connection(id)`. */
  constructor(connection, options = {}) {
    this.connection = connection;
    this.#settings = smtpSettings(connection);
    this.#options = options;
  }
  /** `connection "<id>" (smtp at <host>:<port>)`, the way messages name the connection. */
  get description() {
    const { host, port } = this.#settings;
    return `connection "${this.connection.connId}" (${this.connection.connType} at ${host}:${port})`;
  }
  /**
   * Send one message. Throws an Error naming the connection, its host and port and what failed
   * (no sender, no recipient, could not connect, login refused, recipients refused, timeout).
   */
  async send(message, signal) {
    const settings = this.#settings;
    const to = addressList(message.to);
    const cc = addressList(message.cc);
    const bcc = addressList(message.bcc);
    const subject = message.subject ?? "";
    const what = `sending "${subject}"`;
    if (to.length + cc.length + bcc.length === 0) {
      throw new Error(`${this.description}: ${what}: no recipient (to, cc and bcc are empty)`);
    }
    const from = message.from || settings.fromEmail;
    if (!from) {
      throw new Error(`${this.description}: ${what}: no sender; set \`from\` or the connection's extra "from_email"`);
    }
    const [transport, { Buffer: Buffer2 }] = await Promise.all([
      this.#transport(),
      import("node:buffer")
    ]);
    const abort = () => transport.close();
    signal?.addEventListener("abort", abort, {
      once: true
    });
    this.#options.log?.(`Sending "${subject}" from ${from} to ${[
      ...to,
      ...cc,
      ...bcc
    ].join(", ")} (${this.description})`);
    try {
      const info = await transport.sendMail({
        from,
        to,
        cc,
        bcc,
        subject,
        html: message.html,
        text: message.text,
        headers: message.headers,
        attachments: (message.attachments ?? []).map((attachment) => ({
          filename: attachment.filename,
          content: typeof attachment.content === "string" ? attachment.content : Buffer2.from(attachment.content),
          contentType: attachment.contentType
        }))
      });
      return {
        messageId: String(info.messageId ?? ""),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String)
      };
    } catch (error) {
      if (signal?.aborted) throw new Error(`${this.description}: ${what} was cancelled`);
      throw new Error(`${this.description}: ${what} failed: ${this.#failure(error)}`);
    } finally {
      signal?.removeEventListener("abort", abort);
      transport.close();
    }
  }
  /**
   * Connect, say EHLO, start TLS if set up so, and log in, without sending anything (Airflow's
   * `test_connection`). Throws like {@link send}.
   */
  async verify() {
    const transport = await this.#transport();
    try {
      await transport.verify();
    } catch (error) {
      throw new Error(`${this.description}: connecting failed: ${this.#failure(error)}`);
    } finally {
      transport.close();
    }
  }
  async #transport() {
    const settings = this.#settings;
    const [{ default: nodemailer }, net] = await Promise.all([
      import("nodemailer"),
      import("node:net")
    ]);
    return nodemailer.createTransport({
      host: settings.host,
      port: settings.port,
      secure: settings.ssl,
      requireTLS: settings.starttls === "require",
      ignoreTLS: settings.starttls === "never",
      name: settings.ehloName,
      auth: settings.login === null ? void 0 : {
        user: settings.login,
        pass: this.connection.password ?? ""
      },
      connectionTimeout: settings.timeoutMs,
      greetingTimeout: settings.timeoutMs,
      socketTimeout: settings.timeoutMs,
      tls: {
        rejectUnauthorized: settings.verifyCertificates
      },
      // nodemailer resolves host names itself (node:dns), which a sandbox may not do: only
      // connecting to the granted host:port is allowed. So the socket is opened here, by name.
      getSocket: (_options, callback) => {
        const socket = net.connect({
          host: settings.host,
          port: settings.port
        });
        let answered = false;
        const answer = (error) => {
          if (answered) return;
          answered = true;
          socket.setTimeout(0);
          if (error) {
            socket.destroy();
            callback(Object.assign(new Error(error.message), {
              code: "ECONNECTION"
            }), false);
          } else callback(null, {
            connection: socket
          });
        };
        socket.setTimeout(settings.timeoutMs, () => {
          answer(new Error(`no connection after ${settings.timeoutMs / 1e3} s`));
        });
        socket.once("connect", () => answer(null));
        socket.once("error", (error) => answer(error));
      }
    });
  }
  /** What nodemailer's error means, without anything secret (its messages carry none). */
  #failure(error) {
    if (!(error instanceof Error)) return String(error);
    const code = error.code;
    const message = error.message.replace(/\s+/g, " ").trim();
    if (code === "EAUTH") {
      return `login as "${this.#settings.login}" was refused (${message})`;
    }
    if (code === "ECONNECTION" || code === "ESOCKET" || code === "EDNS") {
      return `could not connect (${message})${permissionHint(message)}`;
    }
    if (code === "ETIMEDOUT") return `the server did not answer in time (${message})`;
    if (code === "EENVELOPE") return `the server refused the sender or recipients (${message})`;
    if (code === "ETLS") return `TLS failed (${message})`;
    return `${message}${permissionHint(message)}`;
  }
};
function permissionHint(message) {
  return /Requires net access|NotCapable/.test(message) ? " (a task reaches only its connections' host:port and its permissions.net; give the connection its port)" : "";
}

// providers/email/alerts.ts
function emailOnFailure(options) {
  return alert("failed", "emailOnFailure", options);
}
function emailOnRetry(options) {
  return alert("up_for_retry", "emailOnRetry", options);
}
function alert(state, helper, options) {
  if (addressList(options?.to).length === 0) {
    throw new TypeError(`${helper}() needs \`to\`: at least one address to alert`);
  }
  const connId = options.connId ?? "smtp_default";
  const baseUrl = (options.baseUrl ?? "http://localhost:8080").replace(/\/+$/, "");
  return async (ctx, error) => {
    let connection;
    try {
      connection = ctx.connection(connId);
    } catch (cause) {
      throw new Error(`${helper}: cannot mail the alert of task "${ctx.taskId}": list "${connId}" in the task's \`connections\` (or the DAG's defaultArgs.connections)`, {
        cause
      });
    }
    const hook = new SmtpHook(connection, {
      log: (line) => ctx.log(line)
    });
    await hook.send({
      to: options.to,
      cc: options.cc,
      bcc: options.bcc,
      from: options.from,
      subject: `Updraft alert: <TaskInstance: ${ctx.dagId}.${ctx.taskId} ${ctx.runId} [${state}]>`,
      html: alertHtml(ctx, error ?? null, logUrl(baseUrl, ctx))
    }, ctx.signal);
  };
}
function logUrl(baseUrl, key) {
  const search = new URLSearchParams();
  if (key.mapIndex >= 0) search.set("map_index", String(key.mapIndex));
  search.set("try", String(key.tryNumber));
  return `${baseUrl}/dags/${encodeURIComponent(key.dagId)}/runs/${encodeURIComponent(key.runId)}/tasks/${encodeURIComponent(key.taskId)}?${search}`;
}
function alertHtml(ctx, error, url) {
  const rows = [
    [
      "DAG",
      ctx.dagId
    ],
    [
      "Task",
      ctx.mapIndex >= 0 ? `${ctx.taskId} [${ctx.mapIndex}]` : ctx.taskId
    ],
    [
      "Run",
      ctx.runId
    ],
    [
      "Logical date",
      ctx.ts
    ],
    [
      "Try",
      `${ctx.tryNumber} out of ${ctx.maxTries + 1}`
    ]
  ];
  return [
    ...rows.map(([name, value]) => `${name}: ${escapeHtml(value)}<br>`),
    `Exception:<br><pre>${escapeHtml(error ?? "(no message)")}</pre>`,
    `Log: <a href="${escapeHtml(url)}">${escapeHtml(url)}</a><br>`
  ].join("\n");
}
function escapeHtml(text3) {
  return text3.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

// providers/email/operator.ts
var email = defineOperator({
  name: "EmailOperator",
  templateFields: [
    "to",
    "cc",
    "bcc",
    "subject",
    "htmlContent",
    "files",
    "from",
    "customHeaders"
  ],
  connections: (fields) => [
    fields.connId ?? "smtp_default"
  ],
  async execute(ctx, fields) {
    const hook = new SmtpHook(ctx.connection(fields.connId ?? "smtp_default"), {
      log: (line) => ctx.log(line)
    });
    const attachments = await Promise.all((fields.files ?? []).map(readAttachment));
    const sent = await hook.send({
      to: fields.to,
      cc: fields.cc,
      bcc: fields.bcc,
      subject: fields.subject,
      html: fields.htmlContent,
      from: fields.from,
      headers: fields.customHeaders,
      attachments
    }, ctx.signal);
    ctx.log(`Sent message ${sent.messageId} to ${sent.accepted.join(", ")}`);
    if (sent.rejected.length > 0) ctx.log(`The server refused: ${sent.rejected.join(", ")}`);
    return null;
  }
});
async function readAttachment(path) {
  try {
    return {
      filename: path.split(/[\\/]/).pop() || path,
      content: await Deno.readFile(path)
    };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new Error(`cannot attach "${path}": no such file`);
    }
    if (error instanceof Deno.errors.NotCapable || error instanceof Deno.errors.PermissionDenied) {
      throw new Error(`cannot attach "${path}": the task may not read it; add the file (or its folder) to the task's permissions.read`);
    }
    throw new Error(`cannot attach "${path}": ${error.message}`);
  }
}

// providers/email/test_connection.ts
async function testConnection(connection) {
  try {
    const hook = new SmtpHook(connection);
    await hook.verify();
    return {
      status: true,
      message: `Connection successfully tested (${hook.description})`
    };
  } catch (error) {
    return {
      status: false,
      message: error instanceof Error ? error.message : String(error)
    };
  }
}

// providers/email/mod.ts
var PROVIDER_NAME = "@updraft/email";

// providers/http/mod.ts
var mod_exports3 = {};
__export(mod_exports3, {
  HttpHook: () => HttpHook,
  HttpResponse: () => HttpResponse,
  HttpStatusError: () => HttpStatusError,
  PROVIDER_NAME: () => PROVIDER_NAME2,
  httpOperator: () => httpOperator,
  httpSensor: () => httpSensor,
  testConnection: () => testConnection2
});

// providers/http/_connection.ts
var SETTING_KEYS = /* @__PURE__ */ new Set([
  "timeout",
  "verify",
  "allow_redirects",
  "auth_type",
  "auth_kwargs",
  "token",
  "headers",
  "proxies",
  "cert",
  "stream",
  "max_redirects",
  "trust_env",
  "check_response"
]);
function httpTarget(connection) {
  const written = baseUrlOf(connection);
  let url;
  try {
    url = new URL(written);
  } catch {
    throw new Error(`connection "${connection.connId}" (${connection.connType}): its host ${JSON.stringify(connection.host ?? "")} does not make a URL (${written})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`connection "${connection.connId}" (${connection.connType} at ${url.host}): the scheme "${url.protocol.slice(0, -1)}" is not http or https`);
  }
  if (connection.port !== null && url.port === "") url.port = String(connection.port);
  url.username = "";
  url.password = "";
  url.hash = "";
  const port = url.port || (url.protocol === "https:" ? "443" : "80");
  const extra = connection.extra;
  return {
    baseUrl: url.href.replace(/\/+$/, ""),
    address: `${url.hostname}:${port}`,
    headers: headersOf(connection),
    timeoutMs: Number(extra.timeout) > 0 ? Number(extra.timeout) * 1e3 : null,
    tlsVerify: flag2(extra.verify) ?? (typeof extra.verify === "string" && extra.verify !== "" ? extra.verify : null),
    followRedirects: flag2(extra.allow_redirects) !== false
  };
}
function joinUrl(baseUrl, endpoint) {
  if (endpoint === "") return baseUrl;
  if (endpoint.startsWith("?")) return baseUrl + endpoint;
  return `${baseUrl}/${endpoint.replace(/^\/+/, "")}`;
}
function baseUrlOf(connection) {
  const host = (connection.host ?? "").trim();
  if (host.includes("://")) return host;
  const schema = (connection.schema ?? "").toLowerCase();
  const scheme = schema === "http" || schema === "https" ? schema : connection.connType.toLowerCase() === "https" ? "https" : "http";
  return `${scheme}://${host}`;
}
function headersOf(connection) {
  const headers = new Headers();
  const extra = connection.extra;
  const nested = extra.headers;
  if (nested !== null && typeof nested === "object" && !Array.isArray(nested)) {
    for (const [name, value] of Object.entries(nested)) setHeader(headers, name, value);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (!SETTING_KEYS.has(name)) setHeader(headers, name, value);
  }
  const authorization = authorizationOf(connection);
  if (authorization !== null) headers.set("authorization", authorization);
  return headers;
}
function setHeader(headers, name, value) {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return;
  try {
    headers.set(name, String(value));
  } catch {
  }
}
function authorizationOf(connection) {
  const extra = connection.extra;
  const authType = typeof extra.auth_type === "string" ? extra.auth_type.toLowerCase() : null;
  if (authType === "none") return null;
  if (typeof extra.token === "string" && extra.token !== "") return `Bearer ${extra.token}`;
  if (authType === "bearer") {
    return connection.password ? `Bearer ${connection.password}` : null;
  }
  if (connection.login) {
    return `Basic ${base64(`${connection.login}:${connection.password ?? ""}`)}`;
  }
  if (connection.password) return `Bearer ${connection.password}`;
  return null;
}
function base64(text3) {
  const bytes = new TextEncoder().encode(text3);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
function flag2(value) {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const text3 = value.trim().toLowerCase();
  if ([
    "true",
    "1",
    "yes",
    "on"
  ].includes(text3)) return true;
  if ([
    "false",
    "0",
    "no",
    "off"
  ].includes(text3)) return false;
  return null;
}

// providers/http/response.ts
var HttpResponse = class {
  /** The status code (200, 404, …). */
  status;
  /** The status text ("OK", "Not Found", …). */
  statusText;
  /** The response headers. */
  headers;
  /** The URL the response came from (after redirects). */
  url;
  /** The body as bytes. */
  body;
  #text = null;
  /** Build a response from its parts (the hook does this; tests may too). */
  constructor(init, body = new Uint8Array()) {
    this.status = init.status;
    this.statusText = init.statusText ?? "";
    this.headers = new Headers(init.headers);
    this.url = init.url ?? "";
    this.body = body;
  }
  /** Whether the status is 2xx. */
  get ok() {
    return this.status >= 200 && this.status < 300;
  }
  /** The body as text (UTF-8). */
  text() {
    this.#text ??= new TextDecoder().decode(this.body);
    return this.#text;
  }
  /**
   * The body parsed as JSON; throws a SyntaxError saying which URL did not answer JSON.
   *
   * @example
   * ```ts
   * import { HttpResponse } from "@updraft/http";
   *
   * const response = new HttpResponse({ status: 200 }, new TextEncoder().encode('{"name":"Ada"}'));
   * const user = response.json<{ name: string }>();
   * ```
   */
  // deno-lint-ignore no-explicit-any
  json() {
    try {
      return JSON.parse(this.text());
    } catch (error) {
      throw new SyntaxError(`the response of ${this.url || "the request"} (HTTP ${this.status}) is not JSON: ${error instanceof Error ? error.message : String(error)}; it starts with ${JSON.stringify(this.text().slice(0, 80))}`);
    }
  }
};

// providers/http/_send.ts
async function send(request) {
  if (request.tlsVerify === false && request.url.startsWith("https:")) {
    return await sendUnverified(request, 0);
  }
  const client = typeof request.tlsVerify === "string" ? Deno.createHttpClient({
    caCerts: [
      await readCaBundle(request.tlsVerify)
    ]
  }) : void 0;
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: request.followRedirects ? "follow" : "manual",
      signal: request.signal,
      client
    });
    const body = new Uint8Array(await response.arrayBuffer());
    return new HttpResponse({
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      url: response.url || request.url
    }, body);
  } finally {
    client?.close();
  }
}
async function readCaBundle(path) {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    throw new Error(`cannot read the CA bundle ${path} given as tlsVerify: ${error instanceof Error ? error.message : String(error)}`);
  }
}
var REDIRECTS = /* @__PURE__ */ new Set([
  301,
  302,
  303,
  307,
  308
]);
async function sendUnverified(request, redirects) {
  const { request: httpsRequest } = await import("node:https");
  const response = await new Promise((resolve, reject) => {
    const headers = {};
    request.headers.forEach((value, name) => headers[name] = value);
    const outgoing = httpsRequest(request.url, {
      method: request.method,
      headers,
      rejectUnauthorized: false,
      // Without a CA list node:tls loads the system's, which needs the `sys` permission that
      // sandboxes never get; unchecked, none is needed.
      ca: []
    }, (incoming) => {
      const chunks = [];
      incoming.on("data", (chunk) => chunks.push(chunk));
      incoming.on("error", reject);
      incoming.on("end", () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(incoming.headers)) {
          for (const item of [
            value ?? []
          ].flat()) responseHeaders.append(name, item);
        }
        resolve(new HttpResponse({
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? "",
          headers: responseHeaders,
          url: request.url
        }, concat(chunks)));
      });
    });
    const abort = () => outgoing.destroy(request.signal.reason);
    if (request.signal.aborted) abort();
    request.signal.addEventListener("abort", abort, {
      once: true
    });
    outgoing.on("close", () => request.signal.removeEventListener("abort", abort));
    outgoing.on("error", reject);
    outgoing.end(request.body ?? void 0);
  });
  const location = response.headers.get("location");
  if (!request.followRedirects || !REDIRECTS.has(response.status) || location === null) {
    return response;
  }
  if (redirects >= 20) throw new Error(`too many redirects (last to ${location})`);
  const next = new URL(location, request.url).href;
  const keepsBody = response.status === 307 || response.status === 308;
  const followed = {
    ...request,
    url: next,
    method: keepsBody ? request.method : request.method === "HEAD" ? "HEAD" : "GET",
    body: keepsBody ? request.body : null
  };
  return next.startsWith("https:") ? await sendUnverified(followed, redirects + 1) : await send(followed);
}
function concat(chunks) {
  const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// providers/http/hook.ts
var HttpStatusError = class extends Error {
  /** The response, body read. */
  response;
  /** @param message What failed. @param response The response with the error status. */
  constructor(message, response) {
    super(message);
    this.name = "HttpStatusError";
    this.response = response;
  }
  /** The status code. */
  get status() {
    return this.response.status;
  }
};
var HttpHook = class {
  /** The connection the hook talks to. */
  connection;
  #target;
  #options;
  /** @param connection From `ctx.connection(id)`. @param options Defaults of its requests. */
  constructor(connection, options = {}) {
    this.connection = connection;
    this.#target = httpTarget(connection);
    this.#options = options;
  }
  /** The URL endpoints are appended to. */
  get baseUrl() {
    return this.#target.baseUrl;
  }
  /** `connection "<id>" (<type> at <host>:<port>)`, the way messages name the connection. */
  get description() {
    return `connection "${this.connection.connId}" (${this.connection.connType} at ${this.#target.address})`;
  }
  /** The full URL of `endpoint`. */
  url(endpoint = "") {
    return joinUrl(this.#target.baseUrl, endpoint);
  }
  /**
   * Send a request to `endpoint` and read the whole response. Throws an Error naming the
   * connection, its host and port and what failed: unreachable, timed out, cancelled, or (unless
   * `checkResponse: false`) an {@link HttpStatusError} for a 4xx/5xx status.
   */
  async run(endpoint = "", options = {}) {
    const method = (options.method ?? this.#options.method ?? "GET").toUpperCase();
    const url = new URL(this.url(endpoint));
    const headers = new Headers(this.#target.headers);
    new Headers(options.headers).forEach((value, name) => headers.set(name, value));
    const body = this.#body(method, url, headers, options);
    const timeout = options.timeout ?? this.#options.timeout;
    const timeoutMs = timeout === void 0 ? this.#target.timeoutMs : parseDuration(timeout, "timeout");
    const where2 = `${method} ${url.pathname}`;
    this.#options.log?.(`Sending ${method} to ${url.origin}${url.pathname} (${this.description})`);
    const timer = timeoutMs === null ? null : AbortSignal.timeout(timeoutMs);
    const signals = [
      options.signal,
      timer
    ].filter((signal) => signal !== void 0 && signal !== null);
    let response;
    try {
      response = await send({
        method,
        url: url.href,
        headers,
        body,
        tlsVerify: options.tlsVerify ?? this.#options.tlsVerify ?? this.#target.tlsVerify ?? true,
        followRedirects: this.#target.followRedirects,
        signal: AbortSignal.any(signals)
      });
    } catch (error) {
      if (options.signal?.aborted) {
        throw new Error(`${this.description}: ${where2} was cancelled`, {
          cause: error
        });
      }
      if (timer?.aborted) {
        throw new Error(`${this.description}: ${where2} timed out after ${formatDuration(timeoutMs)}`);
      }
      throw new Error(`${this.description}: ${where2} failed: ${failureText(error)}`, {
        cause: error
      });
    }
    if (options.checkResponse !== false && response.status >= 400) {
      throw new HttpStatusError(`${this.description}: ${where2} answered HTTP ${response.status} ${response.statusText}${statusHint(response.status)}${bodyExcerpt(response)}`, response);
    }
    return response;
  }
  /** Airflow's rules: GET sends `data` as the query, HEAD sends nothing, others a body. */
  #body(method, url, headers, options) {
    const { data, json } = options;
    if (method === "GET" || method === "HEAD") {
      if (json !== void 0) {
        throw new TypeError(`${this.description}: a ${method} request cannot send json`);
      }
      if (method === "GET" && data !== void 0 && data !== null) {
        const query = typeof data === "string" ? new URLSearchParams(data) : formOf(data);
        query.forEach((value, name) => url.searchParams.append(name, value));
      }
      return null;
    }
    if (json !== void 0) {
      if (!headers.has("content-type")) headers.set("content-type", "application/json");
      return JSON.stringify(json);
    }
    if (data === void 0 || data === null) return null;
    if (typeof data === "string") return data;
    if (!headers.has("content-type")) {
      headers.set("content-type", "application/x-www-form-urlencoded");
    }
    return formOf(data).toString();
  }
};
function formOf(data) {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? value : [
      value
    ]) {
      if (item === null || item === void 0) continue;
      form.append(name, typeof item === "object" ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}
function failureText(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : null;
  const text3 = cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
  if (error.name === "NotCapable" || /Requires net access/.test(text3)) {
    return `${text3} (a task reaches only the hosts of its connections and its permissions.net)`;
  }
  return text3;
}
function statusHint(status) {
  if (status === 401) return " (the server refused the connection's credentials)";
  if (status === 403) return " (the connection's credentials may not do this)";
  return "";
}
function bodyExcerpt(response) {
  const text3 = response.text().trim().replace(/\s+/g, " ");
  if (text3 === "") return "";
  return `: ${text3.length > 300 ? `${text3.slice(0, 300)}\u2026` : text3}`;
}

// providers/http/operator.ts
var HTTP_TEMPLATE_FIELDS = [
  "endpoint",
  "data",
  "json",
  "headers"
];
function httpOperator(options) {
  const { responseCheck, responseFilter, ...rest } = options ?? {};
  checkFunction2(rest.id, "responseCheck", responseCheck);
  checkFunction2(rest.id, "responseFilter", responseFilter);
  const builder = defineOperator({
    name: "HttpOperator",
    templateFields: HTTP_TEMPLATE_FIELDS,
    connections: (fields) => [
      fields.httpConnId ?? "http_default"
    ],
    permissions: (fields) => typeof fields.tlsVerify === "string" ? {
      read: [
        fields.tlsVerify
      ]
    } : {},
    async execute(ctx, fields) {
      const hook = new HttpHook(ctx.connection(fields.httpConnId ?? "http_default"), {
        tlsVerify: fields.tlsVerify,
        timeout: fields.timeout,
        log: (line) => ctx.log(line)
      });
      const method = (fields.method ?? "POST").toUpperCase();
      const response = await hook.run(fields.endpoint ?? "", {
        method,
        data: fields.data,
        json: fields.json,
        headers: fields.headers,
        signal: ctx.signal,
        checkResponse: fields.checkResponse
      });
      ctx.log(`${hook.description}: ${method} answered HTTP ${response.status}`);
      if (fields.logResponse) ctx.log(response.text());
      if (responseCheck && !await responseCheck(response, ctx)) {
        throw new Error(`${hook.description}: the response check of ${method} ${new URL(response.url || hook.url(fields.endpoint)).pathname} returned false (HTTP ${response.status})`);
      }
      return responseFilter ? await responseFilter(response, ctx) : response.text();
    }
  });
  return builder(rest);
}
function checkFunction2(taskId, field, value) {
  if (value === void 0 || typeof value === "function") return;
  throw new DefinitionError(`task ${JSON.stringify(taskId)}, ${field}: must be a function (response, ctx) => \u2026, got ${typeof value}`, {
    taskId: typeof taskId === "string" ? taskId : void 0,
    field
  });
}

// providers/http/sensor.ts
function httpSensor(options) {
  const { responseCheck, ...rest } = options ?? {};
  checkFunction2(rest.id, "responseCheck", responseCheck);
  const builder = defineSensor({
    name: "HttpSensor",
    templateFields: [
      "endpoint",
      "data",
      "headers"
    ],
    connections: (fields) => [
      fields.httpConnId ?? "http_default"
    ],
    permissions: (fields) => typeof fields.tlsVerify === "string" ? {
      read: [
        fields.tlsVerify
      ]
    } : {},
    async poke(ctx, fields) {
      const hook = new HttpHook(ctx.connection(fields.httpConnId ?? "http_default"), {
        method: fields.method ?? "GET",
        tlsVerify: fields.tlsVerify,
        timeout: fields.requestTimeout
      });
      const expected = fields.expectedStatus === void 0 ? null : [
        fields.expectedStatus
      ].flat();
      const endpoint = fields.endpoint ?? "";
      ctx.log(`Poking: ${hook.description}, ${endpoint || "/"}`);
      let response;
      try {
        response = await hook.run(endpoint, {
          data: fields.data,
          headers: fields.headers,
          signal: ctx.signal,
          checkResponse: expected === null
        });
      } catch (error) {
        const allowed = fields.responseErrorCodesAllowlist ?? [
          404
        ];
        if (error instanceof HttpStatusError && allowed.includes(error.status)) {
          ctx.log(`HTTP ${error.status}: not there yet`);
          return false;
        }
        throw error;
      }
      if (expected !== null && !expected.includes(response.status)) {
        ctx.log(`HTTP ${response.status}, waiting for ${expected.join(" or ")}`);
        return false;
      }
      return responseCheck ? Boolean(await responseCheck(response, ctx)) : true;
    }
  });
  return builder(rest);
}

// providers/http/test_connection.ts
async function testConnection2(connection) {
  try {
    const hook = new HttpHook(connection, {
      timeout: "20s"
    });
    const response = await hook.run("", {
      method: "GET"
    });
    return {
      status: true,
      message: `Connection successfully tested (${hook.description} answered HTTP ${response.status})`
    };
  } catch (error) {
    return {
      status: false,
      message: error instanceof Error ? error.message : String(error)
    };
  }
}

// providers/http/mod.ts
var PROVIDER_NAME2 = "@updraft/http";

// providers/s3/mod.ts
var mod_exports4 = {};
__export(mod_exports4, {
  PROVIDER_NAME: () => PROVIDER_NAME3,
  S3Hook: () => S3Hook,
  S3RequestError: () => S3RequestError,
  describeEndpoint: () => describeEndpoint,
  matchesWildcard: () => matchesWildcard,
  objectUrl: () => objectUrl,
  parseS3Url: () => parseS3Url,
  s3CopyObject: () => s3CopyObject,
  s3CreateObject: () => s3CreateObject,
  s3DeleteObjects: () => s3DeleteObjects,
  s3FileTransform: () => s3FileTransform,
  s3KeySensor: () => s3KeySensor,
  s3List: () => s3List,
  s3Settings: () => s3Settings
});

// providers/s3/connection.ts
function s3Settings(connection, options = {}) {
  const extra = connection.extra;
  const where2 = `connection "${connection.connId}"`;
  const accessKeyId = connection.login || text(extra.aws_access_key_id);
  const secretAccessKey = connection.password || text(extra.aws_secret_access_key);
  if (!accessKeyId || !secretAccessKey) {
    throw new Error(`${where2}: no credentials: set its login (access key id) and password (secret access key)`);
  }
  const sessionToken = text(extra.aws_session_token) ?? void 0;
  const settings = {
    connId: connection.connId,
    endpoint: endpointOf(connection, where2),
    region: options.regionName || text(extra.region_name) || text(extra.region) || "us-east-1",
    addressingStyle: addressingStyleOf(extra, where2),
    accessKeyId,
    secretAccessKey
  };
  if (sessionToken) settings.sessionToken = sessionToken;
  return settings;
}
function describeEndpoint(settings) {
  if (settings.endpoint) {
    return `S3 at ${settings.endpoint.origin}${settings.endpoint.pathname.replace(/\/$/, "")}`;
  }
  return `AWS S3 in ${settings.region}`;
}
function objectUrl(settings, bucket, key) {
  const encodedKey = key === void 0 ? "" : encodeKey(key);
  if (settings.addressingStyle === "virtual") {
    const base2 = settings.endpoint ?? new URL(settings.region === "us-east-1" ? "https://s3.amazonaws.com" : awsHost(settings));
    const url2 = new URL(base2);
    url2.hostname = `${bucket}.${base2.hostname}`;
    url2.pathname = `${basePath(base2)}/${encodedKey}`;
    return url2;
  }
  const base = settings.endpoint ?? new URL(awsHost(settings));
  const url = new URL(base);
  url.pathname = `${basePath(base)}/${encodeURIComponent(bucket)}/${encodedKey}`;
  if (key === void 0) url.pathname = url.pathname.replace(/\/$/, "");
  return url;
}
function encodeKey(key) {
  return key.split("/").map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)).join("/");
}
function awsHost(settings) {
  return `https://s3.${settings.region}.amazonaws.com`;
}
function basePath(url) {
  return url.pathname.replace(/\/+$/, "");
}
function endpointOf(connection, where2) {
  const extra = connection.extra;
  const serviceConfig = objectOf(objectOf(extra.service_config)?.s3);
  const written = text(extra.endpoint_url) ?? text(serviceConfig?.endpoint_url) ?? text(extra.host) ?? connection.host;
  if (!written) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(written) ? written : `https://${written}`;
  let url;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`${where2}: its endpoint_url ${JSON.stringify(written)} is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`${where2}: its endpoint_url must be an http(s) URL, got ${url.protocol}//\u2026`);
  }
  if (!url.port && connection.port) url.port = String(connection.port);
  url.search = "";
  url.hash = "";
  return url;
}
function addressingStyleOf(extra, where2) {
  const nested = objectOf(extra.s3) ?? objectOf(objectOf(extra.config_kwargs)?.s3);
  const style = text(extra.addressing_style) ?? text(nested?.addressing_style);
  const forcePath = extra.force_path_style ?? nested?.force_path_style;
  if (forcePath === true || forcePath === "true") return "path";
  if (style === null || style === "auto" || style === "path") return "path";
  if (style === "virtual") return "virtual";
  throw new Error(`${where2}: addressing_style must be "path", "virtual" or "auto", got ${JSON.stringify(style)}`);
}
function text(value) {
  return typeof value === "string" && value !== "" ? value : null;
}
function objectOf(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : null;
}

// providers/s3/_xml.ts
var TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<!DOCTYPE[^>]*>|<(\/?)([A-Za-z_][\w:.-]*)[^>]*?(\/?)>|([^<]+)/g;
function parseXml(xml) {
  const root = {
    name: "#document",
    children: [],
    text: ""
  };
  const stack2 = [
    root
  ];
  for (const match of xml.matchAll(TOKEN)) {
    const [token, cdata, closing, name, selfClosing, text3] = match;
    const current = stack2[stack2.length - 1];
    if (text3 !== void 0) current.text += decodeEntities(text3);
    else if (cdata !== void 0) current.text += cdata;
    else if (name === void 0) continue;
    else if (closing) {
      if (current.name !== localName(name) || stack2.length === 1) {
        throw new SyntaxError(`unexpected closing tag ${token}`);
      }
      stack2.pop();
    } else {
      const element2 = {
        name: localName(name),
        children: [],
        text: ""
      };
      current.children.push(element2);
      if (!selfClosing) stack2.push(element2);
    }
  }
  if (stack2.length !== 1) throw new SyntaxError(`unclosed element <${stack2.at(-1).name}>`);
  const element = root.children[0];
  if (!element) throw new SyntaxError("no root element");
  return element;
}
function childrenNamed(element, name) {
  return element.children.filter((child) => child.name === name);
}
function childText(element, name) {
  return element.children.find((child) => child.name === name)?.text;
}
function escapeXml(text3) {
  return text3.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}
function localName(name) {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}
var NAMED_ENTITIES = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'"
};
function decodeEntities(text3) {
  return text3.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (entity, body) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? entity;
  });
}

// providers/s3/_request.ts
var S3RequestError = class extends Error {
  /** The HTTP status; 0 when no answer came. */
  status;
  /** S3's error code (`NoSuchKey`, `AccessDenied`, `SignatureDoesNotMatch`, …), or "". */
  code;
  /** @param message The whole message. @param details The status and S3's error code. */
  constructor(message, details, options) {
    super(message, options);
    this.name = "S3RequestError";
    this.status = details.status;
    this.code = details.code;
  }
};
var S3Requester = class {
  /** The connection's settings. */
  settings;
  #signal;
  #client = null;
  /** @param settings The connection's settings. @param signal Aborts every request. */
  constructor(settings, signal) {
    this.settings = settings;
    this.#signal = signal;
  }
  /** `connection "x" (S3 at http://host:9000)`, how every message starts. */
  get where() {
    return `connection "${this.settings.connId}" (${describeEndpoint(this.settings)})`;
  }
  /** Send a request; any answer but 2xx becomes an {@link S3RequestError}. */
  async send(target, init = {}) {
    const response = await this.sendRaw(target, init);
    if (!response.ok) throw await this.errorFor(target, response);
    return response;
  }
  /** Send a request and return any answer; only a request that got none throws. */
  async sendRaw(target, init = {}) {
    const url = objectUrl(this.settings, target.bucket, target.key);
    for (const [name, value] of Object.entries(target.query ?? {})) {
      if (value !== void 0) url.searchParams.set(name, value);
    }
    const client = await this.#awsClient();
    try {
      return await client.fetch(url.href, {
        ...init,
        signal: this.#signal
      });
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason ?? error;
      const reason = describeFailure(error);
      throw new S3RequestError(`${this.describe(target)} failed: ${reason}`, {
        status: 0,
        code: ""
      }, {
        cause: error
      });
    }
  }
  /** The error a refused request becomes, from the XML body S3 sent (if any). */
  async errorFor(target, response, body) {
    const text3 = body ?? await response.text().catch(() => "");
    let code = "";
    let message = "";
    try {
      const document = parseXml(text3);
      if (document.name === "Error") {
        code = childText(document, "Code") ?? "";
        message = childText(document, "Message") ?? "";
      }
    } catch {
    }
    code ||= response.statusText.replace(/\s+/g, "") || `HTTP${response.status}`;
    const explanation = message ? `: ${message}` : "";
    const hint = HINTS[code] ? ` (${HINTS[code]})` : "";
    return new S3RequestError(`${this.describe(target)} failed: ${code} (HTTP ${response.status})${explanation}${hint}`, {
      status: response.status,
      code
    });
  }
  /** `connection "x" (S3 at …): GetObject of s3://bucket/key`. */
  describe(target) {
    const path = target.key === void 0 ? `s3://${target.bucket}` : s3Url(target);
    return `${this.where}: ${target.action} of ${path}`;
  }
  #awsClient() {
    this.#client ??= import("aws4fetch").then(({ AwsClient }) => new AwsClient({
      accessKeyId: this.settings.accessKeyId,
      secretAccessKey: this.settings.secretAccessKey,
      sessionToken: this.settings.sessionToken,
      service: "s3",
      region: this.settings.region,
      retries: 3
    }));
    return this.#client;
  }
};
var HINTS = {
  SignatureDoesNotMatch: "check the connection's secret access key (its password)",
  InvalidAccessKeyId: "check the connection's access key id (its login)",
  AuthorizationHeaderMalformed: "check the connection's region_name",
  PermanentRedirect: "the bucket is in another region: check the connection's region_name"
};
function describeFailure(error) {
  const parts = [];
  for (let current = error, depth2 = 0; current && depth2 < 3; depth2++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : void 0;
  }
  return parts.join(": ");
}
function s3Url(target) {
  return `s3://${target.bucket}/${target.key}`;
}

// providers/s3/_delete.ts
async function deleteBatch(requester, bucket, keys) {
  if (keys.length === 0) return [];
  const objects = keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join("");
  const body = `<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objects}</Delete>`;
  const bytes = new TextEncoder().encode(body);
  const target = {
    action: "DeleteObjects",
    bucket,
    query: {
      delete: ""
    }
  };
  const response = await requester.send(target, {
    method: "POST",
    body: bytes,
    headers: {
      "content-type": "application/xml",
      "content-md5": await md5Base64(bytes)
    }
  });
  const document = parseXml(await response.text());
  const failures = childrenNamed(document, "Error").map((element) => `${childText(element, "Key")}: ${childText(element, "Code")} ${childText(element, "Message") ?? ""}`.trim());
  if (failures.length > 0) {
    throw new Error(`${requester.describe(target)} failed for ${failures.length} of ${keys.length} keys: ` + failures.slice(0, 10).join("; ") + (failures.length > 10 ? "; \u2026" : ""));
  }
  const deleted = childrenNamed(document, "Deleted").map((element) => childText(element, "Key"));
  return deleted.length > 0 ? deleted.filter((key) => key !== void 0) : keys;
}
async function md5Base64(bytes) {
  const { createHash } = await import("node:crypto");
  return createHash("md5").update(bytes).digest("base64");
}

// providers/s3/_multipart.ts
async function putMultipart(requester, object, partSize) {
  const { bucket, key } = object;
  const created = await requester.send({
    action: "CreateMultipartUpload",
    bucket,
    key,
    query: {
      uploads: ""
    }
  }, {
    method: "POST",
    headers: object.headers
  });
  const uploadId = childText(parseXml(await created.text()), "UploadId");
  if (!uploadId) {
    throw new Error(`${requester.describe({
      action: "CreateMultipartUpload",
      bucket,
      key
    })} failed: the answer has no UploadId`);
  }
  try {
    const etags = [];
    for (let offset = 0; offset < object.bytes.byteLength; offset += partSize) {
      const partNumber = String(etags.length + 1);
      const part = object.bytes.subarray(offset, offset + partSize);
      const response = await requester.send({
        action: "UploadPart",
        bucket,
        key,
        query: {
          partNumber,
          uploadId
        }
      }, {
        method: "PUT",
        body: part
      });
      await response.body?.cancel();
      etags.push(response.headers.get("etag") ?? "");
    }
    const parts = etags.map((etag, index) => `<Part><PartNumber>${index + 1}</PartNumber><ETag>${escapeQuotes(etag)}</ETag></Part>`).join("");
    const target = {
      action: "CompleteMultipartUpload",
      bucket,
      key,
      query: {
        uploadId
      }
    };
    const completed = await requester.send(target, {
      method: "POST",
      body: `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`,
      headers: {
        "content-type": "application/xml"
      }
    });
    const body = await completed.text();
    if (/<Error[\s>]/.test(body)) throw await requester.errorFor(target, completed, body);
  } catch (error) {
    await requester.sendRaw({
      action: "AbortMultipartUpload",
      bucket,
      key,
      query: {
        uploadId
      }
    }, {
      method: "DELETE"
    }).then((response) => response.body?.cancel()).catch(() => {
    });
    throw error;
  }
}
function escapeQuotes(etag) {
  return etag.replace(/"/g, "&quot;");
}

// providers/s3/hook.ts
var MEBIBYTE = 1024 * 1024;
var MINIMUM_PART = 5 * MEBIBYTE;
var S3Hook = class {
  /** The connection's settings. */
  settings;
  #requester;
  #threshold;
  #partSize;
  /** @param connection From `ctx.connection(id)`. @param options Region, signal, part sizes. */
  constructor(connection, options = {}) {
    this.settings = s3Settings(connection, {
      regionName: options.regionName
    });
    this.#requester = new S3Requester(this.settings, options.signal);
    this.#threshold = Math.max(options.multipartThreshold ?? 8 * MEBIBYTE, MINIMUM_PART);
    this.#partSize = Math.max(options.partSize ?? 8 * MEBIBYTE, MINIMUM_PART);
  }
  /** `connection "x" (S3 at …)`, how the hook's messages start. */
  get where() {
    return this.#requester.where;
  }
  /** The pages of a listing (ListObjectsV2), following continuation tokens. */
  async *listPages(bucket, options = {}) {
    let token;
    let remaining = options.maxItems ?? Infinity;
    do {
      const pageSize = Math.min(options.pageSize ?? 1e3, 1e3, remaining);
      const response = await this.#requester.send({
        action: "ListObjectsV2",
        bucket,
        query: {
          "list-type": "2",
          prefix: options.prefix || void 0,
          delimiter: options.delimiter || void 0,
          "start-after": token ? void 0 : options.startAfter || void 0,
          "continuation-token": token,
          "max-keys": String(pageSize)
        }
      });
      const document = parseXml(await response.text());
      const objects = childrenNamed(document, "Contents").map((element) => ({
        key: childText(element, "Key") ?? "",
        size: Number(childText(element, "Size") ?? 0),
        etag: unquote2(childText(element, "ETag") ?? ""),
        lastModified: childText(element, "LastModified") ?? ""
      })).slice(0, remaining);
      const prefixes = childrenNamed(document, "CommonPrefixes").map((element) => childText(element, "Prefix") ?? "");
      remaining -= objects.length;
      yield {
        objects,
        prefixes
      };
      const truncated = childText(document, "IsTruncated") === "true";
      token = truncated ? childText(document, "NextContinuationToken") : void 0;
    } while (token && remaining > 0);
  }
  /** Every key under `prefix` (all pages). */
  async listKeys(bucket, options = {}) {
    const keys = [];
    for await (const page of this.listPages(bucket, options)) {
      keys.push(...page.objects.map((object) => object.key));
    }
    return keys;
  }
  /** Every object (key, size, etag, date) under `prefix`. */
  async listObjects(bucket, options = {}) {
    const objects = [];
    for await (const page of this.listPages(bucket, options)) objects.push(...page.objects);
    return objects;
  }
  /** The common prefixes under `prefix` up to `delimiter` ("folders"). */
  async listPrefixes(bucket, prefix = "", delimiter = "/") {
    const prefixes = [];
    for await (const page of this.listPages(bucket, {
      prefix,
      delimiter
    })) {
      prefixes.push(...page.prefixes);
    }
    return prefixes;
  }
  /** The object's size, etag and date (HeadObject), or null when there is no such key. */
  async head(bucket, key) {
    const target = {
      action: "HeadObject",
      bucket,
      key
    };
    const response = await this.#requester.sendRaw(target, {
      method: "HEAD"
    });
    if (response.status === 404) return null;
    if (!response.ok) throw await this.#requester.errorFor(target, response, "");
    return {
      key,
      size: Number(response.headers.get("content-length") ?? 0),
      etag: unquote2(response.headers.get("etag") ?? ""),
      lastModified: new Date(response.headers.get("last-modified") ?? 0).toISOString()
    };
  }
  /** Whether the object exists. */
  async exists(bucket, key) {
    return await this.head(bucket, key) !== null;
  }
  /** The object's content (GetObject). */
  async getBytes(bucket, key) {
    const response = await this.#requester.send({
      action: "GetObject",
      bucket,
      key
    });
    return new Uint8Array(await response.arrayBuffer());
  }
  /** The object's content as UTF-8 text. */
  async getText(bucket, key) {
    return new TextDecoder().decode(await this.getBytes(bucket, key));
  }
  /** Store an object (PutObject, or a multipart upload from `multipartThreshold` bytes on). */
  async put(bucket, key, body, options = {}) {
    if (options.replace === false && await this.exists(bucket, key)) {
      throw new Error(`${this.where}: PutObject of s3://${bucket}/${key} refused: the key already exists and replace is false`);
    }
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    const headers = {};
    if (options.contentType) headers["content-type"] = options.contentType;
    if (bytes.byteLength >= this.#threshold) {
      await putMultipart(this.#requester, {
        bucket,
        key,
        bytes,
        headers
      }, this.#partSize);
      return;
    }
    const request = {
      method: "PUT",
      body: bytes,
      headers
    };
    await this.#requester.send({
      action: "PutObject",
      bucket,
      key
    }, request);
  }
  /** Copy an object (CopyObject, up to 5 GiB). */
  async copy(source, destination) {
    const copySource = `/${source.bucket}/${encodeCopyKey(source.key)}`;
    const target = {
      action: "CopyObject",
      bucket: destination.bucket,
      key: destination.key
    };
    const response = await this.#requester.send(target, {
      method: "PUT",
      headers: {
        "x-amz-copy-source": copySource
      }
    });
    const body = await response.text();
    if (/<Error[\s>]/.test(body)) {
      const error = await this.#requester.errorFor(target, response, body);
      throw new Error(`${error.message} (copying from s3://${source.bucket}/${source.key})`);
    }
  }
  /** Delete objects (DeleteObjects, 1000 keys per request); returns the keys deleted. */
  async deleteObjects(bucket, keys) {
    const deleted = [];
    for (let start = 0; start < keys.length; start += 1e3) {
      deleted.push(...await deleteBatch(this.#requester, bucket, keys.slice(start, start + 1e3)));
    }
    return deleted;
  }
};
function unquote2(etag) {
  return etag.replace(/^"|"$/g, "");
}
function encodeCopyKey(key) {
  return key.split("/").map(encodeURIComponent).join("/");
}

// providers/s3/keys.ts
function parseS3Url(url, field = "key") {
  const match = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    throw new TypeError(`${field}: ${JSON.stringify(url)} is not an s3://bucket/key URL`);
  }
  return {
    bucket: match[1],
    key: match[2]
  };
}
function bucketAndKey(bucket, key, fields) {
  if (typeof key !== "string" || key === "") {
    throw new TypeError(`${fields.key}: must be a non-empty key or s3:// URL`);
  }
  if (!bucket) {
    if (!/^s3[an]?:\/\//.test(key)) {
      throw new TypeError(`${fields.key}: ${JSON.stringify(key)} is a plain key: give ${fields.bucket} too, or write the key as s3://bucket/key`);
    }
    return parseS3Url(key, fields.key);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) {
    throw new TypeError(`${fields.key}: with ${fields.bucket} given, the key must be a path in the bucket, not the URL ${JSON.stringify(key)}`);
  }
  return {
    bucket,
    key
  };
}
function hasWildcard(pattern) {
  return /[*?[]/.test(pattern);
}
function wildcardPrefix(pattern) {
  return pattern.split(/[*?[]/, 1)[0];
}
function wildcardRegExp(pattern) {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === "*") source += "[\\s\\S]*";
    else if (character === "?") source += "[\\s\\S]";
    else if (character === "[") {
      const end = pattern.indexOf("]", index + (pattern[index + 1] === "!" ? 3 : 2));
      if (end === -1) {
        source += "\\[";
        continue;
      }
      let set = pattern.slice(index + 1, end).replace(/\\/g, "\\\\").replace(/\^/g, "\\^");
      if (set.startsWith("!")) set = `^${set.slice(1)}`;
      source += `[${set}]`;
      index = end;
    } else source += character.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
function matchesWildcard(key, pattern) {
  return wildcardRegExp(pattern).test(key);
}

// providers/s3/_operator_parts.ts
var DEFAULT_CONNECTION = "aws_default";
function hookFor(ctx, fields, connectionId = fields.awsConnId ?? DEFAULT_CONNECTION) {
  return new S3Hook(ctx.connection(connectionId), {
    regionName: fields.regionName,
    signal: ctx.signal
  });
}
var DNS_BUCKET = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;
function bucketHostPermissions(fields) {
  const { regionName } = fields;
  const fromKeys = (fields.keys ?? []).flat().map((key) => typeof key === "string" ? key.match(/^s3[an]?:\/\/([^/]+)/)?.[1] : void 0);
  const names = /* @__PURE__ */ new Set();
  for (const bucket of [
    ...fields.buckets,
    ...fromKeys
  ]) {
    if (typeof bucket !== "string" || !DNS_BUCKET.test(bucket)) continue;
    names.add(`${bucket}.s3.amazonaws.com`);
    if (regionName && /^[a-z0-9-]+$/.test(regionName)) {
      names.add(`${bucket}.s3.${regionName}.amazonaws.com`);
    }
  }
  return names.size > 0 ? {
    net: [
      ...names
    ]
  } : {};
}

// providers/s3/operators.ts
var connections = (fields) => [
  fields.awsConnId ?? DEFAULT_CONNECTION
];
var s3CreateObject = defineOperator({
  name: "S3CreateObjectOperator",
  templateFields: [
    "s3Bucket",
    "s3Key",
    "data"
  ],
  connections,
  permissions: (fields) => bucketHostPermissions({
    regionName: fields.regionName,
    buckets: [
      fields.s3Bucket
    ],
    keys: [
      fields.s3Key
    ]
  }),
  async execute(ctx, fields) {
    const { bucket, key } = bucketAndKey(fields.s3Bucket, fields.s3Key, {
      bucket: "s3Bucket",
      key: "s3Key"
    });
    const isText = typeof fields.data === "string";
    const body = isText ? fields.data : JSON.stringify(fields.data);
    await hookFor(ctx, fields).put(bucket, key, body, {
      replace: fields.replace ?? false,
      contentType: fields.contentType ?? (isText ? "text/plain" : "application/json")
    });
    ctx.log(`Wrote ${new TextEncoder().encode(body).byteLength} bytes to s3://${bucket}/${key}`);
    return `s3://${bucket}/${key}`;
  }
});
var s3DeleteObjects = defineOperator({
  name: "S3DeleteObjectsOperator",
  templateFields: [
    "bucket",
    "keys",
    "prefix"
  ],
  connections,
  permissions: (fields) => bucketHostPermissions({
    regionName: fields.regionName,
    buckets: [
      fields.bucket
    ]
  }),
  async execute(ctx, fields) {
    const hasKeys = fields.keys !== void 0 && fields.keys !== null;
    const hasPrefix = typeof fields.prefix === "string";
    if (hasKeys === hasPrefix) {
      throw new TypeError(`task "${ctx.taskId}": give either keys or prefix to delete, ${hasKeys ? "not both" : "got neither"}`);
    }
    const hook = hookFor(ctx, fields);
    const keys = hasKeys ? [
      fields.keys
    ].flat() : await hook.listKeys(fields.bucket, {
      prefix: fields.prefix
    });
    const deleted = await hook.deleteObjects(fields.bucket, keys);
    ctx.log(`Deleted ${deleted.length} objects from s3://${fields.bucket}`);
    return deleted;
  }
});
var s3CopyObject = defineOperator({
  name: "S3CopyObjectOperator",
  templateFields: [
    "sourceBucketKey",
    "destBucketKey",
    "sourceBucketName",
    "destBucketName"
  ],
  connections,
  permissions: (fields) => bucketHostPermissions({
    regionName: fields.regionName,
    buckets: [
      fields.sourceBucketName,
      fields.destBucketName
    ],
    keys: [
      fields.sourceBucketKey,
      fields.destBucketKey
    ]
  }),
  async execute(ctx, fields) {
    const source = bucketAndKey(fields.sourceBucketName, fields.sourceBucketKey, {
      bucket: "sourceBucketName",
      key: "sourceBucketKey"
    });
    const destination = bucketAndKey(fields.destBucketName, fields.destBucketKey, {
      bucket: "destBucketName",
      key: "destBucketKey"
    });
    await hookFor(ctx, fields).copy(source, destination);
    ctx.log(`Copied s3://${source.bucket}/${source.key} to s3://${destination.bucket}/${destination.key}`);
    return `s3://${destination.bucket}/${destination.key}`;
  }
});
var s3List = defineOperator({
  name: "S3ListOperator",
  templateFields: [
    "bucket",
    "prefix",
    "delimiter"
  ],
  connections,
  permissions: (fields) => bucketHostPermissions({
    regionName: fields.regionName,
    buckets: [
      fields.bucket
    ]
  }),
  async execute(ctx, fields) {
    const pattern = fields.prefix ?? "";
    const wildcard = fields.applyWildcard === true && hasWildcard(pattern);
    const keys = await hookFor(ctx, fields).listKeys(fields.bucket, {
      prefix: wildcard ? wildcardPrefix(pattern) : pattern,
      delimiter: fields.delimiter,
      maxItems: wildcard ? void 0 : fields.maxItems
    });
    const found = wildcard ? keys.filter((key) => matchesWildcard(key, pattern)) : keys;
    const listed = found.slice(0, fields.maxItems ?? found.length);
    ctx.log(`Found ${listed.length} keys in s3://${fields.bucket}/${pattern}`);
    return listed;
  }
});

// providers/s3/_transform_script.ts
var SCRIPT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
async function runTransformScript(ctx, script2, args, input) {
  ctx.log(`Running transform script ${script2} ${args.join(" ")}`.trim());
  let child;
  try {
    child = new Deno.Command(script2, {
      args: [
        "/dev/stdin",
        "/dev/stdout",
        ...args
      ],
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
      clearEnv: true,
      env: {
        PATH: SCRIPT_PATH
      },
      signal: ctx.signal
    }).spawn();
  } catch (error) {
    throw new Error(`task "${ctx.taskId}": cannot start transform script ${script2}: ${error instanceof Error ? error.message : error}`, {
      cause: error
    });
  }
  const feeding = feed(child.stdin, input);
  const logging = logLines2(child.stderr, (line) => ctx.log(line));
  const output = new Uint8Array(await new Response(child.stdout).arrayBuffer());
  const [status] = await Promise.all([
    child.status,
    feeding,
    logging
  ]);
  if (ctx.signal.aborted) throw ctx.signal.reason;
  if (!status.success) {
    throw new Error(`task "${ctx.taskId}": transform script ${script2} failed with exit code ${status.code}` + (status.signal ? ` (signal ${status.signal})` : ""));
  }
  ctx.log(`Transform script wrote ${output.byteLength} bytes`);
  return output;
}
async function feed(stdin, input) {
  const writer = stdin.getWriter();
  try {
    await writer.write(input);
    await writer.close();
  } catch {
  }
}
async function logLines2(stream, log2) {
  const decoder2 = new TextDecoder();
  let rest = "";
  for await (const bytes of stream) {
    const lines = (rest + decoder2.decode(bytes, {
      stream: true
    })).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) log2(line);
  }
  rest += decoder2.decode();
  if (rest) log2(rest);
}

// providers/s3/file_transform.ts
function s3FileTransform(options) {
  const { transform, ...rest } = options ?? {};
  checkTransform(rest.id, transform, rest.transformScript);
  const builder = defineOperator({
    name: "S3FileTransformOperator",
    templateFields: [
      "sourceS3Key",
      "destS3Key",
      "scriptArgs"
    ],
    connections: (fields) => [
      .../* @__PURE__ */ new Set([
        fields.sourceAwsConnId ?? DEFAULT_CONNECTION,
        fields.destAwsConnId ?? DEFAULT_CONNECTION
      ])
    ],
    permissions: (fields) => ({
      ...bucketHostPermissions({
        regionName: fields.regionName,
        buckets: [
          fields.sourceBucketName,
          fields.destBucketName
        ],
        keys: [
          fields.sourceS3Key,
          fields.destS3Key
        ]
      }),
      ...fields.transformScript ? {
        run: [
          fields.transformScript
        ]
      } : {}
    }),
    async execute(ctx, fields) {
      const source = bucketAndKey(fields.sourceBucketName, fields.sourceS3Key, {
        bucket: "sourceBucketName",
        key: "sourceS3Key"
      });
      const destination = bucketAndKey(fields.destBucketName, fields.destS3Key, {
        bucket: "destBucketName",
        key: "destS3Key"
      });
      const reader = hookFor(ctx, fields, fields.sourceAwsConnId ?? DEFAULT_CONNECTION);
      const bytes = await reader.getBytes(source.bucket, source.key);
      ctx.log(`Downloaded s3://${source.bucket}/${source.key} (${bytes.byteLength} bytes)`);
      const output = transform ? await applyTransform(transform, {
        ...source,
        bytes
      }, ctx) : await runTransformScript(ctx, fields.transformScript, fields.scriptArgs ?? [], bytes);
      const writer = hookFor(ctx, fields, fields.destAwsConnId ?? DEFAULT_CONNECTION);
      await writer.put(destination.bucket, destination.key, output, {
        replace: fields.replace ?? false
      });
      ctx.log(`Uploaded s3://${destination.bucket}/${destination.key} (${output.byteLength} bytes)`);
      return `s3://${destination.bucket}/${destination.key}`;
    }
  });
  return builder(rest);
}
async function applyTransform(transform, object, ctx) {
  const text3 = () => new TextDecoder().decode(object.bytes);
  const result = await transform({
    ...object,
    text: text3,
    json: () => JSON.parse(text3())
  }, ctx);
  if (result instanceof Uint8Array) return result;
  if (result === void 0) {
    throw new TypeError(`task "${ctx.taskId}": transform returned nothing; return the new content (text, a Uint8Array or a JSON value)`);
  }
  return new TextEncoder().encode(typeof result === "string" ? result : JSON.stringify(result));
}
function checkTransform(taskId, transform, script2) {
  const where2 = {
    taskId: typeof taskId === "string" ? taskId : void 0
  };
  const fail2 = (field, problem) => {
    throw new DefinitionError(`task ${JSON.stringify(taskId)}, ${field}: ${problem}`, {
      ...where2,
      field
    });
  };
  if (transform !== void 0 && typeof transform !== "function") {
    fail2("transform", `must be a function (source, ctx) => content, got ${typeof transform}`);
  }
  if (script2 !== void 0 && (typeof script2 !== "string" || script2 === "")) {
    fail2("transformScript", "must be the path of an executable");
  }
  if (transform === void 0 === (script2 === void 0)) {
    fail2("transform", "give either transform (a function) or transformScript (an executable)");
  }
}

// providers/s3/key_sensor.ts
function s3KeySensor(options) {
  const { checkFn, ...rest } = options ?? {};
  if (checkFn !== void 0 && typeof checkFn !== "function") {
    throw new DefinitionError(`task ${JSON.stringify(rest.id)}, checkFn: must be a function (objects, ctx) => boolean, got ${typeof checkFn}`, {
      taskId: typeof rest.id === "string" ? rest.id : void 0,
      field: "checkFn"
    });
  }
  const builder = defineSensor({
    name: "S3KeySensor",
    templateFields: [
      "bucketKey",
      "bucketName"
    ],
    connections: (fields) => [
      fields.awsConnId ?? DEFAULT_CONNECTION
    ],
    permissions: (fields) => bucketHostPermissions({
      regionName: fields.regionName,
      buckets: [
        fields.bucketName
      ],
      keys: [
        fields.bucketKey
      ]
    }),
    async poke(ctx, fields) {
      const hook = hookFor(ctx, fields);
      const urls = [];
      for (const pattern of [
        fields.bucketKey
      ].flat()) {
        const where2 = bucketAndKey(fields.bucketName, pattern, {
          bucket: "bucketName",
          key: "bucketKey"
        });
        const objects = await findObjects(hook, where2, fields.wildcardMatch === true);
        ctx.log(`Poking for s3://${where2.bucket}/${where2.key}: ${objects.length} found`);
        if (objects.length === 0) return false;
        if (checkFn && !await checkFn(objects, ctx)) return false;
        urls.push(...objects.map((object) => `s3://${where2.bucket}/${object.key}`));
      }
      return {
        done: true,
        xcomValue: urls
      };
    }
  });
  return builder(rest);
}
async function findObjects(hook, where2, wildcard) {
  if (!wildcard) {
    const object = await hook.head(where2.bucket, where2.key);
    return object ? [
      object
    ] : [];
  }
  const objects = await hook.listObjects(where2.bucket, {
    prefix: wildcardPrefix(where2.key)
  });
  return objects.filter((object) => matchesWildcard(object.key, where2.key));
}

// providers/s3/mod.ts
var PROVIDER_NAME3 = "@updraft/s3";

// providers/spark/mod.ts
var mod_exports5 = {};
__export(mod_exports5, {
  PROVIDER_NAME: () => PROVIDER_NAME4,
  SparkSubmitHook: () => SparkSubmitHook,
  buildSparkSubmit: () => buildSparkSubmit,
  describeConnection: () => describeConnection,
  killCommand: () => killCommand,
  maskArguments: () => maskArguments,
  sparkBinaryPath: () => sparkBinaryPath,
  sparkConnectionSettings: () => sparkConnectionSettings,
  sparkSubmit: () => sparkSubmit
});

// providers/spark/command.ts
function buildSparkSubmit(settings, options) {
  if (typeof options.application !== "string" || options.application === "") {
    throw new TypeError("application: the jar or Python file to submit is required");
  }
  const deployMode = options.deployMode ?? settings.deployMode;
  const args = [
    "--master",
    settings.master
  ];
  for (const [key, value] of Object.entries(options.conf ?? {})) {
    args.push("--conf", `${key}=${value}`);
  }
  const env = options.env ?? {};
  let processEnv = {};
  if (Object.keys(env).length > 0) {
    if (settings.manager === "yarn" || settings.manager === "kubernetes") {
      const prefix = settings.manager === "yarn" ? "spark.yarn.appMasterEnv" : "spark.kubernetes.driverEnv";
      for (const [key, value] of Object.entries(env)) {
        args.push("--conf", `${prefix}.${key}=${value}`);
      }
      if (settings.manager === "yarn") processEnv = {
        ...env
      };
    } else if (deployMode === "cluster") {
      throw new TypeError(`env: not supported with a standalone master in cluster mode (${settings.master}); use conf spark.executorEnv.* or the cluster's own settings`);
    } else processEnv = {
      ...env
    };
  }
  const namespace = options.conf?.["spark.kubernetes.namespace"] === void 0 ? settings.namespace : null;
  if (settings.manager === "kubernetes" && namespace) {
    args.push("--conf", `spark.kubernetes.namespace=${namespace}`);
  }
  const option = (flag3, value) => {
    if (value === void 0 || value === null || value === "") return;
    const written = Array.isArray(value) ? value.join(",") : String(value);
    if (written !== "") args.push(flag3, written);
  };
  option("--properties-file", options.propertiesFile);
  option("--files", options.files);
  option("--py-files", options.pyFiles);
  option("--archives", options.archives);
  option("--driver-class-path", options.driverClassPath);
  option("--jars", options.jars);
  option("--packages", options.packages);
  option("--exclude-packages", options.excludePackages);
  option("--repositories", options.repositories);
  option("--num-executors", options.numExecutors);
  option("--total-executor-cores", options.totalExecutorCores);
  option("--executor-cores", options.executorCores);
  option("--executor-memory", options.executorMemory);
  option("--driver-memory", options.driverMemory);
  option("--keytab", options.keytab ?? settings.keytab);
  option("--principal", options.principal ?? settings.principal);
  option("--proxy-user", options.proxyUser);
  option("--name", options.name);
  option("--class", options.javaClass);
  if (options.verbose) args.push("--verbose");
  option("--queue", options.queue ?? settings.queue);
  option("--deploy-mode", deployMode);
  args.push(options.application, ...(options.applicationArgs ?? []).map(String));
  return {
    args,
    processEnv,
    deployMode
  };
}
function sparkBinaryPath(settings, taskBinary) {
  if (taskBinary?.includes("/")) return taskBinary;
  const name = taskBinary || settings.sparkBinary || "spark-submit";
  if (name.includes("/")) return name;
  return settings.sparkHome ? `${settings.sparkHome.replace(/\/+$/, "")}/bin/${name}` : name;
}
function killCommand(settings, run2) {
  if (run2.deployMode !== "cluster") return null;
  const { applicationId, driverId, driverPod } = run2.ids;
  if (settings.manager === "yarn" && applicationId) {
    return {
      binary: run2.yarnBinary,
      args: [
        "application",
        "-kill",
        applicationId
      ]
    };
  }
  if (settings.manager === "standalone" && driverId) {
    return {
      binary: run2.sparkBinary,
      args: [
        "--master",
        settings.master,
        "--kill",
        driverId
      ]
    };
  }
  if (settings.manager === "kubernetes" && driverPod) {
    const pod = settings.namespace ? `${settings.namespace}:${driverPod}` : driverPod;
    return {
      binary: run2.sparkBinary,
      args: [
        "--master",
        settings.master,
        "--kill",
        pod
      ]
    };
  }
  return null;
}
var SECRET_KEY = /secret|password|passwd|token|credential|passphrase|private/i;
function maskArguments(args) {
  return args.map((arg) => {
    const equals = arg.indexOf("=");
    if (equals <= 0 || !SECRET_KEY.test(arg.slice(0, equals))) return arg;
    return `${arg.slice(0, equals + 1)}******`;
  });
}

// providers/spark/connection.ts
function sparkConnectionSettings(connection) {
  const where2 = `connection "${connection.connId}"`;
  const extra = connection.extra;
  const host = connection.host?.trim() || "yarn";
  const master = masterOf(host, connection.port);
  const deployMode = text2(extra, "deploy-mode", "deploy_mode");
  if (deployMode !== null && deployMode !== "client" && deployMode !== "cluster") {
    throw new Error(`${where2}: deploy-mode must be "client" or "cluster", got "${deployMode}"`);
  }
  return {
    connId: connection.connId,
    master,
    manager: managerOf(master),
    deployMode,
    queue: text2(extra, "queue"),
    namespace: text2(extra, "namespace"),
    sparkBinary: text2(extra, "spark-binary", "spark_binary"),
    sparkHome: text2(extra, "spark-home", "spark_home"),
    principal: text2(extra, "principal"),
    keytab: text2(extra, "keytab")
  };
}
function describeConnection(settings) {
  const mode = settings.deployMode ? `, ${settings.deployMode} mode` : "";
  return `connection "${settings.connId}" (master ${settings.master}${mode})`;
}
function masterOf(host, port) {
  const withPort = port && !/:\d+$/.test(host) ? `${host}:${port}` : host;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(withPort)) return withPort;
  if (withPort === "yarn" || withPort.startsWith("local")) return withPort;
  return `spark://${withPort}`;
}
function managerOf(master) {
  if (master === "yarn" || master.startsWith("yarn")) return "yarn";
  if (master.startsWith("k8s://")) return "kubernetes";
  if (master.startsWith("local")) return "local";
  if (master.startsWith("mesos://")) return "mesos";
  return "standalone";
}
function text2(extra, ...keys) {
  for (const key of keys) {
    const value = extra[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
  }
  return null;
}

// providers/spark/_process.ts
async function runProcess(request) {
  const child = new Deno.Command(request.binary, {
    args: request.args,
    env: request.env,
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped"
  }).spawn();
  const abort = () => {
    try {
      request.onAbort?.();
    } finally {
      try {
        child.kill("SIGKILL");
      } catch {
      }
    }
  };
  request.signal?.addEventListener("abort", abort, {
    once: true
  });
  if (request.signal?.aborted) abort();
  try {
    await Promise.all([
      readLines(child.stdout, request.onLine),
      readLines(child.stderr, request.onLine)
    ]);
    const status = await child.status;
    return {
      code: status.code,
      signal: status.signal
    };
  } finally {
    request.signal?.removeEventListener("abort", abort);
  }
}
function startDetached(binary, args, env) {
  const child = new Deno.Command(binary, {
    args,
    env,
    clearEnv: true,
    stdin: "null",
    stdout: "null",
    stderr: "null"
  }).spawn();
  child.unref();
  child.status.catch(() => {
  });
}
async function readLines(stream, onLine) {
  const decoder2 = new TextDecoder();
  let rest = "";
  for await (const bytes of stream) {
    const lines = (rest + decoder2.decode(bytes, {
      stream: true
    })).split(/\r?\n/);
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  }
  rest += decoder2.decode();
  if (rest) onLine(rest);
}

// providers/spark/_driver_status.ts
var RUNNING_STATES = /* @__PURE__ */ new Set([
  "SUBMITTED",
  "RUNNING",
  "RELAUNCHING"
]);
var MAX_MISSED_STATUS = 10;
async function trackDriverStatus(request) {
  let missed = 0;
  for (; ; ) {
    let state = null;
    const end = await runProcess({
      binary: request.binary,
      args: [
        "--master",
        request.master,
        "--status",
        request.driverId
      ],
      env: request.env,
      signal: request.signal,
      onLine: (line) => {
        const match = /"driverState"\s*:\s*"?([A-Z_]+)/.exec(line);
        if (match) state = match[1];
      }
    });
    if (request.signal?.aborted) throw request.signal.reason;
    if (end.code !== 0 || state === null) {
      missed += 1;
      if (missed >= MAX_MISSED_STATUS) {
        throw new Error(`the status of driver ${request.driverId} could not be read ${missed} times in a row (last exit code ${end.code})`);
      }
    } else {
      missed = 0;
      request.log(`Driver ${request.driverId} is ${state}`);
      if (!RUNNING_STATES.has(state)) return state;
    }
    await sleep(request.pollIntervalMs, request.signal);
  }
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const abort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", abort, {
      once: true
    });
  });
}

// providers/spark/hook.ts
var DEFAULT_PATH2 = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
var SparkSubmitHook = class {
  /** The connection's settings. */
  settings;
  /** @param connection From `ctx.connection(id)`. */
  constructor(connection) {
    this.settings = sparkConnectionSettings(connection);
  }
  /** `connection "x" (master yarn, cluster mode)`, how the hook's messages start. */
  get description() {
    return describeConnection(this.settings);
  }
  /** The binary and arguments `submit` would run. */
  command(options, sparkBinary) {
    const binary = sparkBinaryPath(this.settings, sparkBinary);
    return {
      binary,
      args: this.#build(options).args
    };
  }
  /**
   * Run spark-submit and wait for it. Throws when it exits with another code than 0 (or a
   * Kubernetes driver reports one), naming the connection and the code; when the signal
   * aborts, kills it (and a cluster-mode driver) and throws the signal's reason.
   */
  async submit(options, run2) {
    const settings = this.#effectiveSettings(options);
    const built = this.#build(options);
    const binary = sparkBinaryPath(settings, run2.sparkBinary);
    this.#checkMayRun(binary, run2.sparkBinary);
    const env = {
      ...this.#baseEnvironment(run2.inheritEnv ?? []),
      ...built.processEnv
    };
    const ids = {
      applicationId: null,
      driverId: null,
      driverPod: null
    };
    let driverExitCode = null;
    run2.log(`Spark-Submit cmd: ${[
      binary,
      ...maskArguments(built.args)
    ].join(" ")}`);
    let end;
    try {
      end = await runProcess({
        binary,
        args: built.args,
        env,
        signal: run2.signal,
        onLine: (line) => {
          run2.log(line);
          noteIds(line, ids, run2.log);
          const exit = settings.manager === "kubernetes" && /\s*[eE]xit code: (\d+)/.exec(line);
          if (exit) driverExitCode = Number(exit[1]);
        },
        onAbort: () => this.#killDriver(settings, built.deployMode, ids, {
          binary,
          env,
          run: run2
        })
      });
    } catch (error) {
      throw new Error(`${this.description}: cannot start ${binary}: ${messageOf(error)}`, {
        cause: error
      });
    }
    if (run2.signal?.aborted) throw run2.signal.reason;
    const code = end.code !== 0 ? end.code : driverExitCode ?? 0;
    if (code !== 0 || end.signal) {
      const how = end.signal ? `was killed by ${end.signal}` : `exited with code ${code}`;
      const source = end.code === 0 ? "the Spark driver" : binary;
      throw new Error(`${this.description}: ${source} ${how}; its output is in the log above`);
    }
    if (settings.manager === "standalone" && built.deployMode === "cluster" && ids.driverId) {
      await this.#followDriver(settings, ids, {
        binary,
        env,
        run: run2
      });
    }
    return {
      ...ids,
      exitCode: code
    };
  }
  /** Wait for a standalone cluster-mode driver to end; fail unless it FINISHED. */
  async #followDriver(settings, ids, context) {
    const interval = context.run.statusPollInterval ?? 1;
    if (interval <= 0) return;
    const { signal } = context.run;
    const abort = () => this.#killDriver(settings, "cluster", ids, context);
    signal?.addEventListener("abort", abort, {
      once: true
    });
    try {
      const state = await trackDriverStatus({
        binary: context.binary,
        master: settings.master,
        driverId: ids.driverId,
        env: context.env,
        pollIntervalMs: interval * 1e3,
        signal,
        log: context.run.log
      });
      if (state !== "FINISHED") {
        throw new Error(`${this.description}: driver ${ids.driverId} ended ${state}`);
      }
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof Error && error.message.startsWith(this.description)) throw error;
      throw new Error(`${this.description}: ${messageOf(error)}`, {
        cause: error
      });
    } finally {
      signal?.removeEventListener("abort", abort);
    }
  }
  #build(options) {
    try {
      return buildSparkSubmit(this.#effectiveSettings(options), options);
    } catch (error) {
      throw new TypeError(`${this.description}: ${messageOf(error)}`, {
        cause: error
      });
    }
  }
  /** A `spark.kubernetes.namespace` conf overrides the connection's namespace (Airflow). */
  #effectiveSettings(options) {
    const namespace = options.conf?.["spark.kubernetes.namespace"];
    return namespace === void 0 ? this.settings : {
      ...this.settings,
      namespace: String(namespace)
    };
  }
  #checkMayRun(binary, taskBinary) {
    const state = Deno.permissions.querySync({
      name: "run",
      command: binary
    }).state;
    if (state === "granted") return;
    const origin = taskBinary ? "the task's sparkBinary" : "the connection's spark-home/spark-binary";
    throw new Error(`${this.description}: may not run ${binary} (from ${origin}): set sparkBinary: ${JSON.stringify(binary)} on the task, which grants its run permission`);
  }
  /** PATH (the host's, else a default), SPARK_HOME from the connection, the inherited names. */
  #baseEnvironment(inherit) {
    const env = {};
    for (const name of [
      "PATH",
      ...inherit
    ]) {
      const value = readHostVariable(name);
      if (value !== void 0) env[name] = value;
    }
    env.PATH ??= DEFAULT_PATH2;
    const home = this.settings.sparkHome;
    if (home) {
      env.SPARK_HOME ??= home;
      env.PATH = `${home.replace(/\/+$/, "")}/bin:${env.PATH}`;
    }
    return env;
  }
  #killDriver(settings, deployMode, ids, context) {
    const command = killCommand(settings, {
      deployMode,
      ids,
      sparkBinary: context.binary,
      yarnBinary: context.run.yarnBinary ?? "yarn"
    });
    if (!command) return;
    context.run.log(`Killing the application on the cluster: ${command.binary} ${command.args.join(" ")}`);
    try {
      startDetached(command.binary, command.args, context.env);
    } catch (error) {
      context.run.log(`${this.description}: could not run ${command.binary}: ${messageOf(error)}`);
    }
  }
};
var APPLICATION_ID = /\b(application_\d+_\d+|app-\d{14}-\d{4,}|local-\d{10,})\b|spark-app-selector -> (spark-[a-z0-9]+)/;
var DRIVER_ID = /\bdriver-\d{14}-\d{4,}\b/;
var DRIVER_POD = /\s*pod name: ((.+?)-([a-z0-9]+)-driver)\s*$/;
function noteIds(line, ids, log2) {
  if (ids.applicationId === null) {
    const match = APPLICATION_ID.exec(line);
    if (match) {
      ids.applicationId = match[1] ?? match[2];
      log2(`Identified Spark application id: ${ids.applicationId}`);
    }
  }
  if (ids.driverId === null) {
    const match = DRIVER_ID.exec(line);
    if (match) {
      ids.driverId = match[0];
      log2(`Identified Spark driver id: ${ids.driverId}`);
    }
  }
  if (ids.driverPod === null) {
    const match = DRIVER_POD.exec(line);
    if (match) {
      ids.driverPod = match[1];
      log2(`Identified Spark driver pod: ${ids.driverPod}`);
    }
  }
}
function readHostVariable(name) {
  try {
    return Deno.env.get(name);
  } catch {
    return void 0;
  }
}
function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

// providers/spark/operator.ts
var sparkSubmit = defineOperator({
  name: "SparkSubmitOperator",
  templateFields: [
    "application",
    "conf",
    "files",
    "pyFiles",
    "jars",
    "driverClassPath",
    "packages",
    "excludePackages",
    "keytab",
    "principal",
    "proxyUser",
    "name",
    "applicationArgs",
    "env",
    "propertiesFile"
  ],
  connections: (fields) => [
    fields.connId ?? "spark_default"
  ],
  permissions: (fields) => ({
    run: [
      fields.sparkBinary ?? "spark-submit",
      fields.yarnBinary ?? "yarn"
    ],
    env: [
      "PATH",
      ...fields.inheritEnv ?? []
    ]
  }),
  async execute(ctx, fields) {
    const hook = new SparkSubmitHook(ctx.connection(fields.connId ?? "spark_default"));
    const { connId: _connId, sparkBinary, yarnBinary, inheritEnv, statusPollInterval, ...options } = fields;
    return await hook.submit({
      ...options,
      name: options.name ?? `${ctx.dagId}.${ctx.taskId}`
    }, {
      log: (line) => ctx.log(line),
      signal: ctx.signal,
      sparkBinary,
      yarnBinary,
      inheritEnv,
      statusPollInterval
    });
  }
});

// providers/spark/mod.ts
var PROVIDER_NAME4 = "@updraft/spark";

// providers/sql/mod.ts
var mod_exports6 = {};
__export(mod_exports6, {
  DEFAULT_MAX_ROWS: () => DEFAULT_MAX_ROWS,
  MySqlHook: () => MySqlHook,
  PROVIDER_NAME: () => PROVIDER_NAME5,
  PostgresHook: () => PostgresHook,
  SqlError: () => SqlError,
  SqlHook: () => SqlHook,
  SqliteHook: () => SqliteHook,
  isSqlConnectionType: () => isSqlConnectionType,
  splitStatements: () => splitStatements,
  sqlColumnCheck: () => sqlColumnCheck,
  sqlHook: () => sqlHook,
  sqlQuery: () => sqlQuery,
  sqlSensor: () => sqlSensor,
  sqlTableCheck: () => sqlTableCheck,
  testConnection: () => testConnection3
});

// providers/sql/errors.ts
var SqlError = class extends Error {
  connId;
  target;
  reason;
  /**
   * @param connId the connection's id
   * @param target `postgres at db.internal:5432`, `sqlite at /data/app.db`, …
   * @param reason what failed, with the driver's message
   */
  constructor(connId, target, reason, options) {
    super(`connection "${connId}" (${target}): ${reason}`, options), this.connId = connId, this.target = target, this.reason = reason;
    this.name = "SqlError";
  }
};
function driverMessage(error, secret) {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && message === "") message = error.name;
  const code = error?.code;
  if (typeof code === "string" && code !== "" && !message.includes(code)) {
    message = `${message} (${code})`;
  }
  return secret ? message.replaceAll(secret, "***") : message;
}
function statementExcerpt(statement, length = 200) {
  const line = statement.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length)}\u2026` : line;
}

// providers/sql/_insert.ts
var PARAMETER_LIMITS = {
  sqlite: 32766,
  postgres: 65535,
  mysql: 65535
};
var SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;
var QUOTES = {
  sqlite: '"',
  postgres: '"',
  mysql: "`"
};
function insertBatches(dialect, table, rows, options = {}) {
  const batchSize = options.batchSize ?? 1e3;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  }
  if (typeof table !== "string" || table.trim() === "") {
    throw new Error("table must be a table name");
  }
  if (rows.length === 0) return [];
  const objects = !Array.isArray(rows[0]);
  const columns = options.columns ?? (objects ? Object.keys(rows[0]) : null);
  if (columns !== null && columns.length === 0) throw new Error("columns must not be empty");
  const width = columns?.length ?? rows[0].length;
  const values = rows.map((row, index) => rowValues(row, index, objects, columns, width));
  const prefix = insertPrefix(dialect, table, columns, options);
  const suffix = conflictClause(dialect, columns, options);
  const perStatement = Math.max(1, Math.floor(PARAMETER_LIMITS[dialect] / Math.max(width, 1)));
  const batches = [];
  for (let start = 0; start < values.length; start += batchSize) {
    const batch = values.slice(start, start + batchSize);
    const statements = [];
    for (let offset = 0; offset < batch.length; offset += perStatement) {
      const chunk = batch.slice(offset, offset + perStatement);
      statements.push({
        sql: `${prefix} VALUES ${valueLists(dialect, chunk.length, width)}${suffix}`,
        parameters: chunk.flat(),
        rowCount: chunk.length
      });
    }
    batches.push(statements);
  }
  return batches;
}
function quoteName(name, dialect) {
  if (name.split(".").every((part) => SIMPLE_NAME.test(part))) return name;
  if (/^["`[]/.test(name)) return name;
  const quote2 = QUOTES[dialect];
  return `${quote2}${name.replaceAll(quote2, quote2 + quote2)}${quote2}`;
}
function rowValues(row, index, objects, columns, width) {
  if (Array.isArray(row) !== !objects || row === null || typeof row !== "object") {
    throw new Error(`row ${index + 1}: rows must all be lists or all be objects`);
  }
  if (objects) {
    const record = row;
    return columns.map((column) => record[column] ?? null);
  }
  const list = row;
  if (list.length !== width) {
    throw new Error(`row ${index + 1} has ${list.length} values, expected ${width}`);
  }
  return [
    ...list
  ];
}
function insertPrefix(dialect, table, columns, options) {
  const keys = options.keyColumns ?? [];
  let verb = "INSERT INTO";
  if (options.replace && keys.length === 0) {
    if (dialect === "postgres") {
      throw new Error("replace on PostgreSQL needs keyColumns (the unique key to upsert on)");
    }
    verb = dialect === "sqlite" ? "INSERT OR REPLACE INTO" : "REPLACE INTO";
  }
  const list = columns ? ` (${columns.map((column) => quoteName(column, dialect)).join(", ")})` : "";
  return `${verb} ${quoteName(table, dialect)}${list}`;
}
function conflictClause(dialect, columns, options) {
  const keys = options.keyColumns ?? [];
  if (keys.length === 0) return "";
  if (!columns) throw new Error("keyColumns needs columns (or rows given as objects)");
  const missing = keys.filter((key) => !columns.includes(key));
  if (missing.length > 0) {
    throw new Error(`keyColumns ${missing.join(", ")} not among the columns inserted`);
  }
  const quoted = (name) => quoteName(name, dialect);
  const updated = columns.filter((column) => !keys.includes(column));
  if (dialect === "mysql") {
    const targets = updated.length > 0 ? updated : [
      keys[0]
    ];
    const sets2 = targets.map((column) => `${quoted(column)} = VALUES(${quoted(column)})`);
    return ` ON DUPLICATE KEY UPDATE ${sets2.join(", ")}`;
  }
  const target = `ON CONFLICT (${keys.map(quoted).join(", ")})`;
  if (updated.length === 0) return ` ${target} DO NOTHING`;
  const sets = updated.map((column) => `${quoted(column)} = excluded.${quoted(column)}`);
  return ` ${target} DO UPDATE SET ${sets.join(", ")}`;
}
function valueLists(dialect, rows, width) {
  const lists = [];
  let number = 1;
  for (let row = 0; row < rows; row++) {
    const marks = [];
    for (let column = 0; column < width; column++) {
      marks.push(dialect === "postgres" ? `$${number++}` : "?");
    }
    lists.push(`(${marks.join(", ")})`);
  }
  return lists.join(", ");
}

// providers/sql/split_statements.ts
function splitStatements(script2, dialect) {
  const statements = [];
  let start = 0;
  let meaningful = false;
  let index = 0;
  const push = (end) => {
    if (meaningful) statements.push(script2.slice(start, end).trim());
    start = end + 1;
    meaningful = false;
  };
  while (index < script2.length) {
    const char = script2[index];
    const next = script2[index + 1];
    if (char === ";") {
      push(index);
      index++;
    } else if (char === "-" && next === "-" || char === "#" && dialect === "mysql") {
      index = lineEnd(script2, index);
    } else if (char === "/" && next === "*") {
      const end = script2.indexOf("*/", index + 2);
      index = end === -1 ? script2.length : end + 2;
    } else if (char === "'" || char === '"' || char === "`") {
      meaningful = true;
      index = quotedEnd(script2, index, dialect === "mysql" && char !== "`");
    } else if (char === "$" && dialect === "postgres" && dollarTag(script2, index) !== null) {
      meaningful = true;
      const tag = dollarTag(script2, index);
      const end = script2.indexOf(tag, index + tag.length);
      index = end === -1 ? script2.length : end + tag.length;
    } else {
      if (!/\s/.test(char)) meaningful = true;
      index++;
    }
  }
  push(script2.length);
  return statements;
}
function lineEnd(script2, index) {
  const end = script2.indexOf("\n", index);
  return end === -1 ? script2.length : end + 1;
}
function quotedEnd(script2, index, backslashEscapes) {
  const quote2 = script2[index];
  let position = index + 1;
  while (position < script2.length) {
    const char = script2[position];
    if (backslashEscapes && char === "\\") {
      position += 2;
    } else if (char === quote2 && script2[position + 1] === quote2) {
      position += 2;
    } else if (char === quote2) {
      return position + 1;
    } else {
      position++;
    }
  }
  return script2.length;
}
function dollarTag(script2, index) {
  const match = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(script2.slice(index, index + 64));
  if (!match) return null;
  if (index > 0 && /[A-Za-z0-9_$]/.test(script2[index - 1])) return null;
  return match[0];
}

// providers/sql/hook.ts
var SqlHook = class {
  connection;
  options;
  #opened;
  #closed;
  /** `connection` as `ctx.connection(id)` returns it. */
  constructor(connection, options = {}) {
    this.connection = connection;
    this.options = options;
    this.#opened = null;
    this.#closed = false;
    options.signal?.addEventListener("abort", () => void this.close(), {
      once: true
    });
  }
  /**
   * Run a script (split into statements) or a list of statements; returns each statement's
   * result. Several statements share one transaction unless `autocommit` is set.
   *
   * @example
   * ```ts
   * import { type SqlHook } from "@updraft/sql";
   * declare const hook: SqlHook;
   *
   * await hook.run("CREATE TABLE t (a int); INSERT INTO t VALUES (1)");
   * await hook.run(["DELETE FROM t WHERE a = ?"], { parameters: [1] });
   * ```
   */
  async run(sql, options = {}) {
    const statements = this.statements(sql, options.splitStatements ?? true);
    await this.connect();
    const inTransaction = !options.autocommit && statements.length > 1;
    if (inTransaction) await this.step("begin");
    const results = [];
    try {
      for (const [index, statement] of statements.entries()) {
        results.push(await this.executeNamed(statement, options.parameters, {
          index,
          count: statements.length
        }));
      }
    } catch (error) {
      if (inTransaction) await this.step("rollback").catch(() => {
      });
      throw error;
    }
    if (inTransaction) await this.step("commit");
    return results;
  }
  /** The rows of the (last) statement of `sql`, each a list of values in column order. */
  async getRecords(sql, parameters) {
    const results = await this.run(sql, {
      parameters
    });
    return results.at(-1)?.rows ?? [];
  }
  /** The first row of the (last) statement of `sql`, or null when it returned none. */
  async getFirst(sql, parameters) {
    return (await this.getRecords(sql, parameters))[0] ?? null;
  }
  /**
   * Insert rows (lists in column order, or objects by column name) with multi-row INSERTs,
   * committing every `batchSize` rows; optionally replacing or upserting on a key. Returns the
   * number of rows given.
   *
   * @example
   * ```ts
   * import { type SqlHook } from "@updraft/sql";
   * declare const hook: SqlHook;
   *
   * await hook.insertRows("users", [{ id: 1, name: "Ada" }], { keyColumns: ["id"] });
   * ```
   */
  async insertRows(table, rows, options = {}) {
    let batches;
    try {
      batches = insertBatches(this.dialect, table, rows, options);
    } catch (error) {
      throw this.fail(`cannot insert into ${table}: ${error.message}`);
    }
    await this.connect();
    let inserted = 0;
    for (const statements of batches) {
      await this.step("begin");
      try {
        for (const statement of statements) {
          await this.executeNamed(statement.sql, statement.parameters, {
            table
          });
          inserted += statement.rowCount;
        }
      } catch (error) {
        await this.step("rollback").catch(() => {
        });
        throw error;
      }
      await this.step("commit");
    }
    return inserted;
  }
  /** Close the connection; a later call opens a new one. Safe to call twice. */
  async close() {
    const opened = this.#opened;
    this.#opened = null;
    this.#closed = true;
    if (!opened) return;
    try {
      await opened;
    } catch {
      return;
    }
    await this.release().catch(() => {
    });
  }
  /** An error naming this connection and `reason`. */
  fail(reason, cause) {
    return new SqlError(this.connection.connId, this.target, reason, {
      cause
    });
  }
  /** The driver's message for `error`, without the password. */
  message(error) {
    return driverMessage(error, this.connection.password);
  }
  async connect() {
    if (this.options.signal?.aborted) throw this.fail("cancelled before connecting");
    this.#closed = false;
    this.#opened ??= this.open().catch((error) => {
      this.#opened = null;
      throw error instanceof SqlError ? error : this.fail(`cannot connect: ${this.message(error)}`, error);
    });
    await this.#opened;
  }
  statements(sql, split) {
    const list = typeof sql === "string" ? split ? splitStatements(sql, this.dialect) : [
      sql
    ] : [
      ...sql
    ];
    if (list.length === 0 || list.some((statement) => typeof statement !== "string")) {
      throw this.fail("no SQL statement to run: sql must be a statement or a list of statements");
    }
    return list;
  }
  async step(step) {
    try {
      await this.transaction(step);
    } catch (error) {
      throw this.fail(`${step} failed: ${this.message(error)}`, error);
    }
  }
  async executeNamed(statement, parameters, place) {
    try {
      return await this.execute(statement, parameters);
    } catch (error) {
      if (this.#closed && this.options.signal?.aborted) throw this.fail("cancelled", error);
      const which = place.table !== void 0 ? `insert into ${place.table}` : place.count > 1 ? `statement ${place.index + 1} of ${place.count}` : "statement";
      throw this.fail(`${which} failed: ${this.message(error)} [${statementExcerpt(statement)}]`, error);
    }
  }
};

// providers/sql/_values.ts
function fromDriver(value) {
  if (value === null || value === void 0) return null;
  if (typeof value === "bigint") return exactInteger(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (Array.isArray(value)) return value.map(fromDriver);
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [
      key,
      fromDriver(item)
    ]));
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") {
    return value;
  }
  return String(value);
}
function exactInteger(value) {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : String(value);
}
function toScalarParameter(value, booleansAsNumbers) {
  if (typeof value === "boolean" && booleansAsNumbers) return value ? 1 : 0;
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return JSON.stringify(value);
  }
  return value;
}

// providers/sql/_environment.ts
import process from "node:process";
function forgivingEnvironment(real2) {
  return new Proxy({}, {
    get(_target, name) {
      if (typeof name !== "string") return void 0;
      try {
        return real2[name];
      } catch {
        return void 0;
      }
    },
    has(_target, name) {
      try {
        return name in real2;
      } catch {
        return false;
      }
    }
  });
}
var depth = 0;
var real = process.env;
async function withForgivingEnvironment(body) {
  if (depth++ === 0) {
    real = process.env;
    process.env = forgivingEnvironment(real);
  }
  try {
    return await body();
  } finally {
    if (--depth === 0) process.env = real;
  }
}

// providers/sql/mysql_hook.ts
var DEFAULT_PORT = 3306;
var DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
var MySqlHook = class extends SqlHook {
  dialect = "mysql";
  #connection = null;
  get target() {
    return `mysql at ${this.connection.host ?? "(no host)"}:${this.connection.port ?? DEFAULT_PORT}`;
  }
  async open() {
    const { host, port, login, password, schema, extra } = this.connection;
    if (!host) throw this.fail("cannot connect: the connection has no host");
    const mysql = await withForgivingEnvironment(() => import("mysql2/promise"));
    const options = {
      host,
      port: port ?? DEFAULT_PORT,
      user: login ?? void 0,
      password: password ?? void 0,
      database: schema || void 0,
      connectTimeout: Number(extra.connect_timeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS) * 1e3,
      // Exact values: dates as the server writes them, big integers as text.
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: false,
      timezone: "Z"
    };
    if (typeof extra.charset === "string") options.charset = extra.charset;
    if (extra.ssl === true || extra.ssl === "true") options.ssl = {};
    else if (extra.ssl && typeof extra.ssl === "object") options.ssl = extra.ssl;
    this.#connection = await withForgivingEnvironment(() => mysql.createConnection(options));
  }
  async execute(sql, parameters) {
    const named = parameters !== void 0 && !Array.isArray(parameters);
    const values = parameters === void 0 ? void 0 : Array.isArray(parameters) ? parameters.map((value) => toScalarParameter(value, false)) : Object.fromEntries(Object.entries(parameters).map(([name, value]) => [
      name,
      toScalarParameter(value, false)
    ]));
    const [result, fields] = await this.#connection.query({
      sql,
      rowsAsArray: true,
      namedPlaceholders: named
    }, values);
    if (!Array.isArray(result)) {
      const header = result;
      return {
        columns: [],
        rows: [],
        rowCount: header.affectedRows ?? 0,
        returnsRows: false
      };
    }
    const columns = (fields ?? []).map((field) => field.name);
    const rows = result.map((row) => row.map(fromDriver));
    return {
      columns,
      rows,
      rowCount: rows.length,
      returnsRows: true
    };
  }
  async transaction(step) {
    const connection = this.#connection;
    if (step === "begin") await connection.beginTransaction();
    else if (step === "commit") await connection.commit();
    else await connection.rollback();
  }
  async release() {
    const connection = this.#connection;
    this.#connection = null;
    if (!connection) return;
    if (this.options.signal?.aborted) connection.destroy();
    else await connection.end().catch(() => connection.destroy());
  }
};

// providers/sql/postgres_hook.ts
var DEFAULT_PORT2 = 5432;
var DEFAULT_CONNECT_TIMEOUT_SECONDS2 = 10;
var TEXT_TYPES = [
  1082,
  1083,
  1114,
  1184,
  1266,
  1186
];
var PostgresHook = class extends SqlHook {
  dialect = "postgres";
  #pool = null;
  #connection = null;
  get target() {
    return `postgres at ${this.connection.host ?? "(no host)"}:${this.connection.port ?? DEFAULT_PORT2}`;
  }
  async open() {
    const { host, port, login, password, schema, extra } = this.connection;
    if (!host) throw this.fail("cannot connect: the connection has no host");
    const { default: postgres } = await withForgivingEnvironment(() => import("postgres"));
    const log2 = this.options.log;
    const pool = await withForgivingEnvironment(() => postgres({
      host,
      port: port ?? DEFAULT_PORT2,
      user: login ?? "",
      password: password ?? "",
      database: schema || void 0,
      max: 1,
      ssl: sslOption(extra.sslmode),
      connect_timeout: Number(extra.connect_timeout ?? DEFAULT_CONNECT_TIMEOUT_SECONDS2),
      idle_timeout: 0,
      prepare: false,
      connection: {
        application_name: String(extra.application_name ?? "updraft")
      },
      target_session_attrs: extra.target_session_attrs,
      onnotice: (notice) => log2?.(`${notice.severity ?? "NOTICE"}: ${notice.message}`),
      types: {
        exactBigint: {
          to: 20,
          from: [
            20
          ],
          serialize: (value) => String(value),
          parse: (text3) => exactInteger(text3)
        },
        datesAsText: {
          to: 1184,
          from: TEXT_TYPES,
          serialize: (value) => value instanceof Date ? value.toISOString() : String(value),
          parse: (text3) => text3
        }
      }
    }));
    this.#pool = pool;
    try {
      this.#connection = await pool.reserve();
      await this.#connection.unsafe("SELECT 1").values();
    } catch (error) {
      this.#connection = null;
      this.#pool = null;
      await pool.end({
        timeout: 0
      }).catch(() => {
      });
      throw error;
    }
  }
  async execute(sql, parameters) {
    if (parameters !== void 0 && !Array.isArray(parameters)) {
      throw new Error("PostgreSQL takes positional parameters ($1, $2, \u2026) as a list");
    }
    const result = await this.#connection.unsafe(sql, parameters).values();
    const last = Array.isArray(result[0]) && "columns" in result[0] ? result.at(-1) : result;
    const columns = (last.columns ?? []).map((column) => column.name);
    const rows = last.map((row) => row.map(fromDriver));
    return {
      columns,
      rows,
      rowCount: columns.length > 0 ? rows.length : Number(last.count ?? 0),
      returnsRows: columns.length > 0
    };
  }
  async transaction(step) {
    await this.#connection.unsafe(step.toUpperCase());
  }
  async release() {
    const pool = this.#pool;
    this.#connection?.release();
    this.#connection = null;
    this.#pool = null;
    await pool?.end({
      timeout: 0
    });
  }
};
function sslOption(mode) {
  switch (mode) {
    case void 0:
    case null:
    case "disable":
      return false;
    case "allow":
    case "prefer":
    case "require":
      return mode;
    case "verify-ca":
    case "verify-full":
      return "verify-full";
    default:
      throw new Error(`extra.sslmode "${String(mode)}" is not one of disable, allow, prefer, require, verify-ca, verify-full`);
  }
}

// providers/sql/sqlite_hook.ts
var BUSY_TIMEOUT_MS = 5e3;
var SqliteHook = class extends SqlHook {
  dialect = "sqlite";
  #database = null;
  /** The database file's path. */
  get path() {
    return this.connection.host || this.connection.schema || "";
  }
  get target() {
    return `sqlite at ${this.path || "(no file)"}`;
  }
  async open() {
    if (!this.path) {
      throw this.fail("cannot open: the connection has no database file (set its host to a path)");
    }
    const { DatabaseSync } = await import("node:sqlite");
    try {
      const database = new DatabaseSync(this.path);
      database.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.#database = database;
    } catch (error) {
      throw this.fail(`cannot open the database file: ${this.message(error)}`, error);
    }
  }
  execute(sql, parameters) {
    const database = this.#database;
    const statement = database.prepare(sql);
    statement.setReadBigInts(true);
    const columns = statement.columns().map((column) => column.name);
    const bound = bindable(parameters);
    if (columns.length === 0) {
      if (parameters === void 0) {
        const before = database.prepare("SELECT total_changes()").get();
        database.exec(sql);
        const after = database.prepare("SELECT total_changes()").get();
        const changed = Number(Object.values(after)[0]) - Number(Object.values(before)[0]);
        return Promise.resolve({
          columns,
          rows: [],
          rowCount: changed,
          returnsRows: false
        });
      }
      const outcome = Array.isArray(bound) ? statement.run(...bound) : statement.run(bound);
      return Promise.resolve({
        columns,
        rows: [],
        rowCount: Number(outcome.changes),
        returnsRows: false
      });
    }
    statement.setReturnArrays(true);
    const raw = Array.isArray(bound) ? statement.all(...bound) : statement.all(bound);
    const rows = raw.map((row) => row.map(fromDriver));
    return Promise.resolve({
      columns,
      rows,
      rowCount: rows.length,
      returnsRows: true
    });
  }
  transaction(step) {
    this.#database.exec(step === "begin" ? "BEGIN" : step === "commit" ? "COMMIT" : "ROLLBACK");
    return Promise.resolve();
  }
  release() {
    const database = this.#database;
    this.#database = null;
    if (database?.isOpen) database.close();
    return Promise.resolve();
  }
};
function bindable(parameters) {
  const convert = (value) => toScalarParameter(value, true);
  if (parameters === void 0 || parameters === null) return [];
  if (Array.isArray(parameters)) return parameters.map(convert);
  return Object.fromEntries(Object.entries(parameters).map(([name, value]) => [
    name,
    convert(value)
  ]));
}

// providers/sql/connect.ts
var HOOKS = {
  sqlite: SqliteHook,
  postgres: PostgresHook,
  postgresql: PostgresHook,
  mysql: MySqlHook,
  mariadb: MySqlHook
};
function sqlHook(connection, options = {}) {
  const type = String(connection?.connType ?? "").toLowerCase().replaceAll("-", "_");
  const Hook = Object.hasOwn(HOOKS, type) ? HOOKS[type] : void 0;
  if (!Hook) {
    throw new SqlError(connection?.connId ?? "?", type || "no type", `connection type "${type}" is not a SQL database; use sqlite, postgres or mysql`);
  }
  return new Hook(connection, options);
}
function isSqlConnectionType(connType) {
  return Object.hasOwn(HOOKS, connType.toLowerCase().replaceAll("-", "_"));
}

// providers/sql/test_connection.ts
async function testConnection3(connection) {
  let hook;
  try {
    hook = sqlHook(connection);
    await hook.getFirst("SELECT 1");
    return {
      status: true,
      message: `Connection successfully tested (${hook.target})`
    };
  } catch (error) {
    return {
      status: false,
      message: error instanceof Error ? error.message : String(error)
    };
  } finally {
    await hook?.close();
  }
}

// providers/sql/_fields.ts
var FieldChecker = class {
  operator;
  options;
  constructor(operator4, options) {
    this.operator = operator4;
    this.options = options;
  }
  /** An error about `field`. */
  error(field, message) {
    const taskId = typeof this.options.id === "string" ? this.options.id : void 0;
    const where2 = taskId === void 0 ? this.operator : `task "${taskId}"`;
    return new DefinitionError(`${where2}, ${field}: ${message}`, {
      taskId,
      field
    });
  }
  /** `connId` must be a non-empty literal (connections are resolved from it when parsed). */
  connId(value) {
    if (typeof value !== "string" || value.trim() === "") {
      throw this.error("connId", "needs the id of a sqlite, postgres or mysql connection");
    }
  }
  /** A string, or (when `list`) a non-empty list of strings. */
  text(field, value, { list = false, optional = false } = {}) {
    if (value === void 0 && optional) return;
    if (typeof value === "string" && value.trim() !== "") return;
    if (list && Array.isArray(value) && value.length > 0) {
      if (value.every((item) => typeof item === "string" && item.trim() !== "")) return;
    }
    throw this.error(field, list ? "needs SQL text or a non-empty list of statements" : "needs non-empty text");
  }
  /** An integer at least `minimum`, when given. */
  integer(field, value, minimum) {
    if (value === void 0) return;
    if (typeof value !== "number" || !Number.isInteger(value) || value < minimum) {
      throw this.error(field, `must be an integer of at least ${minimum}, got ${show3(value)}`);
    }
  }
  /** A boolean, when given. */
  boolean(field, value) {
    if (value !== void 0 && typeof value !== "boolean") {
      throw this.error(field, `must be true or false, got ${show3(value)}`);
    }
  }
  /** A list or an object of JSON scalars, when given. */
  parameters(value) {
    if (value === void 0) return;
    const scalars = (items) => items.every((item) => item === null || [
      "string",
      "number",
      "boolean"
    ].includes(typeof item));
    if (Array.isArray(value) ? scalars(value) : isObject(value) && scalars(Object.values(value))) {
      return;
    }
    throw this.error("parameters", "must be a list or an object of strings, numbers, booleans");
  }
};
function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
function show3(value) {
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value) ?? String(value);
}

// providers/sql/_json_rows.ts
function rowsAsJson(result, shape) {
  const rows = result.rows.map((row) => row.map(jsonValue));
  if (shape === "lists") return rows;
  return rows.map((row) => Object.fromEntries(result.columns.map((name, index) => [
    name,
    row[index]
  ])));
}
function jsonValue(value) {
  if (value instanceof Uint8Array) return base642(value);
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [
      key,
      jsonValue(item)
    ]));
  }
  return value;
}
function base642(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

// providers/sql/query_operator.ts
var DEFAULT_MAX_ROWS = 1e3;
var operator = defineOperator({
  name: "SQLExecuteQueryOperator",
  templateFields: [
    "sql",
    "parameters"
  ],
  connections: (fields) => [
    fields.connId
  ],
  execute: executeQuery
});
async function executeQuery(ctx, fields) {
  const hook = sqlHook(ctx.connection(fields.connId), {
    log: ctx.log,
    signal: ctx.signal
  });
  const maxRows = fields.maxRows ?? DEFAULT_MAX_ROWS;
  const returnLast = fields.returnLast ?? true;
  try {
    ctx.log(`Running SQL on ${hook.target} (connection "${fields.connId}")`);
    const results = await hook.run(fields.sql, {
      parameters: fields.parameters,
      autocommit: fields.autocommit ?? false,
      splitStatements: fields.splitStatements ?? true
    });
    for (const [index, result] of results.entries()) {
      ctx.log(`statement ${index + 1} of ${results.length}: ` + (result.returnsRows ? `${result.rowCount} rows returned` : `${result.rowCount} rows affected`));
    }
    const returned = returnLast ? [
      results.length - 1
    ] : results.map((_, index) => index);
    for (const index of returned) checkRowLimit(results[index], index, results.length, maxRows);
    const shape = (result) => result.returnsRows ? rowsAsJson(result, fields.rowsAs ?? "lists") : null;
    return returnLast ? shape(results[results.length - 1]) : results.map(shape);
  } finally {
    await hook.close();
  }
}
function checkRowLimit(result, index, count, maxRows) {
  if (!result.returnsRows || result.rows.length <= maxRows) return;
  const which = count > 1 ? `statement ${index + 1} of ${count}` : "the query";
  throw new FailTask(`${which} returned ${result.rows.length} rows, more than maxRows (${maxRows}) allows in the XCom; select fewer rows (LIMIT, aggregate) or raise maxRows`);
}
var sqlQuery = (options) => {
  const check = new FieldChecker("sqlQuery", options);
  check.connId(options.connId);
  check.text("sql", options.sql, {
    list: true
  });
  if (typeof options.sql === "string" && /^[^\s;]+\.sql$/i.test(options.sql.trim())) {
    throw check.error("sql", `"${options.sql}" looks like a file name; tasks cannot read the DAG folder, so import the file's text in the DAG file (import query from "./${options.sql}" with { type: "text" }) and pass it as sql`);
  }
  check.parameters(options.parameters);
  check.boolean("autocommit", options.autocommit);
  check.boolean("splitStatements", options.splitStatements);
  check.boolean("returnLast", options.returnLast);
  check.integer("maxRows", options.maxRows, 0);
  if (options.rowsAs !== void 0 && options.rowsAs !== "lists" && options.rowsAs !== "objects") {
    throw check.error("rowsAs", `must be "lists" or "objects", got "${options.rowsAs}"`);
  }
  return operator(options);
};

// providers/sql/_comparisons.ts
var ALIASES = {
  equal_to: "equal_to",
  equalTo: "equal_to",
  greater_than: "greater_than",
  greaterThan: "greater_than",
  less_than: "less_than",
  lessThan: "less_than",
  geq_to: "geq_to",
  geqTo: "geq_to",
  leq_to: "leq_to",
  leqTo: "leq_to",
  tolerance: "tolerance"
};
function readComparison(value) {
  if (!isObject(value)) return `must be an object such as { "equal_to": 0 }, got ${show3(value)}`;
  const bounds = {};
  let tolerance = null;
  for (const [key, bound] of Object.entries(value)) {
    const name = ALIASES[key];
    if (name === void 0) {
      return `unknown comparison "${key}" (use equal_to, greater_than, less_than, geq_to, leq_to, tolerance)`;
    }
    if (name === "tolerance") {
      if (typeof bound !== "number" || !(bound >= 0)) {
        return `tolerance must be a non-negative number, got ${show3(bound)}`;
      }
      tolerance = bound;
    } else if (typeof bound === "number" || typeof bound === "string") {
      bounds[name] = bound;
    } else {
      return `${key} must be a number or text, got ${show3(bound)}`;
    }
  }
  if (Object.keys(bounds).length === 0) return "needs at least one of equal_to, greater_than, \u2026";
  if (tolerance !== null && Object.values(bounds).some((bound) => asNumber(bound) === null)) {
    return "tolerance applies to numbers only";
  }
  return {
    bounds,
    tolerance
  };
}
function satisfies(comparison, result, { nullAsZero = false } = {}) {
  const value = result === null && nullAsZero ? 0 : result;
  if (value === null) return false;
  const slack = comparison.tolerance ?? 0;
  return Object.entries(comparison.bounds).every(([key, bound]) => {
    const number = asNumber(value);
    const limit = asNumber(bound);
    if (number !== null && limit !== null) {
      switch (key) {
        case "equal_to":
          return limit * (1 - slack) <= number && number <= limit * (1 + slack);
        case "greater_than":
          return number > limit * (1 - slack);
        case "geq_to":
          return number >= limit * (1 - slack);
        case "less_than":
          return number < limit * (1 + slack);
        case "leq_to":
          return number <= limit * (1 + slack);
      }
    }
    const text3 = String(value instanceof Uint8Array ? "" : value);
    const other = String(bound);
    switch (key) {
      case "equal_to":
        return text3 === other;
      case "greater_than":
        return text3 > other;
      case "geq_to":
        return text3 >= other;
      case "less_than":
        return text3 < other;
      case "leq_to":
        return text3 <= other;
    }
  });
}
function describeComparison(comparison) {
  const bounds = Object.entries(comparison.bounds).map(([key, bound]) => `${key} ${show3(bound)}`);
  const tolerance = comparison.tolerance === null ? "" : ` (tolerance ${comparison.tolerance})`;
  return `${bounds.join(", ")}${tolerance}`;
}
function asNumber(value) {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string" && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value)) {
    return Number(value);
  }
  return null;
}

// providers/sql/sensor_operator.ts
async function poke(ctx, fields, conditions) {
  const hook = sqlHook(ctx.connection(fields.connId), {
    log: ctx.log,
    signal: ctx.signal
  });
  let first;
  try {
    ctx.log(`Poking: ${fields.sql.replace(/\s+/g, " ").trim()}`);
    first = await hook.getFirst(fields.sql, fields.parameters);
  } finally {
    await hook.close();
  }
  if (first === null) {
    if (fields.failOnEmpty) throw new Error("no row returned, and failOnEmpty is set");
    return false;
  }
  const cell = first[0] ?? null;
  const shown = show3(jsonValue(cell));
  if (conditions.failure && await conditions.failure(cell, ctx)) {
    throw new Error(`failure criteria met: failure(${shown}) returned true`);
  }
  const failure2 = fields.failure ? readComparison(fields.failure) : null;
  if (failure2 !== null && typeof failure2 !== "string" && satisfies(failure2, cell)) {
    throw new Error(`failure criteria met: first cell ${shown} is ${describeComparison(failure2)}`);
  }
  const success = fields.success ? readComparison(fields.success) : null;
  const done = conditions.success ? Boolean(await conditions.success(cell, ctx)) : success !== null && typeof success !== "string" ? satisfies(success, cell) : truthy(cell);
  if (!done) return false;
  ctx.log(`Success criteria met: first cell ${shown}`);
  return {
    done: true,
    xcomValue: jsonValue(cell)
  };
}
function truthy(cell) {
  const number = asNumber(cell);
  if (number !== null) return number !== 0;
  if (cell instanceof Uint8Array || typeof cell === "string") return cell.length > 0;
  if (Array.isArray(cell)) return cell.length > 0;
  if (cell !== null && typeof cell === "object") return Object.keys(cell).length > 0;
  return Boolean(cell);
}
function sqlSensor(options) {
  const { success, failure: failure2, ...rest } = options ?? {};
  const check = new FieldChecker("sqlSensor", rest);
  check.connId(rest.connId);
  check.text("sql", rest.sql);
  check.parameters(rest.parameters);
  check.boolean("failOnEmpty", rest.failOnEmpty);
  const conditions = {};
  const fields = {};
  for (const [field, condition] of [
    [
      "success",
      success
    ],
    [
      "failure",
      failure2
    ]
  ]) {
    if (condition === void 0) continue;
    if (typeof condition === "function") {
      conditions[field] = condition;
      continue;
    }
    const read = readComparison(condition);
    if (typeof read === "string") throw check.error(field, read);
    fields[field] = condition;
  }
  const builder = defineSensor({
    name: "SqlSensor",
    templateFields: [
      "sql",
      "parameters"
    ],
    connections: (given) => [
      given.connId
    ],
    poke: (ctx, given) => poke(ctx, given, conditions)
  });
  return builder({
    ...rest,
    ...fields
  });
}

// providers/sql/_partition.ts
function whereClause(...clauses) {
  const conditions = clauses.map((clause) => clause?.trim().replace(/^where\s+/i, "") ?? "").filter((clause) => clause !== "");
  return conditions.length === 0 ? "" : ` WHERE ${conditions.map((condition) => `(${condition})`).join(" AND ")}`;
}

// providers/sql/column_check_operator.ts
var EXPRESSIONS = {
  null_check: (column) => `SUM(CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END)`,
  distinct_check: (column) => `COUNT(DISTINCT ${column})`,
  unique_check: (column) => `COUNT(${column}) - COUNT(DISTINCT ${column})`,
  min: (column) => `MIN(${column})`,
  max: (column) => `MAX(${column})`
};
var operator2 = defineOperator({
  name: "SQLColumnCheckOperator",
  templateFields: [
    "table",
    "columnMapping",
    "partitionClause"
  ],
  connections: (fields) => [
    fields.connId
  ],
  execute: runColumnChecks
});
async function runColumnChecks(ctx, fields) {
  const planned = planChecks(fields);
  const hook = sqlHook(ctx.connection(fields.connId), {
    log: ctx.log,
    signal: ctx.signal
  });
  const results = [];
  try {
    for (const [where2, checks] of Map.groupBy(planned, (check) => check.where)) {
      const row = await queryChecks(ctx, hook, fields.table, where2, checks);
      checks.forEach((check, index) => {
        const result = jsonValue(row[index] ?? null);
        results.push({
          column: check.column,
          check: check.check,
          result,
          expected: describeComparison(check.comparison),
          success: satisfies(check.comparison, result, {
            nullAsZero: fields.acceptNone ?? true
          })
        });
      });
    }
  } finally {
    await hook.close();
  }
  for (const result of results) {
    ctx.log(`${result.success ? "passed" : "FAILED"}: column ${result.column}, ${result.check}: got ${show3(result.result)}, expected ${result.expected}`);
  }
  const failed = results.filter((result) => !result.success);
  if (failed.length > 0) {
    throw new Error(`column checks on ${fields.table}: ${failed.length} of ${results.length} failed: ` + failed.map((result) => `column ${result.column} ${result.check} got ${show3(result.result)}, expected ${result.expected}`).join("; "));
  }
  return results;
}
async function queryChecks(ctx, hook, table, where2, checks) {
  const expressions = checks.map((check, index) => `${EXPRESSIONS[check.check](quoteName(check.column, hook.dialect))} AS check_${index}`);
  const sql = `SELECT ${expressions.join(", ")} FROM ${quoteName(table, hook.dialect)}${where2}`;
  ctx.log(`Running: ${sql}`);
  return await hook.getFirst(sql) ?? [];
}
function planChecks(fields) {
  const planned = [];
  for (const [column, checks] of Object.entries(fields.columnMapping)) {
    for (const [check, settings] of Object.entries(checks ?? {})) {
      const { partition_clause, partitionClause, ...bounds } = settings;
      planned.push({
        column,
        check,
        comparison: readComparison(bounds),
        where: whereClause(fields.partitionClause, partition_clause ?? partitionClause)
      });
    }
  }
  return planned;
}
var sqlColumnCheck = (options) => {
  const check = new FieldChecker("sqlColumnCheck", options);
  check.connId(options.connId);
  check.text("table", options.table);
  check.text("partitionClause", options.partitionClause, {
    optional: true
  });
  check.boolean("acceptNone", options.acceptNone);
  if (!isObject(options.columnMapping) || Object.keys(options.columnMapping).length === 0) {
    throw check.error("columnMapping", "needs at least one column with its checks");
  }
  for (const [column, checks] of Object.entries(options.columnMapping)) {
    const field = `columnMapping.${column}`;
    if (!isObject(checks) || Object.keys(checks).length === 0) {
      throw check.error(field, "needs checks such as { null_check: { equal_to: 0 } }");
    }
    for (const [name, settings] of Object.entries(checks)) {
      if (!Object.hasOwn(EXPRESSIONS, name)) {
        throw check.error(`${field}.${name}`, "unknown check (use null_check, distinct_check, unique_check, min, max)");
      }
      const { partition_clause, partitionClause, ...bounds } = settings ?? {};
      check.text(`${field}.${name}.partition_clause`, partition_clause ?? partitionClause, {
        optional: true
      });
      const read = readComparison(bounds);
      if (typeof read === "string") throw check.error(`${field}.${name}`, read);
    }
  }
  return operator2(options);
};

// providers/sql/table_check_operator.ts
var operator3 = defineOperator({
  name: "SQLTableCheckOperator",
  templateFields: [
    "table",
    "checks",
    "partitionClause"
  ],
  connections: (fields) => [
    fields.connId
  ],
  execute: runTableChecks
});
async function runTableChecks(ctx, fields) {
  const hook = sqlHook(ctx.connection(fields.connId), {
    log: ctx.log,
    signal: ctx.signal
  });
  const checks = Object.entries(fields.checks).map(([name, check]) => ({
    name,
    statement: check.check_statement ?? check.checkStatement,
    where: whereClause(fields.partitionClause, check.partition_clause ?? check.partitionClause)
  }));
  let rows;
  try {
    const table = quoteName(fields.table, hook.dialect);
    const sql = checks.map((check, index) => `SELECT ${index} AS check_index, MIN(check_value) AS check_result FROM (SELECT CASE WHEN ${check.statement} THEN 1 ELSE 0 END AS check_value FROM ${table}${check.where}) AS check_${index}`).join(" UNION ALL ");
    ctx.log(`Running: ${sql}`);
    rows = await hook.getRecords(sql);
  } finally {
    await hook.close();
  }
  const outcome = new Map(rows.map(([index, result]) => [
    asNumber(index),
    result
  ]));
  const results = checks.map((check, index) => {
    const result = outcome.get(index);
    return {
      check: check.name,
      statement: check.statement,
      success: asNumber(result) !== 0
    };
  });
  for (const result of results) {
    ctx.log(`${result.success ? "passed" : "FAILED"}: ${result.check}: ${result.statement}`);
  }
  const failed = results.filter((result) => !result.success);
  if (failed.length > 0) {
    throw new Error(`table checks on ${fields.table}: ${failed.length} of ${results.length} failed: ` + failed.map((result) => `${result.check} (${result.statement})`).join("; "));
  }
  return results;
}
var sqlTableCheck = (options) => {
  const check = new FieldChecker("sqlTableCheck", options);
  check.connId(options.connId);
  check.text("table", options.table);
  check.text("partitionClause", options.partitionClause, {
    optional: true
  });
  if (!isObject(options.checks) || Object.keys(options.checks).length === 0) {
    throw check.error("checks", 'needs at least one check, e.g. { rows: { check_statement: "COUNT(*) > 0" } }');
  }
  for (const [name, settings] of Object.entries(options.checks)) {
    if (!isObject(settings)) {
      throw check.error(`checks.${name}`, "must be an object with a check_statement");
    }
    const known = [
      "check_statement",
      "checkStatement",
      "partition_clause",
      "partitionClause"
    ];
    const unknown = Object.keys(settings).find((key) => !known.includes(key));
    if (unknown) throw check.error(`checks.${name}.${unknown}`, "unknown setting");
    check.text(`checks.${name}.check_statement`, settings.check_statement ?? settings.checkStatement);
    check.text(`checks.${name}.partition_clause`, settings.partition_clause ?? settings.partitionClause, {
      optional: true
    });
  }
  return operator3(options);
};

// providers/sql/mod.ts
var PROVIDER_NAME5 = "@updraft/sql";

// providers/installed.ts
var PROVIDER_MODULES = {
  "@updraft/email": mod_exports2,
  "@updraft/http": mod_exports3,
  "@updraft/s3": mod_exports4,
  "@updraft/spark": mod_exports5,
  "@updraft/sql": mod_exports6
};

// src/executor/sandbox_worker.ts
var post = (message) => self.postMessage(message);
var log = (line, level = "INFO") => post({
  type: "log",
  line,
  level
});
function formatArguments(args) {
  return args.map((arg) => typeof arg === "string" ? arg : Deno.inspect(arg, {
    depth: 4
  })).join(" ");
}
function redirectConsole() {
  const levels = {
    log: "INFO",
    info: "INFO",
    debug: "INFO",
    trace: "INFO",
    dir: "INFO",
    table: "INFO",
    warn: "WARNING",
    error: "ERROR"
  };
  for (const [name, level] of Object.entries(levels)) {
    Object.defineProperty(console, name, {
      value: (...args) => log(formatArguments(args), level),
      configurable: false,
      writable: false
    });
  }
}
function redirectStandardStreams() {
  const decoder2 = new TextDecoder();
  const stream = (level) => {
    const write = (bytes) => {
      const text3 = decoder2.decode(bytes).replace(/\n$/, "");
      if (text3) log(text3, level);
      return bytes.length;
    };
    return Object.freeze({
      write: (bytes) => Promise.resolve(write(bytes)),
      writeSync: write,
      writable: new WritableStream({
        write: (bytes) => void write(bytes)
      }),
      isTerminal: () => false,
      close: () => {
      }
    });
  };
  for (const [name, level] of [
    [
      "stdout",
      "INFO"
    ],
    [
      "stderr",
      "ERROR"
    ]
  ]) {
    Object.defineProperty(Deno, name, {
      value: stream(level),
      configurable: false
    });
  }
  const empty2 = Object.freeze({
    read: () => Promise.resolve(null),
    readSync: () => null,
    readable: new ReadableStream({
      start: (controller2) => controller2.close()
    }),
    isTerminal: () => false,
    setRaw: () => {
    },
    close: () => {
    }
  });
  Object.defineProperty(Deno, "stdin", {
    value: empty2,
    configurable: false
  });
}
var closeSandbox = self.close.bind(self);
function reportExits() {
  const exit = Deno.exit;
  Object.defineProperty(Deno, "exit", {
    value: (code) => {
      post({
        type: "exited",
        detail: `the task called Deno.exit(${code ?? ""})`
      });
      exit(code);
    },
    configurable: false
  });
  const close = self.close.bind(self);
  Object.defineProperty(self, "close", {
    value: () => {
      post({
        type: "exited",
        detail: "the task called close()"
      });
      close();
    },
    configurable: false
  });
}
function failure(error) {
  const denial = describePermissionDenial(error);
  if (denial !== null) {
    log(denial, "ERROR");
    return {
      type: "outcome",
      outcome: {
        status: "failed",
        error: denial,
        noRetry: false
      }
    };
  }
  return {
    type: "outcome",
    outcome: classifyTaskError(error)
  };
}
var controller = new AbortController();
var started = false;
async function run(message) {
  let moduleExports;
  try {
    moduleExports = await import(message.moduleUrl);
  } catch (error) {
    const denial = describePermissionDenial(error);
    if (denial !== null) return failure(error);
    return {
      type: "outcome",
      outcome: {
        status: "failed",
        error: `Importing the DAG file failed: ${error instanceof Error ? error.message : error}`,
        noRetry: false
      }
    };
  }
  const request = {
    dagId: message.dagId,
    taskId: message.taskId,
    context: message.context,
    renderedFields: message.renderedFields,
    xcoms: message.xcoms,
    connections: message.connections,
    signal: controller.signal
  };
  const hooks = {
    log: (line) => log(line)
  };
  try {
    if (message.mode === "task") {
      return {
        type: "result",
        result: await runTask(moduleExports, request, hooks)
      };
    }
    await runCallback(moduleExports, {
      ...request,
      kind: message.mode,
      error: message.error
    }, hooks);
    return {
      type: "result",
      result: {
        xcoms: []
      }
    };
  } catch (error) {
    return failure(error);
  }
}
self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "abort") {
    controller.abort(new DOMException(message.reason, "AbortError"));
    return;
  }
  if (message.type === "preload") {
    import(message.moduleUrl).catch(() => {
    });
    return;
  }
  if (started) return;
  started = true;
  post(await run(message));
  closeSandbox();
};
redirectConsole();
redirectStandardStreams();
reportExits();
installSdkModules(PROVIDER_MODULES);
setTrustedEvaluation(true);
post({
  type: "ready"
});
