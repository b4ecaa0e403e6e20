/**
 * Variable rows in SQLite. With a Fernet key the value is stored as a Fernet token, flagged by
 * `is_encrypted` (Airflow encrypts variable values like connection passwords); the records
 * returned hold plaintext.
 *
 * @module
 */

import type { FernetCipher, Variable } from "../../core/mod.ts";
import type { Page, PageQuery } from "../store.ts";
import { planPage } from "../_paging.ts";
import { VARIABLE_RULES } from "../_record_rules.ts";
import { checkRecord } from "../_validate.ts";
import type { Database, Row } from "./_database.ts";
import { orderClause } from "./_conditions.ts";
import { openSecret, sealSecret } from "./_secrets.ts";
import { selectPage } from "./_select_page.ts";

const COLUMNS = "key, value, description, is_encrypted";

/** A variable as its row holds it: `value` is a token when flagged. */
interface StoredVariable extends Variable {
  isEncrypted: boolean;
}

/** One variable, decrypted. */
export async function getVariable(
  database: Database,
  cipher: FernetCipher | null,
  key: string,
): Promise<Variable | null> {
  const stored = database.read(`reading variable ${key}`, () => {
    const row = database.get(`SELECT ${COLUMNS} FROM variables WHERE key = ?`, key);
    return row === undefined ? null : variableFromRow(row);
  });
  return stored === null ? null : await openVariable(cipher, stored);
}

/** Several variables, decrypted, in the order asked; missing ones are left out. */
export function getVariables(
  database: Database,
  cipher: FernetCipher | null,
  keys: string[],
): Promise<Variable[]> {
  const stored = database.read("reading variables", () => {
    const rows = database.all(
      `SELECT ${COLUMNS} FROM variables WHERE key IN (SELECT value FROM json_each(?))`,
      JSON.stringify(keys),
    ).map(variableFromRow);
    const byKey = new Map(rows.map((variable) => [variable.key, variable]));
    return [...new Set(keys)].flatMap((key) => byKey.get(key) ?? []);
  });
  return Promise.all(stored.map((variable) => openVariable(cipher, variable)));
}

/**
 * A page of variables, decrypted. Ordered by value, every value is decrypted first and SQLite
 * orders the plaintext (ordering the tokens would be meaningless).
 */
export async function listVariables(
  database: Database,
  cipher: FernetCipher | null,
  query: PageQuery,
): Promise<Page<Variable>> {
  const page = planPage("variables", query);
  const open = (stored: StoredVariable[]) =>
    Promise.all(stored.map((variable) => openVariable(cipher, variable)));
  if (page.field !== "value") {
    const stored = selectPage(
      database,
      "listing variables",
      {
        select: COLUMNS,
        from: " FROM variables",
        order: orderClause(page.field, page.descending, "key"),
        limit: page.limit,
        offset: page.offset,
      },
      (sql, parameters) => database.all(sql, ...parameters).map(variableFromRow),
    );
    return { items: await open(stored.items), total: stored.total };
  }
  const every = await open(database.read("listing variables", () => {
    return database.all(`SELECT ${COLUMNS} FROM variables`).map(variableFromRow);
  }));
  const byKey = new Map(every.map((variable) => [variable.key, variable]));
  const keys = database.read("ordering variables by value", () => {
    return database.all<{ key: string }>(
      "SELECT json_extract(value, '$[0]') AS key FROM json_each(?) ORDER BY " +
        `json_extract(value, '$[1]')${page.descending ? " DESC" : ""}, 1 LIMIT ? OFFSET ?`,
      JSON.stringify(every.map((variable) => [variable.key, variable.value])),
      page.limit,
      page.offset,
    );
  });
  return { items: keys.map((row) => byKey.get(row.key)!), total: every.length };
}

/** Check, encrypt when there is a cipher, then create or overwrite a variable. */
export async function setVariable(
  database: Database,
  cipher: FernetCipher | null,
  variable: Variable,
): Promise<void> {
  const action = `setting variable ${variable?.key}`;
  checkRecord(variable, VARIABLE_RULES, action);
  const sealed = await sealSecret(cipher, variable.value);
  database.write(action, () => {
    database.run(
      `INSERT INTO variables (${COLUMNS}) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET ` +
        "value = excluded.value, description = excluded.description, " +
        "is_encrypted = excluded.is_encrypted",
      variable.key,
      sealed.value,
      variable.description,
      sealed.encrypted ? 1 : 0,
    );
  });
}

async function openVariable(
  cipher: FernetCipher | null,
  stored: StoredVariable,
): Promise<Variable> {
  const value = await openSecret(cipher, stored.value, stored.isEncrypted, {
    action: `reading variable ${stored.key}`,
    field: "value",
  });
  return { key: stored.key, value: value!, description: stored.description };
}

function variableFromRow(row: Row): StoredVariable {
  return {
    key: row.key as string,
    value: row.value as string,
    description: row.description as string | null,
    isEncrypted: Number(row.is_encrypted) === 1,
  };
}
