/**
 * Test helpers: a temporary home and DAG folder, DAG files written into it, and `main` run with
 * its output captured.
 *
 * @module
 */

import { MultiFernet } from "../core/mod.ts";
import { SqliteStore } from "../store/mod.ts";
import type { TestConnection } from "../app/mod.ts";
import { main } from "./cli.ts";
import type { Io } from "./_output.ts";

/** What one command did. */
export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** Options of {@link CliFixture.run}. */
export interface RunOptions {
  stdinIsTerminal?: boolean;
  stderrIsTerminal?: boolean;
  /** Answers to confirmation questions; the questions are recorded. */
  confirm?: (question: string) => boolean;
  env?: Record<string, string>;
  signal?: AbortSignal;
  /** Sees stdout as it is written. */
  onOutput?: (text: string) => void;
  /** Tests connections instead of the installed providers. */
  testConnection?: TestConnection;
}

/** A temporary Updraft home with a DAG folder, removed by `dispose()`. */
export class CliFixture {
  /** The temporary root. */
  readonly root: string;
  /** The home folder (not created until a command writes to it). */
  readonly home: string;
  /** The DAG folder. */
  readonly dags: string;

  private constructor(root: string) {
    this.root = root;
    this.home = `${root}/home`;
    this.dags = `${root}/dags`;
  }

  /** A fresh fixture. */
  static async create(): Promise<CliFixture> {
    const fixture = new CliFixture(await Deno.makeTempDir({ prefix: "updraft-cli-test-" }));
    await Deno.mkdir(fixture.dags);
    return fixture;
  }

  /** The SQLite file of the home folder. */
  get database(): string {
    return `${this.home}/updraft.db`;
  }

  /** The home folder's store, opened with its Fernet key as the program opens it. */
  async openStore(): Promise<SqliteStore> {
    const key = await Deno.readTextFile(`${this.home}/fernet_key`);
    return SqliteStore.open(this.database, { cipher: MultiFernet.fromText(key) });
  }

  /** Write a DAG file into the DAG folder. */
  async writeDag(name: string, source: string): Promise<void> {
    await Deno.writeTextFile(`${this.dags}/${name}`, source);
  }

  /** Run `updraft <args> --home <home> --dags-folder <dags>` and capture what it printed. */
  async run(args: string[], options: RunOptions = {}): Promise<Captured> {
    let stdout = "";
    let stderr = "";
    const io: Io = {
      out: (text) => {
        stdout += text;
        options.onOutput?.(text);
      },
      err: (text) => (stderr += text),
      stdinIsTerminal: options.stdinIsTerminal ?? false,
      stderrIsTerminal: options.stderrIsTerminal ?? false,
      confirm: (question) => Promise.resolve(options.confirm?.(question) ?? false),
      env: { UPDRAFT_PREBOOTED_SANDBOXES: "1", ...options.env },
    };
    const code = await main([...args, "--home", this.home, "--dags-folder", this.dags], {
      io,
      signal: options.signal,
      testConnection: options.testConnection,
    });
    return { code, stdout, stderr };
  }

  /** Remove everything. */
  async dispose(): Promise<void> {
    await Deno.remove(this.root, { recursive: true });
  }
}

/** A DAG with a TypeScript task and a bash task after it, daily from 2024-01-01, unpaused. */
export function passingDag(dagId: string): string {
  return `import { bash, chain, dag, task } from "updraft";

export default dag({
  id: "${dagId}",
  schedule: "@daily",
  startDate: "2024-01-01",
  isPausedUponCreation: false,
  owner: "ada",
}, () => {
  const hello = task({ id: "hello" }, (ctx) => {
    ctx.log("hello from", ctx.ds, "with", JSON.stringify(ctx.params));
    return { day: ctx.ds };
  });
  const shout = bash({ id: "shout", command: "echo shouting on {{ ds }}" });
  chain(hello, shout);
});
`;
}

/** A DAG whose second task throws. */
export function failingDag(dagId: string): string {
  return `import { chain, dag, task } from "updraft";

export default dag({ id: "${dagId}", schedule: null, isPausedUponCreation: false }, () => {
  const first = task({ id: "first" }, () => 1);
  const broken = task({ id: "broken" }, () => {
    throw new Error("this task always breaks");
  });
  const after = task({ id: "after" }, () => 2);
  chain(first, broken, after);
});
`;
}
