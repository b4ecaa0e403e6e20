/**
 * Builders and helpers for the Store contract tests: definitions, parsed files, runs and task
 * instances with sensible defaults, and a test wrapper that opens and closes a fresh store.
 *
 * @module
 */

import type { DagDefinition, DagRun, ParsedFile, StateChange, TaskInstance } from "../core/mod.ts";
import { dagDefinitionWith, emptyStep, taskDefinitionWith } from "../core/mod.ts";
import type { Store } from "./store.ts";

/** Opens a fresh, empty store; the suite migrates it. */
export type OpenStore = () => Promise<Store>;

/** 2024-01-01T00:00:00Z. */
export const T0 = Date.UTC(2024, 0, 1);

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** Register one contract test that gets a fresh migrated store and closes it afterwards. */
export function contractTest(
  name: string,
  open: OpenStore,
  title: string,
  body: (store: Store) => Promise<void>,
): void {
  Deno.test(`${name}: ${title}`, async () => {
    const store = await open();
    try {
      await store.migrate();
      await body(store);
    } finally {
      await store.close();
    }
  });
}

/** A task definition with defaults. */
export const taskDefinition = taskDefinitionWith;

/** A DAG definition with defaults, a daily schedule and tasks `a → b`. */
export function dagDefinition(
  dagId: string,
  overrides: Partial<DagDefinition> = {},
): DagDefinition {
  return dagDefinitionWith(dagId, [taskDefinition("a"), taskDefinition("b", { upstream: ["a"] })], {
    schedule: { kind: "cron", expression: "0 0 * * *", preset: "@daily" },
    scheduleText: "@daily",
    startDate: T0,
    owner: "airflow",
    ...overrides,
  });
}

/** A successfully parsed file defining `dags`; the bundle hash follows `revision`. */
export function parsedFile(fileloc: string, dags: DagDefinition[], revision = "1"): ParsedFile {
  return {
    fileloc,
    ok: true,
    bundle: {
      bundleHash: `bundle-${fileloc}-${revision}`,
      fileloc,
      source: `// ${fileloc} revision ${revision}\n`,
      code: `export default ${JSON.stringify(revision)};\n`,
    },
    dags: dags.map((dag) => ({ ...dag, fileloc })),
  };
}

/** Record `dags` from `fileloc`, unpaused, and return the version hash of each, by dag id. */
export async function seedDags(
  store: Store,
  fileloc: string,
  dags: DagDefinition[],
): Promise<Record<string, string>> {
  await store.recordParsedFile(parsedFile(fileloc, dags), { now: T0, pausedAtCreation: false });
  const versions: Record<string, string> = {};
  for (const dag of dags) versions[dag.dagId] = (await store.getDag(dag.dagId))!.dag.versionHash;
  return versions;
}

/** A DAG run with defaults: scheduled, queued, one day after T0 per `day`. */
export function dagRun(
  dagId: string,
  versionHash: string,
  overrides: Partial<DagRun> & { day?: number } = {},
): DagRun {
  const { day = 0, ...rest } = overrides;
  const logicalDate = T0 + day * DAY;
  return {
    dagId,
    runId: `scheduled__${new Date(logicalDate).toISOString()}`,
    runType: "scheduled",
    state: "queued",
    logicalDate,
    dataInterval: { start: logicalDate, end: logicalDate + DAY },
    runAfter: logicalDate + DAY,
    queuedAt: logicalDate + DAY,
    startDate: null,
    endDate: null,
    conf: {},
    externalTrigger: false,
    versionHash,
    lastSchedulingDecision: null,
    clearNumber: 0,
    note: null,
    updatedAt: logicalDate + DAY,
    ...rest,
  };
}

/** A task instance of `run` with defaults (state none, unmapped). */
export function taskInstance(
  run: DagRun,
  taskId: string,
  overrides: Partial<TaskInstance> = {},
): TaskInstance {
  return {
    dagId: run.dagId,
    runId: run.runId,
    taskId,
    mapIndex: -1,
    state: null,
    tryNumber: 0,
    maxTries: 0,
    startDate: null,
    endDate: null,
    duration: null,
    queuedAt: null,
    nextAttemptAt: null,
    pool: "default_pool",
    poolSlots: 1,
    priorityWeight: 1,
    operator: "task",
    hostname: null,
    pid: null,
    executorId: null,
    renderedFields: null,
    note: null,
    updatedAt: run.updatedAt,
    ...overrides,
  };
}

/** A state change of a task instance (or of the run when `taskId` is null). */
export function stateChange(
  key: { dagId: string; runId: string; taskId: string | null; mapIndex?: number },
  from: string | null,
  to: string | null,
  at: number,
): StateChange {
  return {
    dagId: key.dagId,
    runId: key.runId,
    taskId: key.taskId,
    mapIndex: key.mapIndex ?? -1,
    tryNumber: key.taskId === null ? null : 1,
    from,
    to,
    reason: `test: ${from ?? "none"} to ${to ?? "none"}`,
    at,
  };
}

/** Insert runs with their task instances (all new) in one step. */
export async function insertRuns(
  store: Store,
  runs: DagRun[],
  instances: TaskInstance[] = [],
): Promise<void> {
  const step = emptyStep();
  step.runs = runs.map((run) => ({ run, expectedRevision: null, changes: [] }));
  step.taskInstances = instances.map((instance) => ({
    instance,
    expectedRevision: null,
    changes: [],
  }));
  const result = await store.applySchedulingStep(step);
  if (result.conflicts !== 0) throw new Error(`inserting runs: ${result.conflicts} conflicts`);
}
