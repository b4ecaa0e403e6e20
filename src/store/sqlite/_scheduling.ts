/**
 * What the scheduler reads from SQLite: the snapshot of active state, one run's state, and the
 * states of previous runs. A snapshot takes a fixed handful of queries however many runs exist.
 *
 * @module
 */

import type {
  ActiveRun,
  DagDefinition,
  DagRecord,
  PreviousRunStates,
  Revised,
  RunKey,
  SchedulingSnapshot,
  TaskInstanceState,
  XCom,
} from "../../core/mod.ts";
import { listIn, needsPreviousRun, SKIP_DECISION_KEY } from "../_store_rules.ts";
import type { SQLOutputValue } from "node:sqlite";
import type { Database, Row } from "./_database.ts";
import type { DefinitionCache } from "./_definition_cache.ts";
import { dagFromRow, poolFromRow, runFromRow, xcomFromRow } from "./_rows.ts";
import { TASK_SELECT, taskInstanceFromValues } from "./_task_rows.ts";

const ACTIVE = "state IN ('queued', 'running')";
const RUN_JOIN = "JOIN dag_runs r ON r.dag_id = t.dag_id AND r.run_id = t.run_id";

/** Everything one scheduling step reads; definitions come parsed from `cache` when they can. */
export function loadSchedulingSnapshot(
  database: Database,
  cache: DefinitionCache,
): SchedulingSnapshot {
  return database.read("loading the scheduling snapshot", () => {
    const dags = database.all("SELECT * FROM dags WHERE is_active = 1 ORDER BY dag_id")
      .map((row): Revised<DagRecord> => ({
        record: dagFromRow(row),
        revision: row.revision as number,
      }));
    const definitions: Record<string, DagDefinition> = {};
    const missing: string[] = [];
    for (
      const { version_hash: hash } of database.all<{ version_hash: string }>(
        "SELECT version_hash FROM dags WHERE is_active = 1 " +
          `UNION SELECT version_hash FROM dag_runs WHERE ${ACTIVE}`,
      )
    ) {
      const cached = cache.get(hash);
      if (cached) definitions[hash] = cached;
      else missing.push(hash);
    }
    if (missing.length > 0) {
      for (
        const row of database.all<{ version_hash: string; definition: string }>(
          "SELECT version_hash, definition FROM dag_versions " +
            "WHERE version_hash IN (SELECT value FROM json_each(?))",
          JSON.stringify(missing),
        )
      ) {
        definitions[row.version_hash] = cache.add(row.version_hash, row.definition);
      }
    }
    const activeRuns = assembleRuns(
      database.all(`SELECT * FROM dag_runs WHERE ${ACTIVE} ORDER BY dag_id, logical_date`),
      database.values(
        `SELECT ${TASK_SELECT} FROM task_instances t ${RUN_JOIN} WHERE r.${ACTIVE} ` +
          "ORDER BY t.dag_id, t.run_id, t.task_id, t.map_index",
      ),
      database.all(
        `SELECT t.* FROM xcoms t ${RUN_JOIN} WHERE r.${ACTIVE} AND t.key = ? ` +
          "ORDER BY t.dag_id, t.run_id, t.task_id, t.map_index",
        SKIP_DECISION_KEY,
      ),
    );
    attachPreviousRuns(database, activeRuns, definitions);
    const pools = database.all("SELECT * FROM pools ORDER BY name").map(poolFromRow);
    return { dags, definitions, activeRuns, pools };
  });
}

/** One run in any state with its task instances and skip decisions; null when absent. */
export function loadRunState(database: Database, key: RunKey): ActiveRun | null {
  return database.read(`loading DAG run ${key.dagId}/${key.runId}`, () => {
    const run = database.get(
      "SELECT * FROM dag_runs WHERE dag_id = ? AND run_id = ?",
      key.dagId,
      key.runId,
    );
    if (run === undefined) return null;
    const [state] = assembleRuns(
      [run],
      database.values(
        `SELECT ${TASK_SELECT} FROM task_instances t WHERE dag_id = ? AND run_id = ? ` +
          "ORDER BY task_id, map_index",
        key.dagId,
        key.runId,
      ),
      database.all(
        "SELECT * FROM xcoms WHERE dag_id = ? AND run_id = ? AND key = ? " +
          "ORDER BY task_id, map_index",
        key.dagId,
        key.runId,
        SKIP_DECISION_KEY,
      ),
    );
    return state;
  });
}

/** The latest run before `logicalDate`, optionally only non-manual ones, with task states. */
export function loadPreviousRunStates(
  database: Database,
  key: { dagId: string; logicalDate: number },
  excludeManual: boolean,
): PreviousRunStates | null {
  return database.read(`loading the run of ${key.dagId} before ${key.logicalDate}`, () => {
    const row = database.get<{ run_id: string }>(
      "SELECT run_id FROM dag_runs WHERE dag_id = ? AND logical_date < ?" +
        (excludeManual ? " AND run_type <> 'manual'" : "") +
        " ORDER BY logical_date DESC LIMIT 1",
      key.dagId,
      key.logicalDate,
    );
    if (row === undefined) return null;
    return previousStates(database, [[key.dagId, row.run_id]]).get(`${key.dagId}\0${row.run_id}`)!;
  });
}

function assembleRuns(
  runRows: Row[],
  instanceRows: SQLOutputValue[][],
  xcomRows: Row[],
): ActiveRun[] {
  const byRun = new Map<string, ActiveRun>();
  const runs = runRows.map((row): ActiveRun => {
    const state: ActiveRun = {
      run: { record: runFromRow(row), revision: row.revision as number },
      taskInstances: [],
      skipDecisions: [],
    };
    byRun.set(`${row.dag_id}\0${row.run_id}`, state);
    return state;
  });
  for (const row of instanceRows) {
    const instance = taskInstanceFromValues(row);
    byRun.get(`${row[0]}\0${row[1]}`)?.taskInstances.push(instance);
  }
  for (const row of xcomRows) {
    const xcom: XCom = xcomFromRow(row);
    byRun.get(`${row.dag_id}\0${row.run_id}`)?.skipDecisions.push(xcom);
  }
  return runs;
}

function attachPreviousRuns(
  database: Database,
  runs: ActiveRun[],
  definitions: Record<string, DagDefinition>,
): void {
  const needing = runs.filter((state) =>
    needsPreviousRun(definitions[state.run.record.versionHash])
  );
  if (needing.length === 0) return;
  const before = (manual: boolean) =>
    "(SELECT p.run_id FROM dag_runs p WHERE p.dag_id = r.dag_id AND " +
    `p.logical_date < r.logical_date${manual ? "" : " AND p.run_type <> 'manual'"} ` +
    "ORDER BY p.logical_date DESC LIMIT 1)";
  const rows = database.all<
    { dag_id: string; run_id: string; any_type: string | null; non_manual: string | null }
  >(
    `SELECT r.dag_id, r.run_id, ${before(true)} AS any_type, ${before(false)} AS non_manual ` +
      "FROM dag_runs r WHERE (r.dag_id, r.run_id) IN " +
      "(SELECT value ->> 0, value ->> 1 FROM json_each(?))",
    JSON.stringify(needing.map((state) => [state.run.record.dagId, state.run.record.runId])),
  );
  const wanted: [string, string][] = [];
  for (const row of rows) {
    if (row.any_type !== null) wanted.push([row.dag_id, row.any_type]);
    if (row.non_manual !== null) wanted.push([row.dag_id, row.non_manual]);
  }
  const states = previousStates(database, wanted);
  const byRun = new Map(rows.map((row) => [`${row.dag_id}\0${row.run_id}`, row]));
  for (const state of needing) {
    const row = byRun.get(`${state.run.record.dagId}\0${state.run.record.runId}`)!;
    state.previousRun = {
      anyType: row.any_type === null
        ? null
        : structuredClone(states.get(`${row.dag_id}\0${row.any_type}`)!),
      nonManual: row.non_manual === null
        ? null
        : structuredClone(states.get(`${row.dag_id}\0${row.non_manual}`)!),
    };
  }
}

function previousStates(database: Database, runs: [string, string][]) {
  const rows = database.values(
    "SELECT r.dag_id, r.run_id, r.logical_date, t.task_id, t.state FROM dag_runs r " +
      "LEFT JOIN task_instances t ON t.dag_id = r.dag_id AND t.run_id = r.run_id " +
      "WHERE (r.dag_id, r.run_id) IN (SELECT value ->> 0, value ->> 1 FROM json_each(?)) " +
      "ORDER BY r.dag_id, r.run_id, t.task_id, t.map_index",
    JSON.stringify(runs),
  ) as [string, string, number, string | null, TaskInstanceState][];
  const result = new Map<string, PreviousRunStates>();
  for (const [dagId, runId, logicalDate, taskId, state] of rows) {
    const key = `${dagId}\0${runId}`;
    let states = result.get(key);
    if (states === undefined) {
      states = { runId, logicalDate, states: {} };
      result.set(key, states);
    }
    if (taskId !== null) listIn(states.states, taskId).push(state);
  }
  return result;
}
