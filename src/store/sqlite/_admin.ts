/**
 * Pools, users and heartbeats in SQLite, and deleting variables (see `_variables.ts`).
 *
 * @module
 */

import type { JobHeartbeat, Pool, User } from "../../core/mod.ts";
import { type Page, type PageQuery, RecordExistsError, RecordNotFoundError } from "../store.ts";
import { type ListName, type OrderField, planPage } from "../_paging.ts";
import { HEARTBEAT_RULES, POOL_RULES, USER_RULES } from "../_record_rules.ts";
import { DEFAULT_POOL_NAME, defaultPoolDeletionError } from "../_store_rules.ts";
import { checkRecord } from "../_validate.ts";
import type { Database, Row } from "./_database.ts";
import { orderClause } from "./_conditions.ts";
import { selectPage } from "./_select_page.ts";
import { heartbeatFromRow, poolFromRow, userFromRow } from "./_rows.ts";

const ORDER: { [L in "pools" | "users"]: Record<OrderField<L>, string> } = {
  pools: {
    name: "name",
    slots: "slots",
    description: "description",
    include_deferred: "include_deferred",
  },
  users: {
    username: "username",
    email: "email",
    first_name: "first_name",
    last_name: "last_name",
    role: "role",
    created_at: "created_at",
  },
};

const TABLES = {
  variables: { table: "variables", key: "key" },
  pools: { table: "pools", key: "name" },
  users: { table: "users", key: "username" },
} as const;

/** A page of one of the simple keyed tables. */
export function listTable<L extends "pools" | "users", T>(
  database: Database,
  list: L,
  query: PageQuery & { fromRow: (row: Row) => T },
): Page<T> {
  const page = planPage(list as ListName, query) as {
    limit: number;
    offset: number;
    field: OrderField<L>;
    descending: boolean;
  };
  const { table, key } = TABLES[list];
  const order = orderClause(ORDER[list][page.field], page.descending, key);
  return selectPage(
    database,
    `listing ${list}`,
    { select: "*", from: ` FROM ${table}`, order, limit: page.limit, offset: page.offset },
    (sql, parameters) => database.all(sql, ...parameters).map(query.fromRow),
  );
}

/** Delete a row by key; false when absent. */
export function deleteRow(database: Database, list: "variables" | "users", key: string): boolean {
  const { table, key: column } = TABLES[list];
  return database.write(`deleting ${key} from ${list}`, () => {
    return database.run(`DELETE FROM ${table} WHERE ${column} = ?`, key) === 1;
  });
}

/** One pool. */
export function getPool(database: Database, name: string): Pool | null {
  return database.read(`reading pool ${name}`, () => {
    const row = database.get("SELECT * FROM pools WHERE name = ?", name);
    return row === undefined ? null : poolFromRow(row);
  });
}

/** Create or update a pool. */
export function setPool(database: Database, pool: Pool): void {
  checkRecord(pool, POOL_RULES, `setting pool ${pool?.name}`);
  database.write(`setting pool ${pool.name}`, () => {
    database.run(
      "INSERT INTO pools (name, slots, description, include_deferred) VALUES (?, ?, ?, ?) " +
        "ON CONFLICT (name) DO UPDATE SET slots = excluded.slots, " +
        "description = excluded.description, include_deferred = excluded.include_deferred",
      pool.name,
      pool.slots,
      pool.description,
      pool.includeDeferred ? 1 : 0,
    );
  });
}

/** Delete a pool; the default pool is refused. */
export function deletePool(database: Database, name: string): boolean {
  if (name === DEFAULT_POOL_NAME) throw defaultPoolDeletionError();
  return database.write(`deleting pool ${name}`, () => {
    return database.run("DELETE FROM pools WHERE name = ?", name) === 1;
  });
}

/** One user. */
export function getUser(database: Database, username: string): User | null {
  return database.read(`reading user ${username}`, () => {
    const row = database.get("SELECT * FROM users WHERE username = ?", username);
    return row === undefined ? null : userFromRow(row);
  });
}

/** Create a user, or update it when `update` is set. */
export function writeUser(database: Database, user: User, update: boolean): void {
  const action = `${update ? "updating" : "creating"} user ${user?.username}`;
  checkRecord(user, USER_RULES, action);
  database.write(action, () => {
    const exists = database.get("SELECT 1 FROM users WHERE username = ?", user.username);
    if (!update && exists !== undefined) throw new RecordExistsError(`user ${user.username}`);
    if (update && exists === undefined) throw new RecordNotFoundError(`user ${user.username}`);
    database.run(
      "INSERT INTO users (username, email, first_name, last_name, role, password_hash, " +
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET " +
        "email = excluded.email, first_name = excluded.first_name, " +
        "last_name = excluded.last_name, role = excluded.role, " +
        "password_hash = excluded.password_hash, created_at = excluded.created_at",
      user.username,
      user.email,
      user.firstName,
      user.lastName,
      user.role,
      user.passwordHash,
      user.createdAt,
    );
  });
}

/** How many users exist. */
export function countUsers(database: Database): number {
  return database.read("counting users", () => {
    return database.get<{ total: number }>("SELECT COUNT(*) AS total FROM users")!.total;
  });
}

/** Record that a job is alive. */
export function recordHeartbeat(database: Database, job: JobHeartbeat): void {
  checkRecord(job, HEARTBEAT_RULES, `recording the heartbeat of job ${job?.jobId}`);
  database.write(`recording the heartbeat of job ${job.jobId}`, () => {
    database.run(
      "INSERT INTO job_heartbeats (job_id, kind, hostname, started_at, heartbeat_at) " +
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (job_id) DO UPDATE SET kind = excluded.kind, " +
        "hostname = excluded.hostname, started_at = excluded.started_at, " +
        "heartbeat_at = excluded.heartbeat_at",
      job.jobId,
      job.kind,
      job.hostname,
      job.startedAt,
      job.heartbeatAt,
    );
  });
}

/** The most recent heartbeat of any job of a kind. */
export function latestHeartbeat(database: Database, kind: JobHeartbeat["kind"]) {
  return database.read(`reading the latest ${kind} heartbeat`, () => {
    const row = database.get(
      "SELECT * FROM job_heartbeats WHERE kind = ? ORDER BY heartbeat_at DESC, job_id LIMIT 1",
      kind,
    );
    return row === undefined ? null : heartbeatFromRow(row);
  });
}
