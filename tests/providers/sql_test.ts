/**
 * End to end: DAG files importing "@updraft/sql" (and a `.sql` file as text) are parsed,
 * scheduled and run in sandboxes against a SQLite file and real PostgreSQL and MariaDB servers,
 * with connections from UPDRAFT_CONN_* variables. Each server starts once for its test.
 */

import assert from "node:assert/strict";
import { defaultConfig, type TaskReport, testDag } from "../../src/app/mod.ts";
import type { TaskInstance } from "../../src/core/mod.ts";
import { sqlHook } from "@updraft/sql";
import { startPostgres } from "../servers/postgres.ts";
import { startMariadb } from "../servers/mariadb.ts";
import { connectionFromUri } from "../../src/core/mod.ts";

const WRONG_PASSWORD = "wrong-db-password-77";
const DAY = "2024-01-03";

const CREATE_SQL = `DROP TABLE IF EXISTS orders;
CREATE TABLE orders (
  id integer PRIMARY KEY,
  day varchar(10) NOT NULL,
  amount integer
);
DROP TABLE IF EXISTS pokes;
CREATE TABLE pokes (poked integer);
`;

/** The pipeline: create (from a .sql file) → load (hook) → sensor → checks → queries. */
const GOOD_DAG = (mark: string) =>
  `import { chain, dag, task } from "updraft";
import { sqlColumnCheck, sqlHook, sqlQuery, sqlSensor, sqlTableCheck } from "@updraft/sql";
import createOrders from "./_sql/create_orders.sql" with { type: "text" };

export default dag({ id: "sql_good", params: { min_amount: 1 } }, () => {
  const create = sqlQuery({ id: "create", connId: "test_db", sql: createOrders });
  const load = task({ id: "load", connections: ["test_db"] }, async (ctx) => {
    const hook = sqlHook(ctx.connection("test_db"), { log: ctx.log, signal: ctx.signal });
    try {
      await hook.insertRows("orders", [
        { id: 1, day: ctx.ds, amount: 10 },
        { id: 2, day: ctx.ds, amount: 20 },
        { id: 3, day: "2000-01-01", amount: 5 },
      ], { batchSize: 2 });
      return await hook.insertRows("orders", [[3, ctx.ds, 30]], {
        columns: ["id", "day", "amount"],
        keyColumns: ["id"],
      });
    } finally {
      await hook.close();
    }
  });
  const wait = sqlSensor({
    id: "wait",
    connId: "test_db",
    sql: "SELECT COUNT(*) FROM orders WHERE day = '{{ ds }}'",
    success: { geq_to: 3 },
    failure: (cell) => Number(cell) > 100,
    pokeInterval: "100ms",
    timeout: "30s",
  });
  // Each poke records itself, so the third is the first to succeed: two reschedules.
  const counted = sqlSensor({
    id: "counted",
    connId: "test_db",
    sql: "INSERT INTO pokes (poked) VALUES (1); SELECT COUNT(*) FROM pokes",
    success: { geq_to: 3 },
    mode: "reschedule",
    pokeInterval: "100ms",
  });
  const columns = sqlColumnCheck({
    id: "columns",
    connId: "test_db",
    table: "orders",
    partitionClause: "day = '{{ ds }}'",
    columnMapping: {
      id: { null_check: { equal_to: 0 }, unique_check: { equal_to: 0 }, distinct_check: { equal_to: 3 } },
      amount: { min: { geq_to: "{{ params.min_amount }}" }, max: { less_than: 30, tolerance: 0.1 } },
    },
  });
  const table = sqlTableCheck({
    id: "table",
    connId: "test_db",
    table: "orders",
    checks: {
      row_count: { check_statement: "COUNT(*) = 3" },
      positive: { check_statement: "amount > 0", partition_clause: "day = '{{ ds }}'" },
    },
  });
  const select = sqlQuery({
    id: "select",
    connId: "test_db",
    sql: "SELECT id, amount FROM orders WHERE day = ${mark} ORDER BY id",
    parameters: ["{{ ds }}"],
    rowsAs: "objects",
  });
  const summary = sqlQuery({
    id: "summary",
    connId: "test_db",
    sql: ["UPDATE orders SET amount = amount + 1 WHERE id = 1", "SELECT COUNT(*), SUM(amount) FROM orders"],
    returnLast: false,
  });
  const report = task({ id: "report" }, (ctx) => {
    const seen = Object.fromEntries(
      ["load", "wait", "counted", "columns", "table", "select", "summary"].map((id) => [
        id,
        ctx.xcom.pull(id),
      ]),
    );
    ctx.log("XCOMS " + JSON.stringify(seen));
  });
  chain(create, load, wait, [columns, table], select, summary, report);
  chain(create, counted, report);
});
`;

/** Every way a SQL task fails; run after the good DAG, on its table. */
const BAD_DAG = `import { dag } from "updraft";
import { sqlColumnCheck, sqlQuery, sqlSensor, sqlTableCheck } from "@updraft/sql";

export default dag({ id: "sql_bad" }, () => {
  sqlColumnCheck({
    id: "bad_columns",
    connId: "test_db",
    table: "orders",
    columnMapping: {
      id: { null_check: { equal_to: 0 }, max: { leq_to: 1 } },
      amount: { min: { greater_than: 100 } },
    },
  });
  sqlTableCheck({
    id: "bad_table",
    connId: "test_db",
    table: "orders",
    checks: { many: { check_statement: "COUNT(*) > 100" }, positive: { check_statement: "amount > 0" } },
  });
  sqlQuery({ id: "too_many_rows", connId: "test_db", sql: "SELECT * FROM orders", maxRows: 2 });
  sqlQuery({ id: "bad_sql", connId: "test_db", sql: "SELECT * FROM no_such_table" });
  sqlSensor({ id: "never_true", connId: "test_db", sql: "SELECT 0", pokeInterval: "50ms",
    timeout: "300ms", softFail: true });
  sqlSensor({ id: "failure_met", connId: "test_db", sql: "SELECT COUNT(*) FROM orders",
    failure: { greater_than: 0 }, pokeInterval: "50ms", timeout: "10s" });
});
`;

const WRONG_PASSWORD_DAG = `import { dag } from "updraft";
import { sqlQuery } from "@updraft/sql";

export default dag({ id: "sql_wrong_password" }, () => {
  sqlQuery({ id: "query", connId: "locked_db", sql: "SELECT 1" });
});
`;

interface Run {
  states: Record<string, string>;
  logs: Map<string, string>;
  /** `task:state` as each try ended, in order. */
  ended: string[];
}

async function runDag(dagsFolder: string, dagId: string): Promise<Run> {
  const root = dagsFolder.slice(0, dagsFolder.lastIndexOf("/"));
  const config = { ...defaultConfig(`${root}/home`), dagsFolder, prebootedSandboxes: 1 };
  const logs = new Map<string, string>();
  const ended: string[] = [];
  const result = await testDag(config, { dagId, logicalDate: Date.parse(`${DAY}T00:00:00Z`) }, {
    onTask: (report: TaskReport) => {
      logs.set(report.instance.taskId, report.log ?? "");
      ended.push(`${report.instance.taskId}:${report.instance.state}`);
    },
  });
  return { states: states(result.instances), logs, ended };
}

function states(instances: TaskInstance[]): Record<string, string> {
  const pairs = instances.map((instance): [string, string] => [
    instance.taskId,
    String(instance.state),
  ]);
  return Object.fromEntries(pairs.sort(([a], [b]) => a.localeCompare(b)));
}

/** A DAG folder with the three DAGs; connection variables set for the body, then removed. */
async function withDags(
  mark: string,
  environment: Record<string, string>,
  body: (dagsFolder: string) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-sql-e2e-" });
  const dagsFolder = `${root}/dags`;
  try {
    await Deno.mkdir(`${dagsFolder}/_sql`, { recursive: true });
    await Deno.writeTextFile(`${dagsFolder}/_sql/create_orders.sql`, CREATE_SQL);
    await Deno.writeTextFile(`${dagsFolder}/sql_good.ts`, GOOD_DAG(mark));
    await Deno.writeTextFile(`${dagsFolder}/sql_bad.ts`, BAD_DAG);
    await Deno.writeTextFile(`${dagsFolder}/sql_wrong_password.ts`, WRONG_PASSWORD_DAG);
    for (const [name, value] of Object.entries(environment)) Deno.env.set(name, value);
    await body(dagsFolder);
  } finally {
    for (const name of Object.keys(environment)) Deno.env.delete(name);
    await Deno.remove(root, { recursive: true });
  }
}

/** The good pipeline runs green; its XComs and the rows in the database are as expected. */
async function assertGoodRun(dagsFolder: string, uri: string): Promise<void> {
  const run = await runDag(dagsFolder, "sql_good");
  const everything = [...run.logs.values()].join("\n");
  assert.deepEqual(run.states, {
    columns: "success",
    counted: "success",
    create: "success",
    load: "success",
    report: "success",
    select: "success",
    summary: "success",
    table: "success",
    wait: "success",
  }, everything);
  const xcoms = JSON.parse(run.logs.get("report")!.match(/XCOMS (.*)/)![1]);
  assert.equal(xcoms.load, 1);
  assert.equal(xcoms.wait, 3);
  assert.equal(xcoms.counted, 3);
  // Three pokes (the XCom counts them), the first two ending up_for_reschedule.
  const counted = run.ended.filter((entry) => entry.startsWith("counted:"));
  assert.ok(counted.includes("counted:up_for_reschedule"), counted.join(", "));
  assert.equal(counted.at(-1), "counted:success");
  assert.deepEqual(xcoms.select, [{ id: 1, amount: 10 }, { id: 2, amount: 20 }, {
    id: 3,
    amount: 30,
  }]);
  assert.equal(xcoms.summary.length, 2);
  assert.equal(xcoms.summary[0], null);
  assert.deepEqual(xcoms.summary[1].map((row: unknown[]) => row.map(Number)), [[3, 61]]);
  assert.equal(xcoms.columns.length, 5);
  assert.ok(xcoms.columns.every((check: { success: boolean }) => check.success));
  assert.deepEqual(
    xcoms.table.map((check: { check: string; success: boolean }) => [check.check, check.success]),
    [["row_count", true], ["positive", true]],
  );
  const hook = sqlHook({ ...taskConnection(uri), connId: "test_db" });
  try {
    const rows = await hook.getRecords("SELECT id, day, amount FROM orders ORDER BY id");
    assert.deepEqual(rows, [[1, DAY, 11], [2, DAY, 20], [3, DAY, 30]]);
  } finally {
    await hook.close();
  }
}

function taskConnection(uri: string) {
  const connection = connectionFromUri("test_db", uri);
  return { ...connection, extra: connection.extra ? JSON.parse(connection.extra) : {} };
}

/** The wrong password fails naming the connection and the address, with no secret anywhere. */
async function assertWrongPassword(
  dagsFolder: string,
  expected: RegExp,
  secrets: string[],
): Promise<void> {
  const run = await runDag(dagsFolder, "sql_wrong_password");
  assert.deepEqual(run.states, { query: "failed" });
  const log = run.logs.get("query")!;
  assert.match(log, expected);
  for (const secret of secrets) assert.ok(!log.includes(secret), `the log shows "${secret}"`);
}

Deno.test("sql provider end to end on a SQLite file: pipeline, failures, bad SQL", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-sql-e2e-db-" });
  const file = `${folder}/warehouse.db`;
  try {
    await withDags("?", { UPDRAFT_CONN_TEST_DB: `sqlite:///${file}` }, async (dagsFolder) => {
      await assertGoodRun(dagsFolder, `sqlite:///${file}`);
      const run = await runDag(dagsFolder, "sql_bad");
      assert.deepEqual(run.states, {
        bad_columns: "failed",
        bad_sql: "failed",
        bad_table: "failed",
        failure_met: "failed",
        never_true: "skipped",
        too_many_rows: "failed",
      });
      const log = (taskId: string) => run.logs.get(taskId)!;
      assert.match(
        log("bad_columns"),
        /column checks on orders: 2 of 3 failed: column id max got 3, expected leq_to 1; column amount min got 11, expected greater_than 100/,
      );
      assert.match(
        log("bad_table"),
        /table checks on orders: 1 of 2 failed: many \(COUNT\(\*\) > 100\)/,
      );
      assert.match(log("too_many_rows"), /the query returned 3 rows, more than maxRows \(2\)/);
      assert.ok(
        log("bad_sql").includes(
          `connection "test_db" (sqlite at ${file}): statement failed: no such table: no_such_table`,
        ),
        log("bad_sql"),
      );
      assert.match(log("never_true"), /Sensor has timed out; run duration of/);
      assert.match(log("failure_met"), /failure criteria met: first cell 3 is greater_than 0/);
    });
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
});

Deno.test("sql provider end to end on PostgreSQL: pipeline, wrong password", async () => {
  const server = await startPostgres();
  try {
    const locked = server.url.replace(`:${server.password}@`, `:${WRONG_PASSWORD}@`);
    await withDags("$1", {
      UPDRAFT_CONN_TEST_DB: server.url,
      UPDRAFT_CONN_LOCKED_DB: locked,
    }, async (dagsFolder) => {
      await assertGoodRun(dagsFolder, server.url);
      await assertWrongPassword(
        dagsFolder,
        new RegExp(
          `connection "locked_db" \\(postgres at 127\\.0\\.0\\.1:${server.port}\\): cannot connect: ` +
            `password authentication failed for user "updraft"`,
        ),
        [WRONG_PASSWORD, server.password],
      );
    });
  } finally {
    await server.stop();
  }
});

Deno.test("sql provider end to end on MariaDB: pipeline, wrong password", async () => {
  const server = await startMariadb();
  try {
    const locked = server.url.replace(`:${server.password}@`, `:${WRONG_PASSWORD}@`);
    await withDags("?", {
      UPDRAFT_CONN_TEST_DB: server.url,
      UPDRAFT_CONN_LOCKED_DB: locked,
    }, async (dagsFolder) => {
      await assertGoodRun(dagsFolder, server.url);
      await assertWrongPassword(
        dagsFolder,
        new RegExp(
          `connection "locked_db" \\(mysql at 127\\.0\\.0\\.1:${server.port}\\): cannot connect: ` +
            `Access denied for user 'updraft'@'127\\.0\\.0\\.1' \\(using password: YES\\)`,
        ),
        [WRONG_PASSWORD, server.password],
      );
    });
  } finally {
    await server.stop();
  }
});
