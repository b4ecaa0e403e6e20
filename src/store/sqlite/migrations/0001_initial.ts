/**
 * Migration 1: the initial schema. Times are epoch milliseconds (UTC); JSON columns hold
 * definitions, conf, rendered fields and XCom values; every DAG, run and task instance row
 * has a `revision` that each write increments.
 *
 * @module
 */

/** The SQL of migration 1. */
export const sql = `
CREATE TABLE dag_bundles (
  bundle_hash TEXT PRIMARY KEY,
  fileloc TEXT NOT NULL,
  source TEXT NOT NULL,
  code TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE dag_versions (
  version_hash TEXT PRIMARY KEY,
  dag_id TEXT NOT NULL,
  definition TEXT NOT NULL,
  bundle_hash TEXT NOT NULL REFERENCES dag_bundles (bundle_hash),
  created_at INTEGER NOT NULL
);
CREATE INDEX dag_versions_by_dag ON dag_versions (dag_id);

CREATE TABLE dags (
  dag_id TEXT PRIMARY KEY,
  fileloc TEXT NOT NULL,
  is_paused INTEGER NOT NULL,
  is_active INTEGER NOT NULL,
  version_hash TEXT NOT NULL REFERENCES dag_versions (version_hash),
  last_parsed_at INTEGER NOT NULL,
  next_run_logical_date INTEGER,
  next_run_interval_start INTEGER,
  next_run_interval_end INTEGER,
  next_run_after INTEGER,
  last_automated_interval_start INTEGER,
  last_automated_interval_end INTEGER,
  revision INTEGER NOT NULL
);
CREATE INDEX dags_by_fileloc ON dags (fileloc);

CREATE TABLE import_errors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  fileloc TEXT NOT NULL UNIQUE,
  message TEXT NOT NULL,
  line INTEGER,
  timestamp INTEGER NOT NULL
);

CREATE TABLE dag_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dag_id TEXT NOT NULL REFERENCES dags (dag_id),
  run_id TEXT NOT NULL,
  run_type TEXT NOT NULL,
  state TEXT NOT NULL,
  logical_date INTEGER NOT NULL,
  data_interval_start INTEGER NOT NULL,
  data_interval_end INTEGER NOT NULL,
  run_after INTEGER NOT NULL,
  queued_at INTEGER,
  start_date INTEGER,
  end_date INTEGER,
  conf TEXT NOT NULL,
  external_trigger INTEGER NOT NULL,
  version_hash TEXT NOT NULL REFERENCES dag_versions (version_hash),
  last_scheduling_decision INTEGER,
  clear_number INTEGER NOT NULL,
  note TEXT,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  UNIQUE (dag_id, run_id),
  UNIQUE (dag_id, logical_date)
);
CREATE INDEX dag_runs_by_state ON dag_runs (state);

CREATE TABLE task_instances (
  dag_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  map_index INTEGER NOT NULL,
  state TEXT,
  try_number INTEGER NOT NULL,
  max_tries INTEGER NOT NULL,
  start_date INTEGER,
  end_date INTEGER,
  duration REAL,
  queued_at INTEGER,
  next_attempt_at INTEGER,
  pool TEXT NOT NULL,
  pool_slots INTEGER NOT NULL,
  priority_weight INTEGER NOT NULL,
  operator TEXT NOT NULL,
  hostname TEXT,
  pid INTEGER,
  executor_id TEXT,
  rendered_fields TEXT,
  note TEXT,
  updated_at INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  PRIMARY KEY (dag_id, run_id, task_id, map_index),
  FOREIGN KEY (dag_id, run_id) REFERENCES dag_runs (dag_id, run_id) ON DELETE CASCADE
) WITHOUT ROWID;
-- Clustered by its primary key, so the rows of one run are stored together: the primary key
-- is the index of task instances by (dag_id, run_id).

CREATE INDEX task_instances_by_state ON task_instances (state);

CREATE TABLE state_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dag_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  task_id TEXT,
  map_index INTEGER NOT NULL,
  try_number INTEGER,
  from_state TEXT,
  to_state TEXT,
  reason TEXT NOT NULL,
  at INTEGER NOT NULL,
  FOREIGN KEY (dag_id, run_id) REFERENCES dag_runs (dag_id, run_id) ON DELETE CASCADE
);
CREATE INDEX state_changes_by_run ON state_changes (dag_id, run_id);

CREATE TABLE xcoms (
  dag_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  task_id TEXT NOT NULL,
  map_index INTEGER NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (dag_id, run_id, task_id, map_index, key),
  FOREIGN KEY (dag_id, run_id, task_id, map_index)
    REFERENCES task_instances (dag_id, run_id, task_id, map_index) ON DELETE CASCADE
);
CREATE INDEX xcoms_by_task_instance ON xcoms (dag_id, run_id, task_id, map_index);
CREATE INDEX xcoms_by_key ON xcoms (key);

CREATE TABLE variables (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  description TEXT
);

CREATE TABLE pools (
  name TEXT PRIMARY KEY,
  slots INTEGER NOT NULL,
  description TEXT,
  include_deferred INTEGER NOT NULL
);

CREATE TABLE users (
  username TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE job_heartbeats (
  job_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  hostname TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
CREATE INDEX job_heartbeats_by_kind ON job_heartbeats (kind, heartbeat_at);
`;
