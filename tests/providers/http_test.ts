/**
 * End to end: DAG files importing "@updraft/http" are parsed, scheduled and run in sandboxes
 * against a real HTTP server (Deno.serve) with connections from UPDRAFT_CONN_* variables.
 */

import assert from "node:assert/strict";
import { defaultConfig, testDag } from "../../src/app/mod.ts";
import type { TaskInstance } from "../../src/core/mod.ts";
import { type HttpApi, makeTestCertificates, startHttpApi } from "../servers/http.ts";

const PASSWORD = "right-http-password-1";
const WRONG_PASSWORD = "wrong-http-password-2";
const TOKEN = "bearer-token-0123456789";

const GOOD_DAG = `import { chain, crossDownstream, dag, task } from "updraft";
import { HttpHook, httpOperator, httpSensor } from "@updraft/http";

export default dag({ id: "http_good", params: { user_id: 1 } }, () => {
  const ready = httpSensor({
    id: "api_ready",
    httpConnId: "user_api",
    endpoint: "ready",
    pokeInterval: "50ms",
    timeout: "1m",
    responseCheck: (response) => response.json().status === "ok",
  });
  const rescheduled = httpSensor({
    id: "api_ready_rescheduled",
    httpConnId: "user_api",
    endpoint: "ready",
    data: { key: "{{ ti.task_id }}" },
    mode: "reschedule",
    pokeInterval: "100ms",
    timeout: "1m",
    responseCheck: (response) => response.json().polls === 3,
  });
  const user = httpOperator({
    id: "get_user",
    httpConnId: "user_api",
    method: "GET",
    endpoint: "basic/users/{{ params.user_id }}",
    logResponse: true,
    responseCheck: (response) => response.json().active === true,
    responseFilter: (response, ctx) => ({ name: response.json().name, day: ctx.ds }),
  });
  const posted = httpOperator({
    id: "post_json",
    httpConnId: "user_api",
    endpoint: "echo",
    json: { day: "{{ ds }}" },
    headers: { "X-Run": "{{ run_id }}" },
  });
  const hooked = task({ id: "hooked", connections: ["token_api"] }, async (ctx) => {
    const hook = new HttpHook(ctx.connection("token_api"), { log: ctx.log });
    const response = await hook.run("bearer/users/2", { signal: ctx.signal });
    return response.json().name;
  });
  const report = task({ id: "report" }, (ctx) => {
    const seen = {
      user: ctx.xcom.pull("get_user"),
      posted: JSON.parse(ctx.xcom.pull("post_json") as string),
      hooked: ctx.xcom.pull("hooked"),
    };
    ctx.log("XCOMS " + JSON.stringify(seen));
  });
  crossDownstream([ready, rescheduled], [user, posted, hooked]);
  chain([user, posted, hooked], report);
});
`;

const BAD_DAG = `import { dag } from "updraft";
import { httpOperator, httpSensor } from "@updraft/http";

export default dag({ id: "http_bad" }, () => {
  httpOperator({ id: "wrong_password", httpConnId: "user_api_bad", method: "GET",
    endpoint: "basic/users/1" });
  httpOperator({ id: "slow", httpConnId: "user_api", method: "GET", endpoint: "slow",
    data: { ms: 20000 }, timeout: "300ms" });
  httpOperator({ id: "unknown_connection", httpConnId: "no_such_api", endpoint: "echo" });
  httpOperator({ id: "unreachable", httpConnId: "closed_api", method: "GET", endpoint: "echo" });
  httpOperator({ id: "check_fails", httpConnId: "user_api", method: "GET",
    endpoint: "basic/users/2", responseCheck: (response) => response.json().active === true });
  httpSensor({ id: "never_ready", httpConnId: "user_api", endpoint: "status/404",
    pokeInterval: "50ms", timeout: "300ms", softFail: true });
  httpSensor({ id: "server_error", httpConnId: "user_api", endpoint: "status/500",
    pokeInterval: "50ms", timeout: "10s" });
});
`;

async function withDags(
  files: Record<string, string>,
  environment: Record<string, string>,
  body: (config: ReturnType<typeof defaultConfig>) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-http-e2e-" });
  try {
    const config = {
      ...defaultConfig(`${root}/home`),
      dagsFolder: `${root}/dags`,
      prebootedSandboxes: 1,
    };
    await Deno.mkdir(config.dagsFolder);
    for (const [name, text] of Object.entries(files)) {
      await Deno.writeTextFile(`${config.dagsFolder}/${name}`, text);
    }
    for (const [name, value] of Object.entries(environment)) Deno.env.set(name, value);
    await body(config);
  } finally {
    for (const name of Object.keys(environment)) Deno.env.delete(name);
    await Deno.remove(root, { recursive: true });
  }
}

function connectionVariables(api: HttpApi, closedPort: number): Record<string, string> {
  return {
    UPDRAFT_CONN_USER_API: `http://ada:${PASSWORD}@127.0.0.1:${api.port}`,
    UPDRAFT_CONN_USER_API_BAD: `http://ada:${WRONG_PASSWORD}@127.0.0.1:${api.port}`,
    UPDRAFT_CONN_TOKEN_API: JSON.stringify({
      conn_type: "http",
      host: api.url,
      extra: { token: TOKEN },
    }),
    UPDRAFT_CONN_CLOSED_API: `http://127.0.0.1:${closedPort}`,
  };
}

function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

Deno.test("http provider end to end: sensor, operator with check and filter, default POST with JSON, HttpHook in a task", async () => {
  const api = await startHttpApi({ login: "ada", password: PASSWORD, token: TOKEN });
  try {
    await withDags(
      { "http_good.ts": GOOD_DAG },
      connectionVariables(api, closedPort()),
      async (config) => {
        const logs = new Map<string, string>();
        const result = await testDag(config, {
          dagId: "http_good",
          logicalDate: Date.UTC(2024, 0, 3),
        }, {
          onTask: (report) => logs.set(report.instance.taskId, report.log ?? ""),
          log: (line) => console.log(line),
        });
        assert.deepEqual(states(result.instances), {
          api_ready: "success",
          api_ready_rescheduled: "success",
          get_user: "success",
          hooked: "success",
          post_json: "success",
          report: "success",
        }, [...logs.values()].join("\n"));
        const xcoms = JSON.parse(logs.get("report")!.match(/XCOMS (.*)/)![1]);
        assert.deepEqual(xcoms.user, { name: "Ada Lovelace", day: "2024-01-03" });
        assert.equal(xcoms.posted.method, "POST");
        assert.deepEqual(JSON.parse(xcoms.posted.body), { day: "2024-01-03" });
        assert.equal(xcoms.hooked, "Alan Turing");
        const polls = (key: string) =>
          api.requests.filter((request) =>
            request.path === "/ready" && (request.query.key ?? "") === key
          );
        assert.equal(polls("").length, 3);
        assert.equal(polls("api_ready_rescheduled").length, 3);
        assert.match(logs.get("api_ready_rescheduled")!, /HTTP 404: not there yet/);
        const echo = api.requests.find((request) => request.path === "/echo")!;
        assert.match(echo.headers["x-run"], /^manual__2024-01-03/);
        assert.match(logs.get("get_user")!, /"name":"Ada Lovelace"/); // logResponse
        assert.doesNotMatch([...logs.values()].join("\n"), new RegExp(`${PASSWORD}|${TOKEN}`));
      },
    );
  } finally {
    await api.stop();
  }
});

Deno.test("http provider end to end: wrong password, timeout, unknown connection, unreachable host, failed check, sensor soft fail and error status", async () => {
  const api = await startHttpApi({ login: "ada", password: PASSWORD, token: TOKEN });
  const closed = closedPort();
  try {
    await withDags({ "http_bad.ts": BAD_DAG }, connectionVariables(api, closed), async (config) => {
      const logs = new Map<string, string>();
      const result = await testDag(config, { dagId: "http_bad" }, {
        onTask: (report) => logs.set(report.instance.taskId, report.log ?? ""),
      });
      assert.deepEqual(states(result.instances), {
        check_fails: "failed",
        never_ready: "skipped",
        server_error: "failed",
        slow: "failed",
        unknown_connection: "failed",
        unreachable: "failed",
        wrong_password: "failed",
      });
      const address = `127.0.0.1:${api.port}`;
      assert.match(
        logs.get("wrong_password")!,
        new RegExp(
          `connection "user_api_bad" \\(http at ${address}\\): GET /basic/users/1 answered HTTP 401`,
        ),
      );
      assert.match(
        logs.get("slow")!,
        new RegExp(
          `connection "user_api" \\(http at ${address}\\): GET /slow timed out after 300ms`,
        ),
      );
      assert.match(
        logs.get("unknown_connection")!,
        /connection "no_such_api", which does not exist/,
      );
      assert.match(
        logs.get("unreachable")!,
        new RegExp(
          `connection "closed_api" \\(http at 127\\.0\\.0\\.1:${closed}\\): GET /echo failed`,
        ),
      );
      assert.match(
        logs.get("check_fails")!,
        /the response check of GET \/basic\/users\/2 returned false/,
      );
      assert.match(logs.get("never_ready")!, /Sensor has timed out/);
      assert.match(logs.get("server_error")!, /GET \/status\/500 answered HTTP 500/);
      const everything = [...logs.values()].join("\n");
      assert.doesNotMatch(everything, new RegExp(`${PASSWORD}|${WRONG_PASSWORD}|${TOKEN}`));
    });
  } finally {
    await api.stop();
  }
});

const tlsDag = (caFile: string) =>
  `import { dag } from "updraft";
import { httpOperator } from "@updraft/http";

export default dag({ id: "http_tls" }, () => {
  httpOperator({ id: "checked", httpConnId: "tls_api", method: "GET", endpoint: "echo" });
  httpOperator({ id: "with_ca", httpConnId: "tls_api", method: "GET", endpoint: "echo",
    tlsVerify: "${caFile}" });
  httpOperator({ id: "unchecked", httpConnId: "tls_api", method: "GET", endpoint: "echo",
    tlsVerify: false });
});
`;

Deno.test("http provider end to end: TLS in the sandbox: a CA bundle path, checks off, checked by default", async () => {
  const certificates = await makeTestCertificates();
  if (!certificates) return; // openssl is not installed
  const api = await startHttpApi({ tls: { cert: certificates.cert, key: certificates.key } });
  try {
    const environment = {
      UPDRAFT_CONN_TLS_API: JSON.stringify({
        conn_type: "http",
        host: `https://localhost:${api.port}`,
      }),
    };
    await withDags({ "http_tls.ts": tlsDag(certificates.caFile) }, environment, async (config) => {
      const logs = new Map<string, string>();
      const result = await testDag(config, { dagId: "http_tls" }, {
        onTask: (report) => logs.set(report.instance.taskId, report.log ?? ""),
      });
      assert.deepEqual(states(result.instances), {
        checked: "failed",
        unchecked: "success",
        with_ca: "success",
      }, [...logs.values()].join("\n"));
      assert.match(logs.get("checked")!, /GET \/echo failed: .*certificate/i);
      assert.match(logs.get("with_ca")!, new RegExp(`read: \\["${certificates.caFile}"\\]`));
    });
  } finally {
    await api.stop();
    await certificates.remove();
  }
});

function states(instances: TaskInstance[]): Record<string, string> {
  return Object.fromEntries(
    instances.map((instance) => [instance.taskId, instance.state]).sort(),
  );
}
