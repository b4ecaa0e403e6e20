import assert from "node:assert/strict";
import { splitStatements } from "./split_statements.ts";

Deno.test("splitStatements keeps semicolons inside strings, names and comments", () => {
  const script = `
    INSERT INTO t VALUES ('a;b', 'it''s; fine'); -- trailing; comment
    /* block; comment */ UPDATE "odd;name" SET a = 1;
    SELECT 1
  `;
  assert.deepEqual(splitStatements(script, "sqlite"), [
    "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
    // A comment after a semicolon opens the next statement (the server ignores it).
    `-- trailing; comment\n    /* block; comment */ UPDATE "odd;name" SET a = 1`,
    "SELECT 1",
  ]);
});

Deno.test("splitStatements drops empty and comment-only statements", () => {
  assert.deepEqual(splitStatements(";; -- nothing\n ; SELECT 1;\n-- done", "postgres"), [
    "SELECT 1",
  ]);
  assert.deepEqual(splitStatements("   ", "mysql"), []);
});

Deno.test("splitStatements reads PostgreSQL dollar quotes, not parameters", () => {
  const script =
    `CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
    SELECT $1 + $2; SELECT $$a;b$$`;
  assert.deepEqual(splitStatements(script, "postgres"), [
    "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql",
    "SELECT $1 + $2",
    "SELECT $$a;b$$",
  ]);
});

Deno.test("splitStatements reads MySQL backslash escapes, backticks and # comments", () => {
  const script = "INSERT INTO `a;b` VALUES ('x\\';y'); # note; here\nSELECT 2";
  assert.deepEqual(splitStatements(script, "mysql"), [
    "INSERT INTO `a;b` VALUES ('x\\';y')",
    "# note; here\nSELECT 2",
  ]);
  // Elsewhere a backslash is an ordinary character inside a string.
  assert.deepEqual(splitStatements("SELECT 'C:\\'; SELECT 2", "postgres"), [
    "SELECT 'C:\\'",
    "SELECT 2",
  ]);
});
