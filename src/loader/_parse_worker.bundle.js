var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// src/loader/parse_worker.ts
import vm from "node:vm";

// src/sdk/mod.ts
var mod_exports = {};
__export(mod_exports, {
  Dag: () => Dag,
  DefinitionError: () => DefinitionError,
  FailTask: () => FailTask,
  SkipTask: () => SkipTask,
  bash: () => bash,
  branch: () => branch,
  chain: () => chain,
  crossDownstream: () => crossDownstream,
  dag: () => dag,
  defineOperator: () => defineOperator,
  empty: () => empty,
  isDag: () => isDag,
  shortCircuit: () => shortCircuit,
  task: () => task
});

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
  const text = value.trim();
  let total = 0;
  let index = 0;
  let parts = 0;
  while (index < text.length) {
    PART.lastIndex = index;
    const match = PART.exec(text);
    if (match === null) {
      throw new DefinitionError(`${where2}: invalid duration "${value}" ${HINT}`, {
        field: where2
      });
    }
    total += Number(match[1]) * UNIT_MS[match[2]];
    parts += 1;
    index = PART.lastIndex;
    while (index < text.length && /\s/.test(text[index])) index += 1;
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
  let text = "";
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
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return sign + text;
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
function isValidTimezone(name) {
  return knowsTimezone(name);
}
var DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(Z|[+-]\d{2}(?::?\d{2})?))?)?$/i;
var DATE_HINT = '(use e.g. "2024-01-01", "2024-01-01T10:00", "2024-01-01T10:00:00Z" or "2024-01-01T10:00:00+02:00")';
function parseDate(text, where2, options = {}) {
  const timezone = options.timezone ?? "UTC";
  const fail2 = (why = "") => {
    throw new DefinitionError(`${where2}: invalid date "${text}"${why} ${DATE_HINT}`, {
      field: where2
    });
  };
  const match = typeof text === "string" ? DATE_PATTERN.exec(text.trim()) : null;
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
    throw new DefinitionError(`${where2}: cannot read "${text}" in unknown timezone "${timezone}" (use an IANA name such as "UTC" or "Europe/Amsterdam")`, {
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
  const text = value.trim().replace(/\s+/g, " ");
  if (text === "@once") return {
    schedule: {
      kind: "once"
    },
    text
  };
  const preset = SCHEDULE_PRESETS[text];
  if (preset !== void 0) {
    return {
      schedule: {
        kind: "cron",
        expression: preset,
        preset: text
      },
      text
    };
  }
  if (text === "@continuous") {
    throw invalid(where2, `"@continuous" schedules are not supported`);
  }
  if (text.startsWith("@")) throw invalid(where2, `unknown preset "${value}"`);
  const fields = text === "" ? [] : text.split(" ");
  if (fields.length === 6) {
    throw invalid(where2, `cron expression "${value}" has 6 fields; seconds are not supported, use 5 fields (minute hour day-of-month month day-of-week)`);
  }
  if (fields.length !== 5) {
    const asInterval = looksLikeDuration(text) ? `; to run every ${text}, write { every: "${text}" }` : "";
    throw invalid(where2, `invalid schedule "${value}": a cron expression has 5 fields (minute hour day-of-month month day-of-week)${asInterval}`);
  }
  let cron;
  try {
    cron = new Cron(text, {
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
      expression: text
    },
    text
  };
}
function looksLikeDuration(text) {
  try {
    parseDuration(text, "");
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
function attachedCallSite(error) {
  if (typeof error !== "object" || error === null) return null;
  return error[CALL_SITE] ?? null;
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
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
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
var PERMISSION_KINDS = [
  "net",
  "read",
  "write",
  "env",
  "run"
];
function mergeDefaults(defaults, options) {
  const merged = {
    ...defaults
  };
  for (const [key, value] of Object.entries(options)) {
    if (value !== void 0) merged[key] = value;
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
  const { schedule, text } = parseField(subject, "schedule", (at) => parseSchedule(options.schedule ?? null, at));
  const startDate = dateOption(options.startDate, subject, {
    field: "startDate",
    timezone
  });
  const endDate = dateOption(options.endDate, subject, {
    field: "endDate",
    timezone
  });
  if (schedule.kind !== "none" && startDate === null) {
    fail(subject, "startDate", `the DAG is missing the start_date: schedule ${show2(text)} needs a startDate (e.g. "2024-01-01"), or use schedule: null for manual runs only`);
  }
  if (startDate !== null && endDate !== null && endDate < startDate) {
    fail(subject, "endDate", "must not be before startDate");
  }
  const dagrunTimeout = options.dagrunTimeout;
  return {
    dagId,
    description: optionalString(options.description, null, subject, "description"),
    schedule,
    scheduleText: text,
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
  collect(value, (text) => {
    for (const [pattern, group] of patterns) {
      for (const match of text.matchAll(pattern)) names.add(match[group]);
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

// src/sdk/runtime/modules.ts
var MODULES_GLOBAL = Symbol.for("updraft.modules");
function installSdkModules(extra = {}) {
  const holder = globalThis;
  const table = holder[MODULES_GLOBAL] ?? {};
  table["updraft"] = mod_exports;
  for (const [name, namespace] of Object.entries(extra)) table[name] = namespace;
  holder[MODULES_GLOBAL] = table;
}

// src/sdk/_context_data.ts
var CONTEXT_DATA = Symbol.for("updraft.contextData");

// src/sdk/runtime/run_task.ts
function exportedDags(moduleExports) {
  return [
    ...new Set(Object.values(moduleExports).filter(isDag))
  ];
}

// src/sdk/runtime/source_map.ts
var BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var DIGITS = new Map([
  ...BASE64
].map((character, value) => [
  character,
  value
]));

// src/sdk/runtime/stack.ts
var BUNDLE_SCRIPT_NAME = "updraft-bundle";

// src/sdk/runtime/definitions.ts
function collectDefinitions(moduleExports, fileloc) {
  const seen = /* @__PURE__ */ new Set();
  const definitions = [];
  for (const dag2 of exportedDags(moduleExports)) {
    if (seen.has(dag2.dagId)) {
      const error = new DefinitionError(`DAG "${dag2.dagId}", id: duplicate DAG id: the file defines two DAGs with this id`, {
        dagId: dag2.dagId,
        field: "id"
      });
      throw attachCallSite(error, dag2.callSite);
    }
    seen.add(dag2.dagId);
    definitions.push(dag2.toDefinition(fileloc));
  }
  return definitions;
}

// src/loader/_script.ts
var SCRIPT_EXPORTS_KEY = "updraft.parseExports";

// src/loader/_parse_guard.ts
var ParseGuard = class {
  #watched;
  #baseline;
  #timers = /* @__PURE__ */ new Set();
  /** Installs the timer tracking, then records the objects as they are now. */
  constructor(sharedObjects) {
    this.#trackTimers();
    this.#watched = [
      .../* @__PURE__ */ new Set([
        ...builtIns(),
        ...sharedObjects
      ])
    ];
    this.#baseline = this.#watched.map(snapshot);
  }
  /** Whether the Worker is as it was at start: nothing changed, no timer pending. */
  isClean() {
    if (this.#timers.size > 0) return false;
    return this.#watched.every((object, index) => sameSnapshot(this.#baseline[index], object));
  }
  #trackTimers() {
    const timers = this.#timers;
    const global = globalThis;
    const wrap = (name, repeats) => {
      const original = global[name];
      global[name] = (callback, ...rest) => {
        const run = typeof callback === "function" ? (...args) => {
          if (!repeats) timers.delete(id);
          return callback(...args);
        } : callback;
        const id = original(run, ...rest);
        timers.add(id);
        return id;
      };
    };
    wrap("setTimeout", false);
    wrap("setInterval", true);
    for (const name of [
      "clearTimeout",
      "clearInterval"
    ]) {
      const original = global[name];
      global[name] = (id) => {
        if (id !== void 0) timers.delete(id);
        original(id);
      };
    }
  }
};
function builtIns() {
  const objects = [
    globalThis,
    JSON,
    Math,
    Reflect,
    Atomics,
    Intl
  ];
  for (const constructor of [
    Object,
    Function,
    Array,
    String,
    Number,
    Boolean,
    Symbol,
    BigInt,
    Date,
    RegExp,
    Error,
    TypeError,
    RangeError,
    Promise,
    Map,
    Set,
    WeakMap,
    WeakSet,
    ArrayBuffer,
    Uint8Array,
    Object.getPrototypeOf(Uint8Array)
  ]) {
    objects.push(constructor, constructor.prototype);
  }
  return objects;
}
function property(object, key) {
  const descriptor = Reflect.getOwnPropertyDescriptor(object, key);
  return "value" in descriptor ? [
    descriptor.value
  ] : [
    descriptor.get,
    descriptor.set
  ];
}
function snapshot(object) {
  return new Map(Reflect.ownKeys(object).map((key) => [
    key,
    property(object, key)
  ]));
}
function sameSnapshot(before, object) {
  const keys = Reflect.ownKeys(object);
  if (keys.length !== before.size) return false;
  return keys.every((key) => {
    const was = before.get(key);
    const now = property(object, key);
    return was !== void 0 && now.length === was.length && now.every((item, index) => Object.is(item, was[index]));
  });
}

// providers/email/mod.ts
var mod_exports2 = {};
__export(mod_exports2, {
  PROVIDER_NAME: () => PROVIDER_NAME
});
var PROVIDER_NAME = "@updraft/email";

// providers/http/mod.ts
var mod_exports3 = {};
__export(mod_exports3, {
  HttpHook: () => HttpHook,
  HttpResponse: () => HttpResponse,
  HttpStatusError: () => HttpStatusError,
  PROVIDER_NAME: () => PROVIDER_NAME2,
  httpOperator: () => httpOperator,
  httpSensor: () => httpSensor
});

// providers/http/_duration.ts
var UNIT_MS2 = {
  ms: 1,
  s: 1e3,
  m: 6e4,
  h: 36e5,
  d: 864e5,
  w: 6048e5
};
var PARTS = /^(?:\s*(?:\d+(?:\.\d+)?|\.\d+)\s*(?:ms|s|m|h|d|w))+\s*$/;
var PART2 = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d|w)/g;
function durationMs(value, field) {
  if (typeof value === "number" && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === "string" && PARTS.test(value)) {
    let total = 0;
    for (const match of value.matchAll(PART2)) total += Number(match[1]) * UNIT_MS2[match[2]];
    return total;
  }
  throw new TypeError(`${field}: invalid duration ${JSON.stringify(value)} (use e.g. "30s", "5m", "1h" or a number of milliseconds)`);
}
function formatMs(ms) {
  if (ms < 1e3) return `${ms}ms`;
  if (ms < 6e4) return `${Number((ms / 1e3).toFixed(3))}s`;
  if (ms < 36e5) return `${Number((ms / 6e4).toFixed(2))}m`;
  return `${Number((ms / 36e5).toFixed(2))}h`;
}

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
    timeoutMs: typeof extra.timeout === "number" && extra.timeout > 0 ? extra.timeout * 1e3 : null,
    tlsVerify: typeof extra.verify === "boolean" || typeof extra.verify === "string" ? extra.verify : null,
    followRedirects: extra.allow_redirects !== false
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
function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
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
      rejectUnauthorized: false
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
    const timeoutMs = timeout === void 0 ? this.#target.timeoutMs : durationMs(timeout, "timeout");
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
        throw new Error(`${this.description}: ${where2} timed out after ${formatMs(timeoutMs)}`);
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
  const text = cause && !error.message.includes(cause) ? `${error.message}: ${cause}` : error.message;
  if (error.name === "NotCapable" || /Requires net access/.test(text)) {
    return `${text} (a task reaches only the hosts of its connections and its permissions.net)`;
  }
  return text;
}
function statusHint(status) {
  if (status === 401) return " (the server refused the connection's credentials)";
  if (status === 403) return " (the connection's credentials may not do this)";
  return "";
}
function bodyExcerpt(response) {
  const text = response.text().trim().replace(/\s+/g, " ");
  if (text === "") return "";
  return `: ${text.length > 300 ? `${text.slice(0, 300)}\u2026` : text}`;
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

// providers/http/_poke.ts
function pokeTiming(settings) {
  if (settings.mode !== void 0 && settings.mode !== "poke") {
    throw new TypeError(`mode: ${JSON.stringify(settings.mode)} is not supported by this sensor yet; use "poke" (the task keeps its slot between pokes)`);
  }
  return {
    pokeIntervalMs: durationMs(settings.pokeInterval ?? 6e4, "pokeInterval"),
    timeoutMs: durationMs(settings.timeout ?? 7 * 864e5, "timeout"),
    softFail: settings.softFail === true,
    exponentialBackoff: settings.exponentialBackoff === true,
    maxWaitMs: settings.maxWait === void 0 ? null : durationMs(settings.maxWait, "maxWait")
  };
}
async function pokeUntilDone(ctx, timing, poke) {
  const startedAt = Date.now();
  for (let pokes = 1; ; pokes += 1) {
    let done;
    try {
      done = await poke();
    } catch (error) {
      if (timing.softFail && isFailTask2(error)) throw new SkipTask(error.message);
      throw error;
    }
    if (done) return;
    const elapsed = Date.now() - startedAt;
    if (elapsed > timing.timeoutMs) {
      const message = `Sensor has timed out; run duration of ${formatMs(elapsed)} is more than the specified timeout of ${formatMs(timing.timeoutMs)}`;
      throw timing.softFail ? new SkipTask(message) : new FailTask(message);
    }
    const wait = await nextWait(ctx, timing, startedAt, pokes, elapsed);
    ctx.log(`Not there yet; next poke in ${formatMs(wait)}`);
    await sleep(wait, ctx.signal);
  }
}
async function nextWait(ctx, timing, startedAt, pokes, elapsed) {
  if (!timing.exponentialBackoff) return timing.pokeIntervalMs;
  const base = Math.max(1, Math.floor(timing.pokeIntervalMs / 1e3 * 2 ** (pokes - 2)));
  const seed = `${ctx.dagId}#${ctx.taskId}#${new Date(startedAt).toISOString()}#${pokes}`;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(seed)));
  const jitter = digest.slice(0, 6).reduce((total, byte) => (total * 256 + byte) % base, 0);
  let seconds = base + jitter;
  seconds = Math.max(0, Math.min(seconds, Math.floor((timing.timeoutMs - elapsed) / 1e3)));
  if (timing.maxWaitMs !== null) seconds = Math.min(seconds, timing.maxWaitMs / 1e3);
  return seconds * 1e3;
}
function isFailTask2(error) {
  return typeof error === "object" && error !== null && Symbol.for("updraft.FailTask") in error;
}
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", stop, {
      once: true
    });
  });
}

// providers/http/sensor.ts
function httpSensor(options) {
  const { responseCheck, ...rest } = options ?? {};
  checkFunction2(rest.id, "responseCheck", responseCheck);
  try {
    pokeTiming(rest);
  } catch (error) {
    throw new DefinitionError(`task ${JSON.stringify(rest.id)}, ${error.message}`, {
      taskId: typeof rest.id === "string" ? rest.id : void 0
    });
  }
  const builder = defineOperator({
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
    async execute(ctx, fields) {
      const hook = new HttpHook(ctx.connection(fields.httpConnId ?? "http_default"), {
        method: fields.method ?? "GET",
        tlsVerify: fields.tlsVerify,
        timeout: fields.requestTimeout
      });
      const expected = fields.expectedStatus === void 0 ? null : [
        fields.expectedStatus
      ].flat();
      const allowed = fields.responseErrorCodesAllowlist ?? [
        404
      ];
      const endpoint = fields.endpoint ?? "";
      await pokeUntilDone(ctx, pokeTiming(fields), async () => {
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
      });
      return null;
    }
  });
  return builder(rest);
}

// providers/http/mod.ts
var PROVIDER_NAME2 = "@updraft/http";

// providers/s3/mod.ts
var mod_exports4 = {};
__export(mod_exports4, {
  PROVIDER_NAME: () => PROVIDER_NAME3
});
var PROVIDER_NAME3 = "@updraft/s3";

// providers/spark/mod.ts
var mod_exports5 = {};
__export(mod_exports5, {
  PROVIDER_NAME: () => PROVIDER_NAME4
});
var PROVIDER_NAME4 = "@updraft/spark";

// providers/sql/mod.ts
var mod_exports6 = {};
__export(mod_exports6, {
  PROVIDER_NAME: () => PROVIDER_NAME5
});
var PROVIDER_NAME5 = "@updraft/sql";

// providers/installed.ts
var PROVIDER_MODULES = {
  "@updraft/email": mod_exports2,
  "@updraft/http": mod_exports3,
  "@updraft/s3": mod_exports4,
  "@updraft/spark": mod_exports5,
  "@updraft/sql": mod_exports6
};

// src/loader/parse_worker.ts
installSdkModules(PROVIDER_MODULES);
var exportsKey = Symbol.for(SCRIPT_EXPORTS_KEY);
self.onmessage = async (event) => {
  const request = event.data;
  let reply;
  try {
    const moduleExports = evaluateScript(request) ?? await importModule(request.url);
    reply = {
      ok: true,
      dags: collectDefinitions(moduleExports, request.fileloc)
    };
  } catch (error) {
    reply = {
      ok: false,
      error: describe2(error)
    };
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  self.postMessage({
    ...reply,
    reusable: reply.ok && guard.isClean()
  });
};
var guard = new ParseGuard(sdkObjects());
function sdkObjects() {
  const table = globalThis[MODULES_GLOBAL];
  const objects = [
    table
  ];
  for (const namespace of Object.values(table)) {
    objects.push(namespace);
    for (const value of Object.values(namespace)) {
      if (typeof value !== "function" && (typeof value !== "object" || value === null)) continue;
      objects.push(value);
      if (typeof value === "function" && value.prototype) objects.push(value.prototype);
    }
  }
  return objects;
}
function evaluateScript(request) {
  if (request.script === null) return null;
  let script;
  try {
    script = new vm.Script(request.script, {
      filename: BUNDLE_SCRIPT_NAME
    });
  } catch {
    return null;
  }
  const holder = globalThis;
  try {
    script.runInThisContext({
      timeout: request.timeoutMs,
      displayErrors: false
    });
    return holder[exportsKey] ?? {};
  } finally {
    delete holder[exportsKey];
  }
}
async function importModule(url) {
  return await import(url);
}
function describe2(error) {
  if (!(error instanceof Error)) {
    return {
      name: "Error",
      message: `threw a non-Error value: ${String(error)}`,
      stack: null
    };
  }
  return {
    name: error.name,
    message: error.message,
    stack: error.stack ?? null,
    callSite: shorten(attachedCallSite(error)),
    definition: error.name === "DefinitionError",
    timedOut: error.code === "ERR_SCRIPT_EXECUTION_TIMEOUT" || /^Script execution timed out/.test(error.message)
  };
}
function shorten(site) {
  if (!site) return void 0;
  const inBundle = site.file.startsWith("data:") || site.file === BUNDLE_SCRIPT_NAME;
  return inBundle ? {
    ...site,
    file: "bundle"
  } : site;
}
