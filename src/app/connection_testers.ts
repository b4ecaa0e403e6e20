/**
 * Testing a connection (Airflow's `test_connection`), for `updraft connections test` and
 * `POST /api/v1/connections/test`: each provider package tests the connection types it serves
 * by exporting `testConnection(connection)`; a type no provider tests answers
 * `{status: false}` saying so. Tests run in this process (with its permissions), bounded by a
 * timeout, and no message ever holds the connection's password or secret extras.
 *
 * @module
 */

import { type Connection, type JsonObject, secretMasker, secretsOf } from "../core/mod.ts";
import type { TaskConnection } from "../sdk/mod.ts";

/** What a connection test found, in Airflow's shape. */
export interface ConnectionTestResult {
  status: boolean;
  message: string;
}

/** Tests one connection: what a provider's `testConnection` export does. */
export type ConnectionTester = (connection: TaskConnection) => Promise<ConnectionTestResult>;

/** Tests a stored-form connection: the service the CLI and the REST API are given. */
export type TestConnection = (connection: Connection) => Promise<ConnectionTestResult>;

/** The provider package that tests each connection type. */
export const PROVIDER_OF_CONN_TYPE: Readonly<Record<string, string>> = {
  postgres: "@updraft/sql",
  postgresql: "@updraft/sql",
  mysql: "@updraft/sql",
  mariadb: "@updraft/sql",
  sqlite: "@updraft/sql",
  http: "@updraft/http",
  https: "@updraft/http",
  aws: "@updraft/s3",
  s3: "@updraft/s3",
  smtp: "@updraft/email",
  email: "@updraft/email",
};

/** How long a test may take before it counts as failed. */
export const CONNECTION_TEST_TIMEOUT_MS = 30_000;

/**
 * The testers the given provider modules export, by connection type; a provider without a
 * `testConnection` export tests nothing.
 */
export function providerConnectionTesters(
  modules: Readonly<Record<string, Record<string, unknown>>>,
): Map<string, ConnectionTester> {
  const testers = new Map<string, ConnectionTester>();
  for (const [connType, packageName] of Object.entries(PROVIDER_OF_CONN_TYPE)) {
    const tester = modules[packageName]?.testConnection;
    if (typeof tester === "function") testers.set(connType, tester as ConnectionTester);
  }
  return testers;
}

/** The testers of the provider packages embedded in the program, loaded on first use. */
export async function installedConnectionTesters(): Promise<Map<string, ConnectionTester>> {
  const { PROVIDER_MODULES } = await import("../../providers/installed.ts");
  return providerConnectionTesters(PROVIDER_MODULES);
}

/** Options of {@link connectionTest}. */
export interface ConnectionTestOptions {
  /** Default {@link CONNECTION_TEST_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * The connection test the CLI and the API use: find the tester of the connection's type (among
 * `testers`, default: the installed providers'), run it with a timeout, and turn whatever
 * happens into `{status, message}` with secrets masked.
 */
export function connectionTest(
  testers?: ReadonlyMap<string, ConnectionTester>,
  options: ConnectionTestOptions = {},
): TestConnection {
  const timeoutMs = options.timeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
  let loaded: Promise<ReadonlyMap<string, ConnectionTester>> | null = null;
  return async (connection) => {
    const mask = secretMasker(secretsOf([connection]));
    const known =
      await (loaded ??= testers ? Promise.resolve(testers) : installedConnectionTesters());
    const tester = known.get(connection.connType.toLowerCase());
    if (tester === undefined) {
      const testable = [...known.keys()].sort();
      return {
        status: false,
        message: `connection "${connection.connId}" is not testable: no provider tests conn ` +
          `type "${connection.connType}" (${
            testable.length === 0 ? "no type is testable yet" : `testable: ${testable.join(", ")}`
          })`,
      };
    }
    const given = taskConnection(connection);
    if (typeof given === "string") return { status: false, message: mask(given) };
    try {
      const result = await withTimeout(tester(given), timeoutMs, connection);
      return { status: result.status === true, message: mask(String(result.message ?? "")) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { status: false, message: mask(message) };
    }
  };
}

/** The connection as a task would see it, or why it cannot be tested. */
function taskConnection(connection: Connection): TaskConnection | string {
  let extra: unknown = {};
  if (connection.extra !== null && connection.extra.trim() !== "") {
    try {
      extra = JSON.parse(connection.extra);
    } catch {
      extra = null;
    }
    if (extra === null || typeof extra !== "object" || Array.isArray(extra)) {
      return `connection "${connection.connId}" cannot be tested: its extra is not a JSON object`;
    }
  }
  return {
    connId: connection.connId,
    connType: connection.connType,
    host: connection.host,
    schema: connection.schema,
    login: connection.login,
    password: connection.password,
    port: connection.port,
    extra: extra as JsonObject,
  };
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number, connection: Connection): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const where = connection.host ? ` (${connection.connType} at ${connection.host})` : "";
      reject(
        new Error(
          `testing connection "${connection.connId}"${where} timed out after ${timeoutMs / 1000} s`,
        ),
      );
    }, timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
