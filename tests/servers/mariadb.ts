/**
 * A throwaway MariaDB server for tests: Debian's `mariadbd`, a temporary data folder, a free port
 * on 127.0.0.1, and one password-protected user with its own database (made by an init file).
 * As root the server runs with `--user=root`.
 *
 * @module
 */

import { freePort, run } from "./_process.ts";

/** A running test server. */
export interface MariadbServer {
  /** `mysql://user:password@127.0.0.1:port/database`. */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** Stop the server and remove its data folder. */
  stop(): Promise<void>;
}

const USER = "updraft";
const PASSWORD = "maria-test-secret-42";
const DATABASE = "updraft_test";
const SERVER_PATHS = ["/usr/sbin/mariadbd", "/usr/bin/mariadbd", "/usr/sbin/mysqld"];
const START_LIMIT_MS = 60_000;

/** The MariaDB server binary, or null when none is installed. */
export function mariadbBinary(): string | null {
  for (const path of SERVER_PATHS) {
    try {
      Deno.statSync(path);
      return path;
    } catch {
      // not here; try the next
    }
  }
  return null;
}

/** Start a MariaDB server; throws with its log when it does not come up. */
export async function startMariadb(): Promise<MariadbServer> {
  const server = mariadbBinary();
  if (!server) throw new Error("cannot start MariaDB: no mariadbd installed");
  const root = await Deno.makeTempDir({ prefix: "updraft-mariadb-" });
  const data = `${root}/data`;
  const port = freePort();
  const user = Deno.uid() === 0 ? ["--user=root"] : [];
  const logFile = `${root}/server.log`;
  let child: Deno.ChildProcess | null = null;
  const stop = async () => {
    if (child) {
      try {
        child.kill("SIGTERM");
      } catch {
        // already gone
      }
      await child.status;
      child = null;
    }
    await Deno.remove(root, { recursive: true }).catch(() => {});
  };
  try {
    await run([
      "mariadb-install-db",
      "--no-defaults",
      `--datadir=${data}`,
      "--auth-root-authentication-method=socket",
      "--skip-test-db",
      ...user,
    ]);
    await Deno.writeTextFile(
      `${root}/init.sql`,
      `CREATE DATABASE IF NOT EXISTS ${DATABASE};\n` +
        `CREATE USER IF NOT EXISTS '${USER}'@'%' IDENTIFIED BY '${PASSWORD}';\n` +
        `GRANT ALL PRIVILEGES ON *.* TO '${USER}'@'%';\n`,
    );
    child = new Deno.Command(server, {
      args: [
        "--no-defaults",
        `--datadir=${data}`,
        `--socket=${root}/mysqld.sock`,
        `--pid-file=${root}/mysqld.pid`,
        `--log-error=${logFile}`,
        `--init-file=${root}/init.sql`,
        "--bind-address=127.0.0.1",
        `--port=${port}`,
        "--skip-name-resolve",
        "--innodb-flush-log-at-trx-commit=0",
        "--innodb-buffer-pool-size=32M",
        ...user,
      ],
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    await waitUntilReady(logFile, child);
  } catch (error) {
    const log = await Deno.readTextFile(logFile).catch(() => "");
    await stop();
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url: `mysql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    stop,
  };
}

/** The server writes "ready for connections" once the init file ran and the port listens. */
async function waitUntilReady(logFile: string, child: Deno.ChildProcess): Promise<void> {
  let exited = false;
  child.status.then(() => exited = true);
  const deadline = Date.now() + START_LIMIT_MS;
  while (Date.now() < deadline) {
    const log = await Deno.readTextFile(logFile).catch(() => "");
    if (log.includes("ready for connections")) return;
    if (exited) throw new Error("mariadbd exited while starting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`mariadbd was not ready after ${START_LIMIT_MS / 1000} s`);
}
