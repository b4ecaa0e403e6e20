import { startServer } from "../tests/server_process.ts";
import { fanoutDag } from "./cases/fanout.ts";
import { timedRun } from "./_runs.ts";

const kind = (Deno.args[0] ?? "typescript") as "typescript" | "bash";
const count = Number(Deno.args[1] ?? 1000);
function cpu(pid: number): number {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const f = stat.split(") ")[1].split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return 0; }
}
function children(pid: number): number[] {
  const out: number[] = [];
  for (const t of Deno.readDirSync(`/proc/${pid}/task`)) {
    try { out.push(...Deno.readTextFileSync(`/proc/${pid}/task/${t.name}/children`).split(/\s+/).filter(Boolean).map(Number)); } catch { /* gone */ }
  }
  return out;
}
const server = await startServer({ dags: { "fanout.ts": fanoutDag("fanout", count, kind) } });
await timedRun(server, "fanout");
const seen = new Map<number, number>();
const sample = () => { for (const c of children(server.pid)) seen.set(c, cpu(c)); };
sample();
const before = new Map(seen);
const serverBefore = cpu(server.pid);
const timer = setInterval(sample, 100);
const run = await timedRun(server, "fanout");
clearInterval(timer);
sample();
let hosts = 0;
for (const [pid, ms] of seen) hosts += ms - (before.get(pid) ?? 0);
console.log(JSON.stringify({ kind, totalMs: run.totalMs, serverCpuMs: cpu(server.pid) - serverBefore, hostCpuMs: hosts, hostPids: seen.size }));
await server.stop();
