/**
 * The example DAGs of `dags/`, run as they are against real servers: an HTTP API, SQLite files,
 * PostgreSQL and an SMTP server. The first test is the new user's path: connections created with
 * the CLI, `updraft dags test`, green; then the API password wrong, and a clear failure without
 * the secret.
 */

import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import postgres from "postgres";
import { startPostgres } from "../servers/postgres.ts";
import { startSmtpServer } from "../servers/smtp.ts";
import { API_LOGIN, API_PASSWORD, EXAMPLE_DAGS, runExample, startExampleApi } from "./_services.ts";

const MAIN = new URL("../../main.ts", import.meta.url).pathname;

async function updraft(home: string, ...args: string[]): Promise<{ code: number; out: string }> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-all", MAIN, ...args],
    env: { UPDRAFT_HOME: home, NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, out: decoder.decode(stdout) + decoder.decode(stderr) };
}

Deno.test("user_processing: connections added with the CLI, `dags test` runs green; a wrong API password fails clearly, without the secret", async () => {
  const api = startExampleApi();
  const home = await Deno.makeTempDir({ prefix: "updraft-new-user-" });
  try {
    const database = `${home}/users.db`;
    const added = await updraft(
      home,
      "connections",
      "add",
      "users_db",
      "--conn-uri",
      `sqlite:///${database}`,
    );
    assert.equal(added.code, 0, added.out);
    const apiUri = (password: string) => `http://${API_LOGIN}:${password}@${api.host}:${api.port}`;
    assert.equal(
      (await updraft(home, "connections", "add", "user_api", "--conn-uri", apiUri(API_PASSWORD)))
        .code,
      0,
    );

    const green = await updraft(
      home,
      "dags",
      "test",
      "user_processing",
      "2024-01-03",
      "--dags-folder",
      EXAMPLE_DAGS,
    );
    assert.equal(green.code, 0, green.out);
    assert.match(green.out, /ended success/);
    const db = new DatabaseSync(database);
    assert.deepEqual(
      { ...db.prepare("SELECT username, country, fetched_for FROM users").get() },
      { username: "ada-2024-01-03", country: "United Kingdom", fetched_for: "2024-01-03" },
    );
    db.close();

    const wrong = "wrong-pass-27182";
    assert.equal((await updraft(home, "connections", "delete", "user_api")).code, 0);
    assert.equal(
      (await updraft(home, "connections", "add", "user_api", "--conn-uri", apiUri(wrong))).code,
      0,
    );
    const red = await updraft(
      home,
      "dags",
      "test",
      "user_processing",
      "2024-01-04",
      "--dags-folder",
      EXAMPLE_DAGS,
    );
    assert.equal(red.code, 1, red.out);
    assert.match(
      red.out,
      new RegExp(`connection "user_api" \\(http at 127\\.0\\.0\\.1:${api.port}\\)`),
    );
    assert.match(red.out, /401/);
    assert.doesNotMatch(red.out, new RegExp(`${wrong}|${API_PASSWORD}`));
  } finally {
    await api.stop();
    await Deno.remove(home, { recursive: true });
  }
});

Deno.test("taxi_monthly: a month's trips land in PostgreSQL, in a table named after the month", async () => {
  const api = startExampleApi();
  const server = await startPostgres();
  try {
    const run = await runExample("taxi_monthly", {
      // A manual run covers the month that ended at its logical date: February.
      logicalDate: "2024-03-01T00:00:00Z",
      connections: { taxi_db: server.url, taxi_data: api.url },
    });
    assert.deepEqual(run.states, {
      create_table: "success",
      load_trips: "success",
      check_trips: "success",
    }, [...run.logs.values()].join("\n"));
    assert.match(
      run.logs.get("load_trips") ?? "",
      /3 trips of 2024-02 loaded into yellow_trips_2024_02/,
    );
    const sql = postgres(server.url, { onnotice: () => {} });
    try {
      const rows =
        await sql`SELECT count(*)::int AS trips, sum(fare)::float AS fares FROM yellow_trips_2024_02`;
      assert.deepEqual([...rows], [{ trips: 3, fares: 57 }]);
    } finally {
      await sql.end();
    }
    assert.doesNotMatch([...run.logs.values()].join("\n"), new RegExp(server.password));
  } finally {
    await server.stop();
    await api.stop();
  }
});

Deno.test("forex_rates: sensors, download, transform, load into SQLite; a failure mails the team", async () => {
  const api = startExampleApi();
  const smtp = await startSmtpServer();
  const folder = await Deno.makeTempDir({ prefix: "updraft-forex-" });
  const pairs = "/tmp/updraft/forex/forex_currencies.csv";
  await Deno.mkdir("/tmp/updraft/forex", { recursive: true });
  await Deno.writeTextFile(pairs, "base;with_pairs\nEUR;USD JPY\nUSD;EUR\n");
  const connections = {
    forex_api: api.url,
    forex_db: `sqlite:///${folder}/forex.db`,
    smtp_default: `smtp://${smtp.host}:${smtp.port}?from_email=updraft%40example.com`,
  };
  try {
    const run = await runExample("forex_rates", {
      logicalDate: "2024-01-03T00:00:00Z",
      connections,
    });
    assert.equal(run.runState, "success", [...run.logs.values()].join("\n"));
    const db = new DatabaseSync(`${folder}/forex.db`);
    assert.deepEqual(
      db.prepare("SELECT base, quote, rate FROM forex_rates ORDER BY base, quote").all().map((
        row,
      ) => ({ ...row })),
      [
        { base: "EUR", quote: "JPY", rate: 1.1 },
        { base: "EUR", quote: "USD", rate: 1 },
        { base: "USD", quote: "EUR", rate: 1 },
      ],
    );
    db.close();
    assert.equal(smtp.messages.length, 0, "no failure, no mail");

    // The database folder is gone: loading fails for good and the team gets the alert.
    const broken = { ...connections, forex_db: `sqlite:///${folder}/missing/forex.db` };
    const failed = await runExample("forex_rates", {
      logicalDate: "2024-01-04T00:00:00Z",
      connections: broken,
    });
    assert.equal(failed.runState, "failed");
    const [alert] = await smtp.waitForMessages(1);
    assert.deepEqual(alert.recipients, ["data-team@example.com"]);
    assert.match(alert.subject, /forex_rates/);
    assert.match(alert.html ?? "", /create_rates_table|load_rates/);
  } finally {
    await Deno.remove(pairs).catch(() => {});
    await Deno.remove(folder, { recursive: true });
    await smtp.stop();
    await api.stop();
  }
});
