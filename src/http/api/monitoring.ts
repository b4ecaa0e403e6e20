/**
 * `/health` and `/version`, which need no login (facts 140, 158).
 *
 * @module
 */

import type { JobHeartbeat } from "../../core/mod.ts";
import { formatIso } from "../../core/mod.ts";
import { type ApiRouter, json } from "./_router.ts";
import type { ApiServices } from "./_services.ts";
import { HealthInfoSchema, VersionInfoSchema } from "./_small_dtos.ts";

/** Add the monitoring routes. */
export function addMonitoringRoutes(router: ApiRouter, services: ApiServices): void {
  router.add({
    method: "get",
    path: "/health",
    operationId: "get_health",
    summary: "Get the status of the metadata database and the scheduler",
    tag: "Monitoring",
    access: "public",
    response: { status: 200, description: "The status.", schema: HealthInfoSchema },
    async handle() {
      let databaseHealthy = true;
      let heartbeat: JobHeartbeat | null = null;
      try {
        heartbeat = await services.store.latestHeartbeat("scheduler");
      } catch (error) {
        console.error("GET /health: reading the scheduler heartbeat failed:", error);
        databaseHealthy = false;
      }
      const now = services.clock.now();
      const schedulerHealthy = heartbeat !== null &&
        heartbeat.heartbeatAt >= now - services.schedulerHealthyWithinMs;
      return json({
        metadatabase: { status: databaseHealthy ? "healthy" : "unhealthy" },
        scheduler: {
          status: schedulerHealthy ? "healthy" : "unhealthy",
          latest_scheduler_heartbeat: heartbeat === null ? null : formatIso(heartbeat.heartbeatAt),
        },
        triggerer: { status: null, latest_triggerer_heartbeat: null },
        dag_processor: { status: null, latest_dag_processor_heartbeat: null },
      });
    },
  });

  router.add({
    method: "get",
    path: "/version",
    operationId: "get_version",
    summary: "Get the version",
    tag: "Monitoring",
    access: "public",
    response: { status: 200, description: "The version.", schema: VersionInfoSchema },
    handle: () => json({ version: services.version, git_version: null }),
  });
}
