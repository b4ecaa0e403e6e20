/**
 * Loading what "Why is this task waiting?" looks at: the DAG, the upstream instances, the
 * previous run (for depends_on_past), the pool's and the DAG's executing instances and the
 * running runs. Only for an instance that waits; one store call per fact.
 *
 * @module
 */

import type { DagDefinition, DagRun, TaskDefinition, TaskInstance } from "../../core/mod.ts";
import type { WaitingExplanation } from "../../../ui/task_instance/mod.ts";
import type { DashboardServices } from "./_services.ts";
import { explainWaiting, notWaiting } from "./_task_instance_waiting.ts";

const MANY = 100_000;

/** The instance's waiting explanation, loading what the checks need. */
export async function loadWaiting(
  services: DashboardServices,
  loaded: {
    run: DagRun;
    instance: TaskInstance;
    definition: DagDefinition | null;
    task: TaskDefinition | null;
  },
): Promise<WaitingExplanation> {
  const { store, clock, dagDefaults } = services;
  const { run, instance, definition, task } = loaded;
  const probe = notWaiting(instance.state);
  if (probe !== null) return probe;
  if (definition === null || task === null) {
    return {
      applies: false,
      summary: "This run's DAG version has no such task, so it is never scheduled.",
      checks: [],
    };
  }
  const dagIds = [run.dagId];
  const [dag, upstream, previous, pool, poolExecuting, dagExecuting, runningRuns] = await Promise
    .all([
      store.getDag(run.dagId),
      task.upstream.length === 0
        ? Promise.resolve({ items: [] as TaskInstance[], total: 0 })
        : store
          .listTaskInstances({
            dagIds,
            runIds: [run.runId],
            taskIds: task.upstream,
            limit: MANY,
          }),
      task.dependsOnPast || task.waitForDownstream
        ? store.loadPreviousRunStates(run.dagId, run.logicalDate, {
          excludeManual: definition.catchup,
        })
        : Promise.resolve(undefined),
      store.getPool(instance.pool),
      store.listTaskInstances({
        pools: [instance.pool],
        states: ["queued", "running"],
        limit: MANY,
      }),
      store.listTaskInstances({ dagIds, states: ["queued", "running"], limit: 0 }),
      store.listDagRuns({ dagIds, states: ["running"], limit: 0 }),
    ]);
  return explainWaiting({
    now: clock.now(),
    dag: dag?.dag ?? null,
    run,
    definition,
    task,
    instance,
    upstream: upstream.items,
    previous,
    pool,
    poolSlotsUsed: poolExecuting.items.reduce((sum, entry) => sum + entry.poolSlots, 0),
    dagExecuting: dagExecuting.total,
    maxActiveTasks: definition.maxActiveTasks ?? dagDefaults.maxActiveTasks,
    runningRuns: runningRuns.total,
    maxActiveRuns: definition.maxActiveRuns ?? dagDefaults.maxActiveRuns,
  });
}
