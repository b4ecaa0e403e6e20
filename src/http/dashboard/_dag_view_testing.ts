/**
 * Test support for the DAG page: a DAG `etl` (extract → transform → load, extract → report)
 * parsed twice from different sources, with an older failed run on the first version and a
 * newer running one on the second, whose extract task was retried once.
 *
 * @module
 */

import type { DagDefinition } from "../../core/mod.ts";
import { dagDefinition, taskDefinition } from "../api/_testing.ts";
import { DashboardHarness } from "./_testing.ts";

/** The sources of the two versions of `etl.ts`. */
export const SOURCES = {
  first: "// version one of etl\nexport default dag({ id: 'etl' });\n",
  second: "// version two of etl\nexport default dag({ id: 'etl', schedule: '0 6 * * *' });\n",
};

/** The `etl` DAG's definition; `extraTask` adds a task (to make a new version). */
export function etlDefinition(extraTask?: string): DagDefinition {
  const task = (id: string, upstream: string[] = []) =>
    taskDefinition(id, { upstream, retries: 2, pool: "etl_pool" });
  return dagDefinition("etl", [
    task("extract"),
    task("transform", ["extract"]),
    task("load", ["transform"]),
    task("report", ["extract"]),
    ...(extraTask ? [task(extraTask, ["load"])] : []),
  ], {
    description: "Daily ETL",
    tags: ["team-a"],
    owner: "data-team",
    params: { limit: 10 },
    schedule: { kind: "cron", expression: "0 6 * * *" },
    scheduleText: "0 6 * * *",
    startDate: Date.parse("2024-03-01T00:00:00Z"),
  });
}

/** Record a definition as parsed from `source`. */
export async function parse(
  h: DashboardHarness,
  definition: DagDefinition,
  source: string,
): Promise<void> {
  await h.api.store.recordParsedFile({
    fileloc: definition.fileloc,
    ok: true,
    bundle: {
      bundleHash: `bundle-${h.api.clock.now()}-${source.length}`,
      fileloc: definition.fileloc,
      source,
      code: source,
    },
    dags: [definition],
  }, { now: h.api.clock.now(), pausedAtCreation: true });
}

/** A harness with `etl`, its two versions and two runs (see the module's summary). */
export async function openEtl(store: "memory" | "sqlite" = "memory"): Promise<DashboardHarness> {
  const h = await DashboardHarness.open({ store });
  const { api } = h;
  await parse(h, etlDefinition(), SOURCES.first);
  const old = await api.trigger("etl", { runId: "run_old", logicalDate: "2024-03-08T06:00:00Z" });
  await api.moveRun(old, ["running"]);
  await api.moveTask({ ...old, taskId: "extract" }, ["scheduled", "queued", "running", "success"]);
  await api.moveTask({ ...old, taskId: "report" }, ["scheduled", "queued", "running", "success"]);
  await api.moveTask({ ...old, taskId: "transform" }, ["scheduled", "queued"]);
  api.clock.advance(2_000);
  await api.moveTask({ ...old, taskId: "transform" }, ["running"]);
  api.clock.advance(8_000);
  await api.moveTask({ ...old, taskId: "transform" }, ["failed"]);
  await api.moveTask({ ...old, taskId: "load" }, ["upstream_failed"]);
  await api.moveRun(old, ["failed"]);
  api.clock.advance(60_000);
  await parse(h, etlDefinition("publish"), SOURCES.second);
  const fresh = await api.trigger("etl", {
    runId: "run_new",
    logicalDate: "2024-03-09T06:00:00Z",
  });
  await api.moveRun(fresh, ["running"]);
  const extract = { ...fresh, taskId: "extract" };
  await api.moveTask(extract, ["scheduled", "queued"]);
  api.clock.advance(5_000);
  await api.moveTask(extract, ["running"]);
  api.clock.advance(15_000);
  await api.moveTask(extract, ["up_for_retry"]);
  api.clock.advance(10_000);
  await api.moveTask(extract, ["scheduled", "queued", "running"]);
  api.clock.advance(10_000);
  await api.moveTask(extract, ["success"]);
  await api.moveTask({ ...fresh, taskId: "transform" }, ["scheduled", "queued", "running"]);
  api.clock.advance(5_000);
  return h;
}
