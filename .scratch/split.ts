import { bundleDagFile, dataUrl } from "../src/loader/mod.ts";
import { fanoutDag } from "../bench/cases/fanout.ts";
const dir = await Deno.makeTempDir();
const urls: Record<string, string> = {};
for (const n of [1, 1000]) {
  await Deno.writeTextFile(`${dir}/f${n}.ts`, fanoutDag(`f${n}`, n, "typescript"));
  const b = await bundleDagFile(`${dir}/f${n}.ts`, { folder: dir });
  urls[n] = dataUrl(b.code);
  console.log(n, "bundle bytes", b.code.length);
}
function cpuMs() { const f = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; }
async function once(mode: string, url: string) {
  const w = new Worker(new URL("../src/executor/_sandbox_worker.bundle.js", import.meta.url), { type: "module", deno: { permissions: "none" } });
  await new Promise<void>((r) => w.onmessage = (e) => { if (e.data.type === "ready") r(); });
  if (mode === "boot") { w.terminate(); return; }
  w.postMessage({ type: "preload", moduleUrl: url });
  // close via a run of an unknown task to get a reply
  const done = new Promise<void>((r) => w.onmessage = (e) => { if (e.data.type === "result" || e.data.type === "outcome") r(); });
  w.postMessage({ type: "run", mode: "task", moduleUrl: url, dagId: mode, taskId: "t0", context: {}, renderedFields: {}, xcoms: {} });
  await done;
}
for (const [mode, url] of [["boot", ""], ["f1", urls[1]], ["f1000", urls[1000]], ["boot", ""], ["f1", urls[1]], ["f1000", urls[1000]]] as const) {
  const c0 = cpuMs(); const t0 = performance.now();
  for (let i = 0; i < 50; i++) await once(mode, url);
  console.log(mode, "cpu/iter", ((cpuMs() - c0) / 50).toFixed(1), "ms", "wall/iter", ((performance.now() - t0) / 50).toFixed(1));
}
