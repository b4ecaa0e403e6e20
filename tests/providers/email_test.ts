/**
 * End to end: DAG files importing "@updraft/email" are parsed, scheduled and run in sandboxes,
 * sending to a real SMTP server (smtp-server) through connections from UPDRAFT_CONN_* variables.
 */

import assert from "node:assert/strict";
import { defaultConfig, testDag } from "../../src/app/mod.ts";
import type { TaskInstance } from "../../src/core/mod.ts";
import { makeTestCertificates } from "../servers/http.ts";
import { startSmtpServer, type TestSmtpServer } from "../servers/smtp.ts";

const PASSWORD = "right-smtp-password-1";
const WRONG_PASSWORD = "wrong-smtp-password-2";

const reportDag = (reportFolder: string) =>
  `import { dag } from "updraft";
import { email } from "@updraft/email";

export default dag({ id: "email_report", params: { team: "data" } }, () => {
  email({
    id: "send_report",
    to: ["ada@example.com", "{{ params.team }}@example.com"],
    cc: "grace@example.com",
    bcc: ["boss@example.com"],
    subject: "Report for {{ ds }}",
    htmlContent: "<h1>Report</h1><p>run {{ run_id }}</p>",
    files: ["${reportFolder}/rates-{{ ds_nodash }}.csv"],
    permissions: { read: ["${reportFolder}"] },
  });
});
`;

/**
 * \`testDag\` closes its executor as soon as the run finishes, which stops callbacks still
 * running (src/app/in_process.ts, runToCompletion): so a task polls the test's count of
 * received mail and keeps the run open until both alerts arrived.
 */
const alertDag = (countUrl: string) =>
  `import { dag, task } from "updraft";
import { email, emailOnFailure, emailOnRetry } from "@updraft/email";

const alerts = { to: "oncall@example.com", baseUrl: "https://updraft.example.com/" };

export default dag({ id: "email_alerts", defaultArgs: { connections: ["smtp_default"] } }, () => {
  task({
    id: "breaks",
    retries: 1,
    retryDelay: 0,
    onRetry: emailOnRetry(alerts),
    onFailure: emailOnFailure(alerts),
  }, (ctx) => {
    throw new Error(\`the rates file is <empty> (try \${ctx.tryNumber})\`);
  });
  email({ id: "wrong_password", connId: "smtp_bad", to: "x@example.com", subject: "never",
    htmlContent: "x" });
  email({ id: "unreadable", to: "x@example.com", subject: "never", htmlContent: "x",
    files: ["/etc/hostname"] });
  task({
    id: "wait_for_alerts",
    connections: [],
    executionTimeout: "60s",
    permissions: { net: ["${new URL(countUrl).host}"] },
  }, async (ctx) => {
    while (!ctx.signal.aborted) {
      const count = await (await fetch("${countUrl}", { signal: ctx.signal })).json();
      if (count >= 2) return count;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
`;

async function withDags(
  files: Record<string, string>,
  environment: Record<string, string>,
  body: (config: ReturnType<typeof defaultConfig>, root: string) => Promise<void>,
): Promise<void> {
  const root = await Deno.makeTempDir({ prefix: "updraft-email-e2e-" });
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
    await body(config, root);
  } finally {
    for (const name of Object.keys(environment)) Deno.env.delete(name);
    await Deno.remove(root, { recursive: true });
  }
}

function connectionVariables(server: TestSmtpServer): Record<string, string> {
  const address = `127.0.0.1:${server.port}`;
  return {
    UPDRAFT_CONN_SMTP_DEFAULT:
      `smtp://alerts:${PASSWORD}@${address}?from_email=updraft%40example.com`,
    UPDRAFT_CONN_SMTP_BAD:
      `smtp://alerts:${WRONG_PASSWORD}@${address}?from_email=updraft%40example.com`,
  };
}

Deno.test("email provider end to end: templated recipients, subject and body, cc and bcc, an attachment from a readable folder", async () => {
  const server = await startSmtpServer({ login: "alerts", password: PASSWORD });
  const reports = await Deno.makeTempDir({ prefix: "updraft-email-reports-" });
  try {
    await Deno.writeTextFile(`${reports}/rates-20240103.csv`, "currency,rate\nEUR,1.09\n");
    await withDags(
      { "email_report.ts": reportDag(reports) },
      connectionVariables(server),
      async (config) => {
        const logs: string[] = [];
        const result = await testDag(config, {
          dagId: "email_report",
          logicalDate: Date.UTC(2024, 0, 3),
        }, { onTask: (report) => logs.push(report.log ?? "") });
        assert.deepEqual(states(result.instances), { send_report: "success" }, logs.join("\n"));
        const [mail] = await server.waitForMessages(1);
        assert.equal(mail.user, "alerts");
        assert.equal(mail.from, "updraft@example.com");
        assert.deepEqual(mail.recipients.sort(), [
          "ada@example.com",
          "boss@example.com",
          "data@example.com",
          "grace@example.com",
        ]);
        assert.equal(mail.headers.to, "ada@example.com, data@example.com");
        assert.equal(mail.headers.cc, "grace@example.com");
        assert.equal(mail.subject, "Report for 2024-01-03");
        assert.match(mail.html!, /^<h1>Report<\/h1><p>run manual__2024-01-03T00:00:00/);
        assert.equal(mail.attachments.length, 1);
        assert.equal(mail.attachments[0].filename, "rates-20240103.csv");
        assert.equal(
          new TextDecoder().decode(mail.attachments[0].content),
          "currency,rate\nEUR,1.09\n",
        );
        assert.doesNotMatch(logs.join("\n"), new RegExp(PASSWORD));
      },
    );
  } finally {
    await server.stop();
    await Deno.remove(reports, { recursive: true });
  }
});

Deno.test("email provider end to end: retry and failure alerts reach the server; a wrong password and an unreadable attachment fail clearly", async () => {
  const server = await startSmtpServer({ login: "alerts", password: PASSWORD });
  try {
    const counter = Deno.serve(
      { hostname: "127.0.0.1", port: 0, onListen() {} },
      () => Response.json(server.messages.length),
    );
    const countUrl = `http://127.0.0.1:${counter.addr.port}/count`;
    await withDags(
      { "email_alerts.ts": alertDag(countUrl) },
      connectionVariables(server),
      async (config) => {
        const logs = new Map<string, string>();
        const result = await testDag(config, { dagId: "email_alerts" }, {
          onTask: (report) =>
            logs.set(
              `${report.instance.taskId}#${report.instance.tryNumber}`,
              report.log ?? "",
            ),
        });
        assert.deepEqual(states(result.instances), {
          breaks: "failed",
          unreadable: "failed",
          wait_for_alerts: "success",
          wrong_password: "failed",
        });
        const address = `127.0.0.1:${server.port}`;
        const wrong = logs.get("wrong_password#1")!;
        assert.match(
          wrong,
          new RegExp(
            `connection "smtp_bad" \\(smtp at ${address}\\): sending "never" failed: ` +
              `login as "alerts" was refused \\(.*535`,
          ),
        );
        assert.match(
          logs.get("unreadable#1")!,
          /cannot attach "\/etc\/hostname": the task may not read it; add the file \(or its folder\) to the task's permissions\.read/,
        );
        const everything = [...logs.values()].join("\n");
        assert.doesNotMatch(everything, new RegExp(`${PASSWORD}|${WRONG_PASSWORD}`));

        const alerts = await server.waitForMessages(2);
        const run = result.run.runId;
        const retry = alerts.find((mail) => mail.subject.endsWith("[up_for_retry]>"))!;
        const failure = alerts.find((mail) => mail.subject.endsWith("[failed]>"))!;
        assert.equal(
          failure.subject,
          `Updraft alert: <TaskInstance: email_alerts.breaks ${run} [failed]>`,
        );
        assert.deepEqual(failure.recipients, ["oncall@example.com"]);
        assert.match(failure.html!, /DAG: email_alerts<br>/);
        assert.match(failure.html!, /Task: breaks<br>/);
        assert.match(failure.html!, /Try: 2 out of 2<br>/);
        assert.match(failure.html!, /the rates file is &#60;empty&#62; \(try 2\)/);
        const link = `https://updraft.example.com/dags/email_alerts/runs/${
          encodeURIComponent(run)
        }/tasks/breaks?try=2`;
        assert.ok(failure.html!.includes(`href="${link}"`), failure.html!);
        assert.match(retry.html!, /Try: 1 out of 2<br>/);
        assert.match(retry.html!, /\(try 1\)/);
      },
    );
    await counter.shutdown();
  } finally {
    await server.stop();
  }
});

const TLS_DAG = `import { dag } from "updraft";
import { email } from "@updraft/email";

export default dag({ id: "email_tls" }, () => {
  email({ id: "unchecked", connId: "smtp_tls_unchecked", to: "a@example.com", subject: "tls",
    htmlContent: "<p>over TLS</p>" });
  email({ id: "checked", connId: "smtp_tls", to: "a@example.com", subject: "tls",
    htmlContent: "<p>never</p>" });
});
`;

Deno.test("email provider end to end: STARTTLS in the sandbox, certificates checked unless ssl_context is none", async () => {
  const certificates = await makeTestCertificates();
  if (!certificates) return; // openssl is not installed
  const server = await startSmtpServer({
    tls: { cert: certificates.cert, key: certificates.key },
  });
  try {
    const base = `smtp://localhost:${server.port}?from_email=updraft%40example.com&starttls=true`;
    const environment = {
      UPDRAFT_CONN_SMTP_TLS: base,
      UPDRAFT_CONN_SMTP_TLS_UNCHECKED: `${base}&ssl_context=none`,
    };
    await withDags({ "email_tls.ts": TLS_DAG }, environment, async (config) => {
      const logs = new Map<string, string>();
      const result = await testDag(config, { dagId: "email_tls" }, {
        onTask: (report) => logs.set(report.instance.taskId, report.log ?? ""),
      });
      assert.deepEqual(
        states(result.instances),
        { checked: "failed", unchecked: "success" },
        [...logs.values()].join("\n"),
      );
      assert.match(
        logs.get("checked")!,
        new RegExp(
          `connection "smtp_tls" \\(smtp at localhost:${server.port}\\): sending "tls" failed: .*certificate`,
        ),
      );
      const [mail] = await server.waitForMessages(1);
      assert.equal(mail.secure, true);
      assert.equal(mail.html, "<p>over TLS</p>");
    });
  } finally {
    await server.stop();
    await certificates.remove();
  }
});

function states(instances: TaskInstance[]): Record<string, string> {
  return Object.fromEntries(
    instances.map((instance) => [instance.taskId, instance.state]).sort(),
  );
}
