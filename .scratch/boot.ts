function cpuMs() { const f = Deno.readTextFileSync("/proc/self/stat").split(") ")[1].split(" "); return (Number(f[11]) + Number(f[12])) * 10; }
const scripts = { floor: new URL("../bench/_floor_worker.ts", import.meta.url), sandbox: new URL("../src/executor/_sandbox_worker.bundle.js", import.meta.url) };
async function once(url: URL, closeSelf: boolean) {
  const w = new Worker(url, { type: "module", deno: { permissions: "none" } });
  const p = new Promise<void>((r) => w.onmessage = () => r()); w.postMessage({ type: "x" }); await p;
  w.terminate();
}
for (const name of ["floor", "sandbox", "floor", "sandbox"] as const) {
  const c0 = cpuMs(); const t0 = performance.now();
  for (let i = 0; i < 50; i++) await once(scripts[name], false);
  console.log(name, "cpu/iter", ((cpuMs() - c0) / 50).toFixed(1), "wall", ((performance.now() - t0) / 50).toFixed(1));
}
