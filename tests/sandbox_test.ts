/**
 * The sandbox end to end: a task can read, write, connect, read the environment and spawn only
 * what it declares; anything else fails the try with a log line naming what was denied.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { startServer, taskStates, trigger, waitForRun } from "./server_process.ts";

function sandboxDag(port: number, folder: string, secretFile: string): string {
  return `
import { dag, task } from "updraft";

export default dag({ id: "sandbox_e2e" }, () => {
  task({ id: "read_denied" }, () => Deno.readTextFile(${JSON.stringify(secretFile)}));
  task({ id: "read_allowed", permissions: { read: [${JSON.stringify(secretFile)}] } },
    () => Deno.readTextFile(${JSON.stringify(secretFile)}));
  task({ id: "write_denied" }, () => Deno.writeTextFile(${
    JSON.stringify(`${folder}/denied.txt`)
  }, "x"));
  task({ id: "write_allowed", permissions: { write: [${JSON.stringify(folder)}] } },
    () => Deno.writeTextFile(${JSON.stringify(`${folder}/allowed.txt`)}, "written"));
  task({ id: "net_denied" }, async () => (await fetch("http://127.0.0.1:${port}/")).text());
  task({ id: "net_allowed", permissions: { net: ["127.0.0.1:${port}"] } },
    async () => (await fetch("http://127.0.0.1:${port}/")).text());
  task({ id: "env_denied" }, () => Deno.env.get("UPDRAFT_E2E_SECRET") ?? "unset");
  task({ id: "env_allowed", permissions: { env: ["UPDRAFT_E2E_SECRET"] } }, () => Deno.env.get("UPDRAFT_E2E_SECRET"));
  task({ id: "run_denied" }, async () => (await new Deno.Command("true").output()).code);
  task({ id: "run_allowed", permissions: { run: ["true"] } }, async () => (await new Deno.Command("true").output()).code);
});
`;
}

Deno.test("tasks touch only what they declare", async () => {
  const folder = await Deno.makeTempDir({ prefix: "updraft-sandbox-" });
  const secretFile = `${folder}/secret.txt`;
  await Deno.writeTextFile(secretFile, "the secret");
  const web = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    () => new Response("hello from the network"),
  );
  const port = (web.addr as Deno.NetAddr).port;
  const server = await startServer({
    dags: { "sandbox_e2e.ts": sandboxDag(port, folder, secretFile) },
    env: { UPDRAFT_E2E_SECRET: "environment secret" },
  });
  try {
    const runId = await trigger(server, "sandbox_e2e");
    // The denied tasks are leaves that fail, so the run fails (fact 15a).
    assertEquals(await waitForRun(server, "sandbox_e2e", runId), "failed");
    const states = await taskStates(server, "sandbox_e2e", runId);
    const run = encodeURIComponent(runId);
    const value = async (taskId: string) =>
      (await server.get<{ value: unknown }>(
        `/dags/sandbox_e2e/dagRuns/${run}/taskInstances/${taskId}/xcomEntries/return_value?stringify=false`,
      )).value;
    const log = async (taskId: string) =>
      await (await server.request(
        "GET",
        `/dags/sandbox_e2e/dagRuns/${run}/taskInstances/${taskId}/logs/1`,
        undefined,
        {
          accept: "text/plain",
        },
      )).text();
    for (const kind of ["read", "write", "net", "env", "run"]) {
      assertEquals(states[`${kind}_denied`], "failed", `${kind}_denied`);
      assertEquals(states[`${kind}_allowed`], "success", `${kind}_allowed`);
      const text = await log(`${kind}_denied`);
      assert(text.includes(`Permission denied: ${kind} access`), `${kind}_denied log:\n${text}`);
      assert(
        text.includes(`permissions: { ${kind}:`),
        `${kind}_denied log names how to declare it:\n${text}`,
      );
    }
    assertEquals(await value("read_allowed"), "the secret");
    assertEquals(await Deno.readTextFile(`${folder}/allowed.txt`), "written");
    await Deno.stat(`${folder}/denied.txt`).then(
      () => assert(false, "the denied write happened"),
      (error) => assert(error instanceof Deno.errors.NotFound),
    );
    assertEquals(await value("net_allowed"), "hello from the network");
    assertEquals(await value("env_allowed"), "environment secret");
    assertEquals(await value("run_allowed"), 0);
  } finally {
    await server.stop();
    await web.shutdown();
    await Deno.remove(folder, { recursive: true });
  }
});
