import assert from "node:assert/strict";
import type { TaskConnection } from "updraft";
import { makeTestCertificates } from "../../tests/servers/http.ts";
import { startSmtpServer } from "../../tests/servers/smtp.ts";
import { SmtpHook, testConnection } from "./mod.ts";
import { addressList, smtpSettings } from "./_settings.ts";

const PASSWORD = "smtp-secret-password";

function connection(fields: Partial<TaskConnection>): TaskConnection {
  return {
    connId: "mail",
    connType: "smtp",
    host: "127.0.0.1",
    schema: null,
    login: null,
    password: null,
    port: null,
    extra: {},
    ...fields,
  };
}

Deno.test("SmtpHook: logs in, sends to, cc and bcc with an HTML body and an attachment", async () => {
  const server = await startSmtpServer({ login: "alerts", password: PASSWORD });
  try {
    const hook = new SmtpHook(connection({
      port: server.port,
      login: "alerts",
      password: PASSWORD,
      extra: { from_email: "updraft@example.com", disable_ssl: "true" },
    }));
    const sent = await hook.send({
      to: "ada@example.com; alan@example.com",
      cc: ["grace@example.com"],
      bcc: "boss@example.com",
      subject: "Rates for 2024-01-03 ✓",
      html: "<h1>Rates</h1><p>3 rows</p>",
      attachments: [{ filename: "rates.csv", content: new TextEncoder().encode("eur,1.1\n") }],
      headers: { "X-Updraft-Run": "manual__1" },
    });
    assert.deepEqual(sent.accepted.sort(), [
      "ada@example.com",
      "alan@example.com",
      "boss@example.com",
      "grace@example.com",
    ]);
    const [mail] = await server.waitForMessages(1);
    assert.equal(mail.user, "alerts");
    assert.equal(mail.from, "updraft@example.com");
    assert.deepEqual(mail.recipients.sort(), sent.accepted.sort());
    assert.equal(mail.subject, "Rates for 2024-01-03 ✓");
    assert.equal(mail.headers.cc, "grace@example.com");
    assert.equal(mail.headers.bcc, undefined);
    assert.equal(mail.headers["x-updraft-run"], "manual__1");
    assert.equal(mail.html, "<h1>Rates</h1><p>3 rows</p>");
    assert.equal(mail.attachments.length, 1);
    assert.equal(mail.attachments[0].filename, "rates.csv");
    assert.equal(new TextDecoder().decode(mail.attachments[0].content), "eur,1.1\n");
  } finally {
    await server.stop();
  }
});

Deno.test("SmtpHook: a refused login, an unreachable host and a missing sender name the connection and host, never the password", async () => {
  const server = await startSmtpServer({ login: "alerts", password: PASSWORD });
  try {
    const hook = new SmtpHook(connection({
      port: server.port,
      login: "alerts",
      password: "wrong-smtp-password",
      extra: { from_email: "updraft@example.com" },
    }));
    const error: Error = await hook.send({ to: "ada@example.com", subject: "hi", html: "x" })
      .then(() => assert.fail("the login should be refused"), (error) => error);
    assert.match(
      error.message,
      new RegExp(
        `^connection "mail" \\(smtp at 127\\.0\\.0\\.1:${server.port}\\): sending "hi" failed: ` +
          `login as "alerts" was refused \\(.*535`,
      ),
    );
    assert.doesNotMatch(error.message, /wrong-smtp-password/);
    await assert.rejects(
      new SmtpHook(connection({ port: server.port })).send({ to: "a@example.com", subject: "s" }),
      /connection "mail" \(smtp at 127\.0\.0\.1:\d+\): sending "s": no sender; set `from`/,
    );
  } finally {
    await server.stop();
  }
  const hook = new SmtpHook(
    connection({ port: server.port, extra: { from_email: "u@example.com" } }),
  );
  await assert.rejects(
    hook.send({ to: "a@example.com", subject: "s" }),
    new RegExp(
      `connection "mail" \\(smtp at 127\\.0\\.0\\.1:${server.port}\\): sending "s" failed: could not connect \\(.*ECONNREFUSED`,
    ),
  );
});

Deno.test("smtp settings: Airflow's fields, URI-style strings, default ports", () => {
  const plain = smtpSettings(connection({}));
  assert.equal(plain.port, 25);
  assert.equal(plain.ssl, false);
  assert.equal(plain.starttls, "auto");
  const ssl = smtpSettings(connection({ port: 465, login: "me@example.com" }));
  assert.equal(ssl.ssl, true);
  assert.equal(ssl.fromEmail, "me@example.com");
  const airflow = smtpSettings(
    connection({
      extra: { disable_ssl: "false", disable_tls: true, timeout: "5", ssl_context: "none" },
    }),
  );
  assert.deepEqual(
    [airflow.ssl, airflow.port, airflow.starttls, airflow.timeoutMs, airflow.verifyCertificates],
    [true, 465, "never", 5000, false],
  );
  assert.equal(
    smtpSettings(connection({ port: 587, extra: { starttls: true } })).starttls,
    "require",
  );
  assert.throws(
    () => smtpSettings(connection({ host: "" })),
    /connection "mail" \(smtp\): it has no host/,
  );
  assert.deepEqual(addressList(["a@x.org, b@x.org", " c@x.org ;"]), [
    "a@x.org",
    "b@x.org",
    "c@x.org",
  ]);
});

Deno.test("testConnection: logs in without sending; a refused login is a failure naming the connection", async () => {
  const server = await startSmtpServer({ login: "alerts", password: PASSWORD });
  try {
    const good = await testConnection(
      connection({ port: server.port, login: "alerts", password: PASSWORD }),
    );
    assert.deepEqual(good, {
      status: true,
      message:
        `Connection successfully tested (connection "mail" (smtp at 127.0.0.1:${server.port}))`,
    });
    const refused = await testConnection(
      connection({ port: server.port, login: "alerts", password: "not-it-at-all" }),
    );
    assert.equal(refused.status, false);
    assert.match(refused.message, /connecting failed: login as "alerts" was refused/);
    assert.doesNotMatch(refused.message, /not-it-at-all/);
    assert.equal(server.messages.length, 0);
  } finally {
    await server.stop();
  }
});

Deno.test("SmtpHook: STARTTLS and SMTPS; certificates checked unless ssl_context is none", async () => {
  const certificates = await makeTestCertificates();
  if (!certificates) return; // openssl is not installed
  const tls = { cert: certificates.cert, key: certificates.key };
  const starttls = await startSmtpServer({ tls });
  const smtps = await startSmtpServer({ tls, secure: true });
  try {
    const send = (port: number, extra: TaskConnection["extra"]) =>
      new SmtpHook(
        connection({ host: "localhost", port, extra: { from_email: "u@x.org", ...extra } }),
      )
        .send({ to: "a@example.com", subject: "tls", text: "hi" });
    await assert.rejects(
      send(starttls.port, { starttls: true }),
      new RegExp(
        `connection "mail" \\(smtp at localhost:${starttls.port}\\): sending "tls" failed`,
      ),
    );
    await send(starttls.port, { starttls: true, ssl_context: "none" });
    await send(smtps.port, { ssl: true, ssl_context: "none" });
    const [upgraded] = await starttls.waitForMessages(1);
    const [direct] = await smtps.waitForMessages(1);
    assert.equal(upgraded.secure, true);
    assert.equal(direct.secure, true);
    assert.equal(direct.text, "hi");
  } finally {
    await starttls.stop();
    await smtps.stop();
    await certificates.remove();
  }
});
