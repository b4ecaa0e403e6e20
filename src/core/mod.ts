/**
 * The domain, pure: types, state machines and scheduling rules. No I/O and no clock of its own.
 *
 * @module
 */

export * from "./states.ts";
export * from "./definition.ts";
export * from "./records.ts";
export * from "./scheduling.ts";
export * from "./task_context.ts";
export * from "./sensors.ts";
export * from "./clock.ts";
export * from "./task_instance_machine.ts";
export * from "./dag_run_machine.ts";
export * from "./definition_error.ts";
export * from "./duration.ts";
export * from "./dates.ts";
export * from "./schedule.ts";
export * from "./graph.ts";
export * from "./trigger_rules.ts";
export * from "./retry.ts";
export * from "./priority.ts";
export * from "./run_outcome.ts";
export * from "./timetable.ts";
export * from "./definition_defaults.ts";
export * from "./sensitive_keys.ts";
export * from "./secret_masker.ts";
export * from "./connection_permissions.ts";
export * from "./pool_usage.ts";
export * from "./connection_uri.ts";
export * from "./connection_environment.ts";
export * from "./fernet.ts";
