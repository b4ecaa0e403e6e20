import assert from "node:assert/strict";
import type { TaskConnection, TaskContext } from "updraft";
import { startSmtpServer } from "../../tests/servers/smtp.ts";
import { emailOnFailure, emailOnRetry } from "./mod.ts";
import { logUrl } from "./alerts.ts";

function context(connections: TaskConnection[], fields: Partial<TaskContext> = {}): TaskContext {
  return {
    dagId: "rates",
    runId: "scheduled__2024-01-03T00:00:00+00:00",
    taskId: "load",
    mapIndex: -1,
    tryNumber: 1,
    maxTries: 2,
    ts: "2024-01-03T00:00:00+00:00",
    signal: new AbortController().signal,
    log: () => {},
    connection(connId: string) {
      const found = connections.find((connection) => connection.connId === connId);
      if (!found) throw new Error(`task "load" cannot read connection "${connId}"`);
      return found;
    },
    ...fields,
  } as TaskContext;
}

Deno.test("logUrl: the task instance page of the try, map index first, as the dashboard builds it", () => {
  const key = { dagId: "rates", runId: "manual__2024-01-03T00:00:00+00:00", taskId: "load" };
  assert.equal(
    logUrl("https://updraft.example.com", { ...key, mapIndex: -1, tryNumber: 2 }),
    "https://updraft.example.com/dags/rates/runs/manual__2024-01-03T00%3A00%3A00%2B00%3A00/tasks/load?try=2",
  );
  assert.match(
    logUrl("http://localhost:8080", { ...key, mapIndex: 3, tryNumber: 1 }),
    /\/tasks\/load\?map_index=3&try=1$/,
  );
});

Deno.test("emailOnRetry: mails the DAG, task, try and escaped error through the task's smtp connection", async () => {
  const server = await startSmtpServer();
  try {
    const callback = emailOnRetry({ to: "oncall@example.com; lead@example.com", connId: "mail" });
    await callback(
      context([{
        connId: "mail",
        connType: "smtp",
        host: "127.0.0.1",
        port: server.port,
        schema: null,
        login: null,
        password: null,
        extra: { from_email: "updraft@example.com" },
      }], { mapIndex: 4 }),
      "Error: <script>bad</script>",
    );
    const [mail] = await server.waitForMessages(1);
    assert.deepEqual(mail.recipients, ["oncall@example.com", "lead@example.com"]);
    assert.equal(
      mail.subject,
      "Updraft alert: <TaskInstance: rates.load scheduled__2024-01-03T00:00:00+00:00 [up_for_retry]>",
    );
    assert.match(mail.html!, /Task: load \[4\]<br>/);
    assert.match(mail.html!, /Try: 1 out of 3<br>/);
    assert.match(mail.html!, /&#60;script&#62;bad&#60;\/script&#62;/);
    assert.match(
      mail.html!,
      /href="http:\/\/localhost:8080\/dags\/rates\/runs\/.*\?map_index=4&#38;try=1"/,
    );
  } finally {
    await server.stop();
  }
});

Deno.test("emailOnFailure: a task that does not list the smtp connection is told to add it; no recipient is refused", async () => {
  await assert.rejects(
    async () => await emailOnFailure({ to: "oncall@example.com" })(context([]), "boom"),
    /emailOnFailure: cannot mail the alert of task "load": list "smtp_default" in the task's `connections`/,
  );
  assert.throws(() => emailOnFailure({ to: [] }), /emailOnFailure\(\) needs `to`/);
});
