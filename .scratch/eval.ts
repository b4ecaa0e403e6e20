import { dag, task } from "../src/sdk/mod.ts";
import { setCallSiteCapture, runTask } from "../src/sdk/runtime/mod.ts";
setCallSiteCapture(false);
for (const n of [200, 1000, 1000, 1000]) {
  const t0 = performance.now();
  const d = dag({ id: "f" + n + Math.random() }, () => { for (let i = 0; i < n; i++) task({ id: `t${i}` }, () => {}); });
  const t1 = performance.now();
  console.log(n, (t1 - t0).toFixed(2), "ms");
}
