import assert from "node:assert/strict";
import { insertBatches, quoteName } from "./_insert.ts";

Deno.test("insertBatches groups rows by batch and writes each dialect's placeholders", () => {
  const rows = [{ id: 1, name: "a" }, { id: 2, name: "b" }, { id: 3 }];
  const batches = insertBatches("postgres", "public.users", rows, { batchSize: 2 });
  assert.deepEqual(batches, [
    [{
      sql: "INSERT INTO public.users (id, name) VALUES ($1, $2), ($3, $4)",
      parameters: [1, "a", 2, "b"],
      rowCount: 2,
    }],
    [{
      sql: "INSERT INTO public.users (id, name) VALUES ($1, $2)",
      parameters: [3, null],
      rowCount: 1,
    }],
  ]);
  const [[mysql]] = insertBatches("mysql", "users", [[1, "a"]]);
  assert.equal(mysql.sql, "INSERT INTO users VALUES (?, ?)");
});

Deno.test("insertBatches writes upserts and replaces per dialect", () => {
  const rows = [{ id: 1, name: "a", city: "x" }];
  const sql = (dialect: "sqlite" | "postgres" | "mysql", options: object) =>
    insertBatches(dialect, "users", rows, options)[0][0].sql;
  assert.equal(
    sql("sqlite", { keyColumns: ["id"] }),
    "INSERT INTO users (id, name, city) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET " +
      "name = excluded.name, city = excluded.city",
  );
  assert.equal(
    sql("mysql", { keyColumns: ["id"] }),
    "INSERT INTO users (id, name, city) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE " +
      "name = VALUES(name), city = VALUES(city)",
  );
  assert.equal(
    sql("postgres", { keyColumns: ["id", "name", "city"] }),
    "INSERT INTO users (id, name, city) VALUES ($1, $2, $3) ON CONFLICT (id, name, city) DO NOTHING",
  );
  assert.match(sql("sqlite", { replace: true }), /^INSERT OR REPLACE INTO users/);
  assert.match(sql("mysql", { replace: true }), /^REPLACE INTO users/);
  assert.throws(() => sql("postgres", { replace: true }), /needs keyColumns/);
  assert.throws(() => sql("sqlite", { keyColumns: ["zip"] }), /keyColumns zip not among/);
});

Deno.test("insertBatches splits a batch at the dialect's parameter limit", () => {
  const rows = Array.from({ length: 40_000 }, (_, index) => [index, index]);
  const [batch] = insertBatches("sqlite", "t", rows, { columns: ["a", "b"], batchSize: 40_000 });
  assert.deepEqual(batch.map((statement) => statement.rowCount), [16_383, 16_383, 7_234]);
});

Deno.test("insertBatches refuses mixed rows, uneven rows and a bad batch size", () => {
  assert.throws(() => insertBatches("sqlite", "t", [[1], { a: 1 }]), /row 2: rows must all be/);
  assert.throws(
    () => insertBatches("sqlite", "t", [[1, 2], [1]]),
    /row 2 has 1 values, expected 2/,
  );
  assert.throws(() => insertBatches("sqlite", "t", [[1]], { batchSize: 0 }), /batchSize/);
});

Deno.test("quoteName leaves plain names alone and quotes the rest", () => {
  assert.equal(quoteName("sales.orders", "postgres"), "sales.orders");
  assert.equal(quoteName("order items", "postgres"), '"order items"');
  assert.equal(quoteName("order items", "mysql"), "`order items`");
  assert.equal(quoteName('"Mixed"', "sqlite"), '"Mixed"');
});
