/**
 * The command line: Airflow's verbs (`dags list|trigger|test|backfill`, `tasks clear|state`, …)
 * over Updraft's composition root. `main(args)` runs one command and resolves to its exit code.
 *
 * @module
 */

export { main, type MainOptions } from "./cli.ts";
export { EXIT_CODES } from "./_errors.ts";
export type { Io } from "./_output.ts";
