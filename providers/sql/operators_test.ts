import assert from "node:assert/strict";
import { dag, DefinitionError } from "updraft";
import { sqlColumnCheck, sqlQuery, sqlSensor, sqlTableCheck } from "./mod.ts";

Deno.test("the operators declare their connection and templated fields when a DAG is built", () => {
  const built = dag({ id: "warehouse" }, () => {
    sqlQuery({ id: "query", connId: "db", sql: "SELECT {{ ds }}", parameters: [1], maxRows: 5 });
    sqlSensor({
      id: "wait",
      connId: "db",
      sql: "SELECT 1",
      success: { equal_to: 1 },
      mode: "reschedule",
    });
    sqlColumnCheck({
      id: "columns",
      connId: "db",
      table: "t",
      columnMapping: { a: { min: { geq_to: 0 } } },
    });
    sqlTableCheck({
      id: "table",
      connId: "db",
      table: "t",
      checks: { rows: { check_statement: "COUNT(*) > 0" } },
    });
  });
  const tasks = built.toDefinition("warehouse.ts").tasks;
  assert.deepEqual(tasks.map((task) => [task.taskId, task.operator, task.connections]), [
    ["query", "SQLExecuteQueryOperator", ["db"]],
    ["wait", "SqlSensor", ["db"]],
    ["columns", "SQLColumnCheckOperator", ["db"]],
    ["table", "SQLTableCheckOperator", ["db"]],
  ]);
  assert.deepEqual(tasks[0].templateFields, { sql: "SELECT {{ ds }}", parameters: [1] });
  assert.deepEqual(tasks[0].fields, { connId: "db", maxRows: 5 });
  assert.deepEqual(tasks[1].templateFields, { sql: "SELECT 1" });
});

Deno.test("wrong fields are definition errors naming the task and the field", () => {
  const refused = (build: () => unknown, message: RegExp) =>
    assert.throws(
      build,
      (error: Error) => error instanceof DefinitionError && message.test(error.message),
    );
  refused(
    () => sqlQuery({ id: "q", connId: "db", sql: "queries/daily.sql" }),
    /task "q", sql: "queries\/daily.sql" looks like a file name; .*import query from "\.\/queries\/daily\.sql" with \{ type: "text" \}/,
  );
  refused(
    () => sqlQuery({ id: "q", connId: "", sql: "SELECT 1" }),
    /task "q", connId: needs the id/,
  );
  refused(() => sqlQuery({ id: "q", connId: "db", sql: [] }), /task "q", sql: needs SQL text/);
  refused(
    () => sqlQuery({ id: "q", connId: "db", sql: "SELECT 1", maxRows: -1 }),
    /task "q", maxRows: must be an integer of at least 0, got -1/,
  );
  refused(
    // @ts-expect-error: a nested object is not a parameter
    () => sqlQuery({ id: "q", connId: "db", sql: "SELECT ?", parameters: [{ a: 1 }] }),
    /task "q", parameters: must be a list or an object/,
  );
  refused(
    // @ts-expect-error: an unknown comparison
    () => sqlSensor({ id: "s", connId: "db", sql: "SELECT 1", success: { equals: 1 } }),
    /task "s", success: unknown comparison "equals"/,
  );
  refused(
    () =>
      sqlColumnCheck({
        id: "c",
        connId: "db",
        table: "t",
        // @ts-expect-error: an unknown check
        columnMapping: { a: { average: { equal_to: 1 } } },
      }),
    /task "c", columnMapping.a.average: unknown check \(use null_check/,
  );
  refused(
    () => sqlColumnCheck({ id: "c", connId: "db", table: "t", columnMapping: { a: { min: {} } } }),
    /task "c", columnMapping.a.min: needs at least one of equal_to/,
  );
  refused(
    () =>
      sqlColumnCheck({
        id: "c",
        connId: "db",
        table: "t",
        columnMapping: { a: { max: { equal_to: "x", tolerance: 0.1 } } },
      }),
    /tolerance applies to numbers only/,
  );
  refused(
    () => sqlTableCheck({ id: "t", connId: "db", table: "t", checks: { rows: {} } }),
    /task "t", checks.rows.check_statement: needs non-empty text/,
  );
});
