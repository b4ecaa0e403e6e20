/**
 * The command table: every command, in the order `updraft --help` lists them.
 *
 * @module
 */

import { DAGS_ENGINE_COMMANDS } from "./dags_engines.ts";
import { DAGS_READ_COMMANDS } from "./dags_read.ts";
import { DAGS_RUNS_COMMANDS } from "./dags_runs.ts";
import { DB_COMMANDS } from "./db.ts";
import type { CommandTable } from "./_parse.ts";
import { CONNECTIONS_COMMANDS } from "./connections.ts";
import { CONNECTIONS_FILE_COMMANDS } from "./connections_files.ts";
import { POOLS_COMMANDS } from "./pools.ts";
import { ROTATE_FERNET_KEY_COMMANDS } from "./rotate_fernet_key.ts";
import { SERVE_COMMANDS } from "./serve.ts";
import { TASKS_COMMANDS } from "./tasks.ts";
import { USERS_COMMANDS } from "./users.ts";
import { VARIABLES_COMMANDS } from "./variables.ts";
import { VARIABLES_FILE_COMMANDS } from "./variables_files.ts";

/** Every command and group. */
export const COMMAND_TABLE: CommandTable = {
  groups: [
    { name: "db", summary: "The database: create or upgrade its schema, reset it, check it." },
    {
      name: "dags",
      summary: "DAGs: list, show, trigger, pause, test and backfill them; their runs.",
    },
    { name: "tasks", summary: "Tasks: list, test, clear them; their instances' states." },
    { name: "connections", summary: "Connections to databases and services tasks use." },
    { name: "variables", summary: "Variables tasks and templates read." },
    { name: "pools", summary: "Pools of task slots." },
    { name: "users", summary: "Users who may log in to the REST API and dashboard." },
  ],
  commands: [
    ...SERVE_COMMANDS,
    ...DB_COMMANDS,
    ...DAGS_READ_COMMANDS,
    ...DAGS_RUNS_COMMANDS,
    ...DAGS_ENGINE_COMMANDS,
    ...TASKS_COMMANDS,
    ...CONNECTIONS_COMMANDS,
    ...CONNECTIONS_FILE_COMMANDS,
    ...VARIABLES_COMMANDS,
    ...VARIABLES_FILE_COMMANDS,
    ...POOLS_COMMANDS,
    ...USERS_COMMANDS,
    ...ROTATE_FERNET_KEY_COMMANDS,
  ],
};
