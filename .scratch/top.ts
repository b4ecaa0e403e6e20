const file = [...Deno.readDirSync(Deno.args[0])][0].name;
const prof = JSON.parse(Deno.readTextFileSync(`${Deno.args[0]}/${file}`));
const self = new Map<number, number>();
const dt = prof.timeDeltas; 
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (dt[i] ?? 0));
const byFn = new Map<string, number>();
for (const n of prof.nodes) { const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").slice(-2).join("/")}:${n.callFrame.lineNumber+1}`; byFn.set(k, (byFn.get(k) ?? 0) + (self.get(n.id) ?? 0)); }
const total = [...byFn.values()].reduce((a, b) => a + b, 0);
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(Deno.args[1] ?? 25))) console.log((v / 1000).toFixed(1).padStart(8), "ms", (100 * v / total).toFixed(1).padStart(5) + "%", k);
