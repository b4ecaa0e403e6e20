import assert from "node:assert/strict";
import type { Connection } from "../core/mod.ts";
import { startTestExecutor, taskBundle, testJob } from "./_testing.ts";

const WAREHOUSE: Connection = {
  connId: "warehouse",
  connType: "postgres",
  description: null,
  host: "db.internal",
  schema: "sales",
  login: "etl",
  password: "p@ss/w0rd!",
  port: 5432,
  extra: JSON.stringify({ sslmode: "disable", api_token: "tok-98765" }),
};

Deno.test("a try reads its connections; their secrets are masked in the log, the error and the rendered fields", async (t) => {
  const harness = await startTestExecutor();
  try {
    await t.step("ctx.connection(id) gives the connection, extra parsed", async () => {
      const job = testJob({
        code: taskBundle(
          `const c = ctx.connection("warehouse");
          ctx.log("login", c.login, "password", c.password, "extra", JSON.stringify(c.extra));
          console.log("uri postgres://etl:" + encodeURIComponent(c.password) + "@db.internal/sales");
          return [c.host, c.port, c.extra.sslmode];`,
          { taskOptions: `connections: ["warehouse"]` },
        ),
        task: { connections: ["warehouse"] },
        job: { connections: [WAREHOUSE] },
      });
      const finished = await harness.run(job);
      assert.deepEqual(finished.outcome, { status: "success" });
      assert.deepEqual(finished.xcoms, [
        { key: "return_value", value: ["db.internal", 5432, "disable"] },
      ]);
      const log = await harness.log(job);
      assert.match(
        log,
        /login etl password \*\*\* extra \{"sslmode":"disable","api_token":"\*\*\*"\}/,
      );
      assert.match(log, /uri postgres:\/\/etl:\*\*\*@db\.internal\/sales/);
      assert.doesNotMatch(log, /p@ss|w0rd|tok-98765/);
    });

    await t.step(
      "an undeclared connection is refused, naming it and the declared ones",
      async () => {
        const job = testJob({
          code: taskBundle(`ctx.connection("other");`, {
            taskOptions: `connections: ["warehouse"]`,
          }),
          job: { connections: [WAREHOUSE] },
        });
        const finished = await harness.run(job);
        assert.equal(finished.outcome.status, "failed");
        assert.match(
          finished.outcome.status === "failed" ? finished.outcome.error : "",
          /cannot read connection "other": it is not among the task's connections \("warehouse"\)/,
        );
      },
    );

    await t.step("a thrown error and rendered templates never carry the password", async () => {
      const job = testJob({
        code: taskBundle(`throw new Error("login failed with " + ctx.fields.dsn);`),
        templateFields: {
          dsn: "{{ conn.warehouse.login }}:{{ conn.warehouse.password }}@{{ conn.warehouse.host }}",
        },
        task: { connectionsUsed: ["warehouse"] },
        job: { connections: [WAREHOUSE] },
      });
      const finished = await harness.run(job);
      assert.equal(finished.outcome.status, "failed");
      const error = finished.outcome.status === "failed" ? finished.outcome.error : "";
      assert.match(error, /login failed with etl:\*\*\*@db\.internal/);
      assert.deepEqual(finished.renderedFields, { dsn: "etl:***@db.internal" });
      assert.doesNotMatch(await harness.log(job), /w0rd/);
    });

    await t.step("a template naming a connection the try did not get fails clearly", async () => {
      const job = testJob({
        kind: "bash",
        templateFields: { command: "echo {{ conn.missing.host }}" },
      });
      const finished = await harness.run(job);
      assert.equal(finished.outcome.status, "failed");
      assert.match(
        finished.outcome.status === "failed" ? finished.outcome.error : "",
        /The conn_id `missing` isn't defined/,
      );
    });
  } finally {
    await harness.close();
  }
});
