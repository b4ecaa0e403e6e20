/**
 * A throwaway PostgreSQL server for tests: Debian's binaries (/usr/lib/postgresql/<version>/bin),
 * a temporary data folder, a free port on 127.0.0.1, and one password-protected user and database.
 * As root the server runs as the `postgres` OS user (initdb refuses root).
 *
 * @module
 */

import { freePort, run } from "./_process.ts";

/** A running test server. */
export interface PostgresServer {
  /** `postgres://user:password@127.0.0.1:port/database`. */
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
const PASSWORD = "pg-test-secret-42";
const DATABASE = "updraft_test";

/** The newest installed PostgreSQL's bin folder, or null when none is installed. */
export function postgresBinaries(): string | null {
  let versions: number[] = [];
  try {
    versions = [...Deno.readDirSync("/usr/lib/postgresql")]
      .map((entry) => Number(entry.name))
      .filter((version) => Number.isInteger(version));
  } catch {
    return null;
  }
  for (const version of versions.sort((a, b) => b - a)) {
    const bin = `/usr/lib/postgresql/${version}/bin`;
    try {
      Deno.statSync(`${bin}/initdb`);
      return bin;
    } catch {
      // this version has no server binaries; try the next
    }
  }
  return null;
}

/** Start a PostgreSQL server; throws with its log when it does not come up. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("cannot start PostgreSQL: no /usr/lib/postgresql/*/bin/initdb");
  const asRoot = Deno.uid() === 0;
  const root = await Deno.makeTempDir({ prefix: "updraft-postgres-" });
  const data = `${root}/data`;
  const port = freePort();
  if (asRoot) {
    await Deno.chmod(root, 0o755);
    await run(["chown", "postgres:postgres", root]);
  }
  const asOwner = (args: string[]) => asRoot ? ["runuser", "-u", "postgres", "--", ...args] : args;
  try {
    await Deno.writeTextFile(`${root}/password`, PASSWORD);
    if (asRoot) await run(["chown", "postgres:postgres", `${root}/password`]);
    await run(asOwner([
      `${bin}/initdb`,
      "--pgdata",
      data,
      "--username",
      USER,
      "--pwfile",
      `${root}/password`,
      "--auth-host=scram-sha-256",
      "--auth-local=trust",
      "--no-sync",
      "--encoding=UTF8",
      "--locale=C",
    ]));
    await run(asOwner([
      `${bin}/pg_ctl`,
      "--pgdata",
      data,
      "--log",
      `${root}/server.log`,
      "--options",
      `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${root} ` +
      "-c fsync=off -c full_page_writes=off -c synchronous_commit=off",
      "--wait",
      "start",
    ]));
    await run(asOwner([
      `${bin}/psql`,
      "--host",
      root,
      "--port",
      String(port),
      "--username",
      USER,
      "--dbname",
      "postgres",
      "--quiet",
      "--command",
      `CREATE DATABASE ${DATABASE}`,
    ]));
  } catch (error) {
    const log = await Deno.readTextFile(`${root}/server.log`).catch(() => "");
    await stopAndClean(bin, data, root, asOwner);
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    host: "127.0.0.1",
    port,
    user: USER,
    password: PASSWORD,
    database: DATABASE,
    stop: () => stopAndClean(bin, data, root, asOwner),
  };
}

async function stopAndClean(
  bin: string,
  data: string,
  root: string,
  asOwner: (args: string[]) => string[],
): Promise<void> {
  await run(asOwner([`${bin}/pg_ctl`, "--pgdata", data, "--mode", "immediate", "--wait", "stop"]))
    .catch(() => {});
  await Deno.remove(root, { recursive: true }).catch(() => {});
}
