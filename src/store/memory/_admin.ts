/**
 * Variables, pools, users and heartbeats in memory.
 *
 * @module
 */

import type { JobHeartbeat, Pool, User, Variable } from "../../core/mod.ts";
import { type Page, type PageQuery, RecordExistsError, RecordNotFoundError } from "../store.ts";
import { type OrderField, planPage } from "../_paging.ts";
import { HEARTBEAT_RULES, POOL_RULES, USER_RULES, VARIABLE_RULES } from "../_record_rules.ts";
import { DEFAULT_POOL_NAME, defaultPoolDeletionError } from "../_store_rules.ts";
import { copyRecord } from "../_validate.ts";
import type { MemoryState } from "./_state.ts";
import { compareLists, sortPage, type SortValue } from "./_ordering.ts";

type Order<T, L extends "variables" | "pools" | "users"> = Record<
  OrderField<L>,
  (item: T) => SortValue
>;

const VARIABLE_ORDER: Order<Variable, "variables"> = {
  key: (variable) => variable.key,
  value: (variable) => variable.value,
  description: (variable) => variable.description,
};

const POOL_ORDER: Order<Pool, "pools"> = {
  name: (pool) => pool.name,
  slots: (pool) => pool.slots,
  description: (pool) => pool.description,
  include_deferred: (pool) => pool.includeDeferred,
};

const USER_ORDER: Order<User, "users"> = {
  username: (user) => user.username,
  email: (user) => user.email,
  first_name: (user) => user.firstName,
  last_name: (user) => user.lastName,
  role: (user) => user.role,
  created_at: (user) => user.createdAt,
};

/** A page of variables. */
export function listVariables(state: MemoryState, query: PageQuery): Page<Variable> {
  const page = planPage("variables", query);
  return sortPage([...state.tables.variables.values()], {
    ...page,
    primary: VARIABLE_ORDER[page.field],
    tieBreak: (variable) => [variable.key],
  });
}

/** Several variables, in the order asked; missing ones are left out. */
export function getVariables(state: MemoryState, keys: string[]): Variable[] {
  return [...new Set(keys)].flatMap((key) => state.tables.variables.get(key) ?? []);
}

/** Create or overwrite a variable. */
export function setVariable(state: MemoryState, given: Variable): void {
  const variable = copyRecord(given, VARIABLE_RULES, `setting variable ${given?.key}`);
  state.transaction(() => state.put(state.tables.variables, variable.key, variable));
}

/** A page of pools. */
export function listPools(state: MemoryState, query: PageQuery): Page<Pool> {
  const page = planPage("pools", query);
  return sortPage([...state.tables.pools.values()], {
    ...page,
    primary: POOL_ORDER[page.field],
    tieBreak: (pool) => [pool.name],
  });
}

/** Create or update a pool. */
export function setPool(state: MemoryState, given: Pool): void {
  const pool = copyRecord(given, POOL_RULES, `setting pool ${given?.name}`);
  state.transaction(() => state.put(state.tables.pools, pool.name, pool));
}

/** Delete a pool; the default pool is refused. */
export function deletePool(state: MemoryState, name: string): boolean {
  if (name === DEFAULT_POOL_NAME) throw defaultPoolDeletionError();
  return state.transaction(() => state.remove(state.tables.pools, name));
}

/** A page of users. */
export function listUsers(state: MemoryState, query: PageQuery): Page<User> {
  const page = planPage("users", query);
  return sortPage([...state.tables.users.values()], {
    ...page,
    primary: USER_ORDER[page.field],
    tieBreak: (user) => [user.username],
  });
}

/** Create a user, or update it when `update` is set. */
export function writeUser(state: MemoryState, given: User, update: boolean): void {
  const action = `${update ? "updating" : "creating"} user ${given?.username}`;
  const user = copyRecord(given, USER_RULES, action);
  const exists = state.tables.users.has(user.username);
  if (!update && exists) throw new RecordExistsError(`user ${user.username}`);
  if (update && !exists) throw new RecordNotFoundError(`user ${user.username}`);
  state.transaction(() => state.put(state.tables.users, user.username, user));
}

/** Record that a job is alive. */
export function recordHeartbeat(state: MemoryState, given: JobHeartbeat): void {
  const job = copyRecord(given, HEARTBEAT_RULES, `recording the heartbeat of job ${given?.jobId}`);
  state.transaction(() => state.put(state.tables.heartbeats, job.jobId, job));
}

/** The most recent heartbeat of any job of a kind. */
export function latestHeartbeat(state: MemoryState, kind: JobHeartbeat["kind"]) {
  let latest: JobHeartbeat | null = null;
  for (const job of state.tables.heartbeats.values()) {
    if (job.kind !== kind) continue;
    if (
      latest === null ||
      compareLists([-job.heartbeatAt, job.jobId], [-latest.heartbeatAt, latest.jobId]) < 0
    ) {
      latest = job;
    }
  }
  return latest;
}
