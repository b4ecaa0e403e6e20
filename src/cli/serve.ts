/**
 * `updraft serve` (everything in one process), `updraft scheduler` (no HTTP server) and
 * `updraft version`.
 *
 * @module
 */

import { startServer, VERSION } from "../app/mod.ts";
import type { CommandSpec } from "./_command.ts";
import { EXIT_CODES } from "./_errors.ts";
import type { Session } from "./_session.ts";

async function runServer(session: Session, http: boolean): Promise<number> {
  const config = await session.config();
  const stop = session.interruption();
  const server = await startServer(config, {
    http,
    clock: session.clock,
    log: (line) => session.io.out(`${line}\n`),
  });
  if (!stop.aborted) {
    session.io.out("Press Ctrl+C to stop.\n");
    await new Promise<void>((resolve) =>
      stop.addEventListener("abort", () => resolve(), { once: true })
    );
  }
  session.io.out("Stopping: waiting for the scheduler, the executor and the server…\n");
  await server.stop();
  session.io.out("Stopped.\n");
  return EXIT_CODES.success;
}

/** The commands of this file. */
export const SERVE_COMMANDS: CommandSpec[] = [
  {
    words: ["serve"],
    summary: "Run everything in one process: scheduler, executor, DAG watcher, REST API",
    description:
      "Watches the DAG folder, schedules and runs tasks, and serves the REST API. On first start " +
      "with no users it creates 'admin' and prints its password once (or takes " +
      "UPDRAFT_ADMIN_PASSWORD). Stops cleanly on SIGINT or SIGTERM and exits 0.",
    serverFlags: true,
    examples: [
      "serve --dags-folder ./dags --unpause-new-dags",
      "serve --home /var/lib/updraft --port 9090",
    ],
    run: (_input, session) => runServer(session, true),
  },
  {
    words: ["scheduler"],
    summary: "Run the scheduler, executor and DAG watcher without the HTTP server",
    description: "Like 'serve' without the REST API. Stops cleanly on SIGINT or SIGTERM.",
    serverFlags: true,
    examples: ["scheduler --dags-folder ./dags"],
    run: (_input, session) => runServer(session, false),
  },
  {
    words: ["version"],
    summary: "Print Updraft's version",
    examples: ["version"],
    run: (_input, session) => {
      session.io.out(`${VERSION}\n`);
      return Promise.resolve(EXIT_CODES.success);
    },
  },
];
