/**
 * The DAG with the details of its current version (`GET /dags/{dag_id}/details`): Airflow's
 * `DAGDetail`, the DAG object plus what only the parsed definition knows.
 *
 * @module
 */

import { z } from "zod";
import { formatIso } from "../../core/mod.ts";
import type { DagWithDefinition } from "../../store/mod.ts";
import { type DagDtoContext, DagSchema, TimeDeltaSchema, toDagDto } from "./_dag_dto.ts";
import { dumpParams, timeDelta } from "./_task_dto.ts";
import { dateTimeText, JsonObjectSchema, named, nullableDateTimeText } from "./_schemas.ts";

/** The DAGDetail object. */
export const DagDetailSchema = named(
  "DAGDetail",
  DagSchema.extend({
    timezone: z.string(),
    catchup: z.boolean(),
    orientation: z.string(),
    concurrency: z.number().int(),
    dataset_expression: z.null(),
    start_date: nullableDateTimeText(),
    end_date: nullableDateTimeText(),
    dag_run_timeout: TimeDeltaSchema.nullable(),
    doc_md: z.string().nullable(),
    params: JsonObjectSchema,
    is_paused_upon_creation: z.boolean().nullable(),
    template_search_path: z.null(),
    render_template_as_native_obj: z.boolean(),
    last_parsed: dateTimeText(),
  }),
);

/** The DAGDetail object's type. */
export type DagDetailDto = z.infer<typeof DagDetailSchema>;

/** Map a stored DAG and its current definition to the API's DAGDetail object. */
export function toDagDetailDto(found: DagWithDefinition, context: DagDtoContext): DagDetailDto {
  const { dag, definition } = found;
  const base = toDagDto(found, context);
  return {
    ...base,
    timezone: definition.timezone,
    catchup: definition.catchup,
    orientation: "LR",
    concurrency: base.max_active_tasks,
    dataset_expression: null,
    start_date: definition.startDate === null ? null : formatIso(definition.startDate),
    end_date: definition.endDate === null ? null : formatIso(definition.endDate),
    dag_run_timeout: definition.dagrunTimeoutMs === null
      ? null
      : timeDelta(definition.dagrunTimeoutMs),
    doc_md: definition.doc,
    params: dumpParams(definition.params),
    is_paused_upon_creation: definition.isPausedUponCreation,
    template_search_path: null,
    render_template_as_native_obj: false,
    last_parsed: formatIso(dag.lastParsedAt),
  };
}
