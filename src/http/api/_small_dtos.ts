/**
 * The small objects: import errors (fact 159), variables (fact 156), health (fact 158) and
 * version.
 *
 * @module
 */

import { z } from "zod";
import { formatIso, type ImportError, type Variable } from "../../core/mod.ts";
import { dateTimeText, named } from "./_schemas.ts";

/** A DAG file that failed to load. */
export const ImportErrorSchema = named(
  "ImportError",
  z.object({
    import_error_id: z.number().int(),
    timestamp: dateTimeText(),
    filename: z.string(),
    stack_trace: z.string(),
  }),
);

/** A page of import errors. */
export const ImportErrorCollectionSchema = named(
  "ImportErrorCollection",
  z.object({ import_errors: z.array(ImportErrorSchema), total_entries: z.number().int() }),
);

/** Map a stored import error; its message (naming file, line and field) is the stack trace. */
export function toImportErrorDto(error: ImportError): z.infer<typeof ImportErrorSchema> {
  return {
    import_error_id: error.id,
    timestamp: formatIso(error.timestamp),
    filename: error.fileloc,
    stack_trace: error.message,
  };
}

/** A variable with its value (the list includes values too, as Airflow 2.10 does, fact 180). */
export const VariableSchema = named(
  "Variable",
  z.object({ key: z.string(), value: z.string(), description: z.string().nullable() }),
);

/** A page of variables. */
export const VariableCollectionSchema = named(
  "VariableCollection",
  z.object({ variables: z.array(VariableSchema), total_entries: z.number().int() }),
);

/** Map a stored variable. */
export function toVariableDto(variable: Variable): z.infer<typeof VariableSchema> {
  return { key: variable.key, value: variable.value, description: variable.description };
}

/** healthy, unhealthy, or null for a component Updraft does not have. */
export const HealthStatusSchema = named(
  "HealthStatus",
  z.enum(["healthy", "unhealthy"]).nullable(),
);

/** The status of the metadata database and the jobs around it. */
export const HealthInfoSchema = named(
  "HealthInfo",
  z.object({
    metadatabase: z.object({ status: HealthStatusSchema }),
    scheduler: z.object({
      status: HealthStatusSchema,
      latest_scheduler_heartbeat: dateTimeText().nullable(),
    }),
    triggerer: z.object({ status: z.null(), latest_triggerer_heartbeat: z.null() }),
    dag_processor: z.object({ status: z.null(), latest_dag_processor_heartbeat: z.null() }),
  }),
);

/** The program's version. */
export const VersionInfoSchema = named(
  "VersionInfo",
  z.object({ version: z.string(), git_version: z.string().nullable() }),
);
