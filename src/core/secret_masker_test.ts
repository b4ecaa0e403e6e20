import assert from "node:assert/strict";
import type { Connection } from "./records.ts";
import { MASK, maskJson, secretMasker, secretsOf } from "./secret_masker.ts";

function connection(overrides: Partial<Connection>): Connection {
  return {
    connId: "db",
    connType: "postgres",
    description: null,
    host: "db.internal",
    schema: null,
    login: "etl",
    password: null,
    port: 5432,
    extra: null,
    ...overrides,
  };
}

Deno.test("secretsOf: passwords, sensitive extra values at any depth, sensitive variables", () => {
  const secrets = secretsOf([
    connection({ password: "hunter22" }),
    connection({
      connId: "api",
      extra: JSON.stringify({ region: "eu", auth: { api_key: "k-12345", token: ["t-67890"] } }),
    }),
    connection({ connId: "plain", extra: "not json" }),
  ], { db_password: "pw-from-var", region: "eu-west-1" });
  assert.deepEqual(secrets.sort(), ["hunter22", "k-12345", "pw-from-var", "t-67890"]);
});

Deno.test("secretMasker: every occurrence, percent-encoded and JSON-escaped forms, longest first", () => {
  const mask = secretMasker(["p@ss/word", "p@ss/word-long", 'quote"secret']);
  assert.equal(
    mask("uri postgres://etl:p%40ss%2Fword@db/x and p@ss/word and p@ss/word-long twice p@ss/word"),
    `uri postgres://etl:${MASK}@db/x and ${MASK} and ${MASK} twice ${MASK}`,
  );
  assert.equal(mask('{"password":"quote\\"secret"}'), `{"password":"${MASK}"}`);
});

Deno.test("secretMasker: secrets shorter than 5 characters and no secrets leave text alone", () => {
  assert.equal(secretMasker(["abc", ""])("abc and more"), "abc and more");
  assert.equal(secretMasker([])("text"), "text");
  assert.equal(secretMasker(["a.b*c(d)"])("x a.b*c(d) y axbbc"), `x ${MASK} y axbbc`);
});

Deno.test("maskJson: masks strings at any depth, keeps other values", () => {
  const mask = secretMasker(["hunter22"]);
  assert.deepEqual(
    maskJson(
      { command: "echo hunter22", env: { PW: "hunter22" }, n: 3, list: ["hunter22", null] },
      mask,
    ),
    { command: `echo ${MASK}`, env: { PW: MASK }, n: 3, list: [MASK, null] },
  );
});
