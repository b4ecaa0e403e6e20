import assert from "node:assert/strict";
import { connectionPermissions, hostAndPort } from "./connection_permissions.ts";
import type { Connection } from "./records.ts";

function connection(overrides: Partial<Connection>): Connection {
  return {
    connId: "c",
    connType: "generic",
    description: null,
    host: null,
    schema: null,
    login: null,
    password: null,
    port: null,
    extra: null,
    ...overrides,
  };
}

Deno.test("connectionPermissions: host and port, with each type's default port", () => {
  assert.deepEqual(connectionPermissions(connection({ connType: "postgres", host: "db" })), {
    net: ["db:5432"],
  });
  assert.deepEqual(
    connectionPermissions(connection({ connType: "mysql", host: "maria", port: 3307 })),
    { net: ["maria:3307"] },
  );
  assert.deepEqual(connectionPermissions(connection({ connType: "smtp", host: "mail" })), {
    net: ["mail:25"],
  });
  assert.deepEqual(connectionPermissions(connection({ connType: "http", host: "api.example" })), {
    net: ["api.example:80"],
  });
  assert.deepEqual(
    connectionPermissions(connection({ connType: "http", host: "api.example", schema: "https" })),
    { net: ["api.example:443"] },
  );
  assert.deepEqual(connectionPermissions(connection({ connType: "generic" })), {});
  assert.deepEqual(
    connectionPermissions(connection({ connType: "spark", host: "spark://master", port: 7077 })),
    {},
    "spark-submit runs outside the sandbox",
  );
});

Deno.test("connectionPermissions: a host written as a URL gives its host and the scheme's port", () => {
  assert.deepEqual(
    connectionPermissions(connection({ connType: "http", host: "https://api.example/v1" })),
    { net: ["api.example:443"] },
  );
  assert.equal(hostAndPort("http://localhost:8081/x", { port: 9 }), "localhost:8081");
  assert.equal(hostAndPort("[::1]", { defaultPort: 5432 }), "[::1]:5432");
  assert.equal(hostAndPort("https://a.example", { port: 8443, defaultPort: 80 }), "a.example:8443");
  assert.equal(hostAndPort("", { port: 1 }), null);
});

Deno.test("connectionPermissions: SQLite gets its file and journal files, nothing on the network", () => {
  const files = ["/data/a.db", "/data/a.db-journal", "/data/a.db-wal", "/data/a.db-shm"];
  assert.deepEqual(connectionPermissions(connection({ connType: "sqlite", host: "/data/a.db" })), {
    read: files,
    write: files,
  });
  assert.deepEqual(connectionPermissions(connection({ connType: "sqlite", host: ":memory:" })), {});
});

Deno.test("connectionPermissions: S3 reaches the endpoint from extra, else AWS for the region", () => {
  assert.deepEqual(
    connectionPermissions(connection({
      connType: "aws",
      extra: JSON.stringify({ endpoint_url: "http://127.0.0.1:4569" }),
    })),
    { net: ["127.0.0.1:4569"] },
  );
  assert.deepEqual(
    connectionPermissions(connection({
      connType: "aws",
      extra: JSON.stringify({ region_name: "eu-west-1" }),
    })),
    { net: ["s3.amazonaws.com", "s3.eu-west-1.amazonaws.com", "sts.amazonaws.com"] },
  );
});
