/**
 * The core engine end to end, as a user meets it: DAG files dropped into the watched folder of
 * a real `updraft serve`, runs triggered through the REST API, states, tries, XComs and logs read
 * back through it.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { startServer, taskStates, trigger, waitFor, waitForRun } from "./server_process.ts";

const ETL = `
import { bash, chain, dag, task } from "updraft";

export default dag({ id: "etl", params: { table: "users" }, tags: ["e2e"] }, () => {
  const extract = bash({ id: "extract", command: "echo 'rows for {{ params.table }} on {{ ds }}'; echo 42" });
  const transform = task({ id: "transform", retries: 2, retryDelay: "1s" }, (ctx) => {
    if (ctx.tryNumber === 1) throw new Error("first try fails on purpose");
    ctx.log("transforming", ctx.xcom.pull("extract"));
    return { rows: Number(ctx.xcom.pull("extract")) };
  });
  const load = task({ id: "load", triggerRule: "all_done" }, (ctx) => ctx.xcom.pull("transform"));
  chain(extract, transform, load);
});
`;

Deno.test("a dropped DAG file runs on trigger with Airflow's states, tries, XComs and logs", async () => {
  const server = await startServer();
  try {
    await server.writeDag("etl.ts", ETL);
    const dag = await waitFor("the DAG to appear", async () => {
      const found = await server.request("GET", "/dags/etl");
      return found.ok ? await found.json() : undefined;
    }, 10_000);
    assertEquals([dag.dag_id, dag.is_paused, dag.is_active], ["etl", false, true]);
    const runId = await trigger(server, "etl", { conf: { table: "orders" } });
    assertEquals(await waitForRun(server, "etl", runId), "success");
    assertEquals(await taskStates(server, "etl", runId), {
      extract: "success",
      transform: "success",
      load: "success",
    });
    const run = encodeURIComponent(runId);
    const transform = await server.get<{ try_number: number; state: string }>(
      `/dags/etl/dagRuns/${run}/taskInstances/transform`,
    );
    assertEquals(transform.try_number, 2);
    const xcom = await server.get<{ value: unknown }>(
      `/dags/etl/dagRuns/${run}/taskInstances/load/xcomEntries/return_value?stringify=false`,
    );
    assertEquals(xcom.value, { rows: 42 });
    const extractLog = await (await server.request(
      "GET",
      `/dags/etl/dagRuns/${run}/taskInstances/extract/logs/1`,
      undefined,
      {
        accept: "text/plain",
      },
    )).text();
    assert(extractLog.includes("rows for orders on"), extractLog);
    const firstTry = await (await server.request(
      "GET",
      `/dags/etl/dagRuns/${run}/taskInstances/transform/logs/1`,
      undefined,
      {
        accept: "text/plain",
      },
    )).text();
    assert(firstTry.includes("first try fails on purpose"), firstTry);
    const secondTry = await (await server.request(
      "GET",
      `/dags/etl/dagRuns/${run}/taskInstances/transform/logs/2`,
      undefined,
      {
        accept: "text/plain",
      },
    )).text();
    assert(secondTry.includes("transforming 42"), secondTry);
  } finally {
    await server.stop();
  }
});

const BROKEN = {
  "syntax.ts":
    `import { dag } from "updraft";\nexport default dag({ id: "syntax" }, () => {\n  const = 1;\n});\n`,
  "missing_import.ts":
    `import { dag } from "updraft";\nimport { helper } from "./nowhere.ts";\nexport default dag({ id: "m" }, () => helper());\n`,
  "throws.ts": `import { dag } from "updraft";\n\nthrow new Error("boom at the top level");\n`,
  "cycle.ts":
    `import { dag, task } from "updraft";\nexport default dag({ id: "cycle" }, () => {\n  const a = task({ id: "a" }, () => 1);\n  const b = task({ id: "b" }, () => 2);\n  a.before(b);\n  b.before(a);\n});\n`,
  "bad_rule.ts":
    `import { dag, task } from "updraft";\nexport default dag({ id: "bad_rule" }, () => {\n  task({ id: "t", triggerRule: "sometimes" }, () => 1);\n});\n`,
  "bad_cron.ts":
    `import { dag } from "updraft";\nexport default dag({ id: "bad_cron", schedule: "61 * * * *", startDate: "2024-01-01" }, () => {});\n`,
  "hang.ts":
    `import { dag } from "updraft";\nwhile (true) {}\nexport default dag({ id: "hang" }, () => {});\n`,
};

Deno.test("broken DAG files become import errors and nothing else breaks", async () => {
  const server = await startServer({
    dags: {
      ...BROKEN,
      "good.ts":
        `import { dag, task } from "updraft";\nexport default dag({ id: "good" }, () => { task({ id: "t" }, () => "fine"); });\n`,
    },
    env: { UPDRAFT_PARSE_TIMEOUT_MS: "2000" },
  });
  try {
    const errors = await waitFor("all import errors", async () => {
      const page = await server.get<{ import_errors: { filename: string; stack_trace: string }[] }>(
        "/importErrors",
      );
      return page.import_errors.length >= Object.keys(BROKEN).length
        ? page.import_errors
        : undefined;
    }, 20_000);
    const byFile = Object.fromEntries(errors.map((error) => [error.filename, error.stack_trace]));
    assert(/syntax\.ts.*3/.test(byFile["syntax.ts"]), byFile["syntax.ts"]);
    assert(byFile["missing_import.ts"].includes("nowhere.ts"), byFile["missing_import.ts"]);
    assert(byFile["throws.ts"].includes("boom at the top level"), byFile["throws.ts"]);
    assert(/a → b → a|b → a → b/.test(byFile["cycle.ts"]), byFile["cycle.ts"]);
    assert(byFile["bad_rule.ts"].includes("sometimes"), byFile["bad_rule.ts"]);
    assert(byFile["bad_cron.ts"].includes("61 * * * *"), byFile["bad_cron.ts"]);
    assert(/timed out/i.test(byFile["hang.ts"]), byFile["hang.ts"]);
    const runId = await trigger(server, "good");
    assertEquals(await waitForRun(server, "good", runId), "success");
  } finally {
    await server.stop();
  }
});

Deno.test("a changed file makes a new version; a broken change keeps the last good one running", async () => {
  const version = (n: number) =>
    `import { dag, task } from "updraft";\nexport default dag({ id: "versioned", schedule: { every: "2s" }, startDate: "2024-01-01" }, () => { task({ id: "t" }, () => ${n}); });\n`;
  const server = await startServer({ dags: { "versioned.ts": version(1) } });
  try {
    const valueOf = async (runId: string) =>
      (await server.get<{ value: unknown }>(
        `/dags/versioned/dagRuns/${
          encodeURIComponent(runId)
        }/taskInstances/t/xcomEntries/return_value?stringify=false`,
      )).value;
    const first = await trigger(server, "versioned", { logical_date: "2024-01-01T00:00:00Z" });
    assertEquals(await waitForRun(server, "versioned", first), "success");
    assertEquals(await valueOf(first), 1);
    await server.writeDag("versioned.ts", version(2));
    await waitFor("a run of the new version", async () => {
      const second = await trigger(server, "versioned").catch(() => undefined);
      if (!second) return undefined;
      await waitForRun(server, "versioned", second);
      return (await valueOf(second)) === 2 ? true : undefined;
    }, 15_000);
    await server.writeDag("versioned.ts", "this is not TypeScript (");
    const brokenAt = await waitFor("the import error", async () => {
      const page = await server.get<{ import_errors: { timestamp: string }[] }>("/importErrors");
      return page.import_errors[0]?.timestamp;
    }, 10_000);
    // Airflow refuses manual runs of a DAG whose file fails to load (fact 146)...
    const refused = await server.request("POST", "/dags/versioned/dagRuns", {});
    assertEquals(refused.status, 400);
    assert((await refused.json()).detail.includes("import errors"));
    // ...while its schedule keeps running the last good version.
    const scheduled = await waitFor("a scheduled run after the break", async () => {
      const page = await server.get<
        { dag_runs: { dag_run_id: string; state: string; start_date: string | null }[] }
      >(
        "/dags/versioned/dagRuns?order_by=-start_date",
      );
      return page.dag_runs.find((run) =>
        run.dag_run_id.startsWith("scheduled__") && run.state === "success" &&
        run.start_date !== null && Date.parse(run.start_date) > Date.parse(brokenAt)
      );
    }, 20_000);
    assertEquals(await valueOf(scheduled.dag_run_id), 2);
    assertEquals(await valueOf(first), 1);
  } finally {
    await server.stop();
  }
});

Deno.test("a deleted DAG file makes its DAG inactive and keeps its history", async () => {
  const server = await startServer({
    dags: {
      "gone.ts":
        `import { dag, task } from "updraft";\nexport default dag({ id: "gone" }, () => { task({ id: "t" }, () => 1); });\n`,
    },
  });
  try {
    const runId = await trigger(server, "gone");
    assertEquals(await waitForRun(server, "gone", runId), "success");
    await Deno.remove(`${server.dagsFolder}/gone.ts`);
    await waitFor("the DAG to become inactive", async () => {
      const dag = await server.get<{ is_active: boolean }>("/dags/gone");
      return dag.is_active ? undefined : true;
    }, 10_000);
    const runs = await server.get<{ total_entries: number }>("/dags/gone/dagRuns");
    assertEquals(runs.total_entries, 1);
  } finally {
    await server.stop();
  }
});

Deno.test("a scheduled DAG runs on its schedule", async () => {
  const server = await startServer({
    dags: {
      "every.ts":
        `import { dag, task } from "updraft";\nexport default dag({ id: "every", schedule: { every: "2s" }, startDate: "2024-01-01" }, () => { task({ id: "t" }, (ctx) => ctx.ds); });\n`,
    },
  });
  try {
    const done = await waitFor("a scheduled run to succeed", async () => {
      const page = await server.get<
        { dag_runs: { run_type: string; state: string; dag_run_id: string }[] }
      >(
        "/dags/every/dagRuns",
      );
      return page.dag_runs.find((run) => run.run_type === "scheduled" && run.state === "success");
    }, 20_000);
    assert(done.dag_run_id.startsWith("scheduled__"));
  } finally {
    await server.stop();
  }
});
