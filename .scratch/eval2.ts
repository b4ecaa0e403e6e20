import { dag, task } from "../src/sdk/mod.ts";
import { setTrustedEvaluation } from "../src/sdk/runtime/mod.ts";
setTrustedEvaluation(true);
for (let k = 0; k < 200; k++) {
  dag({ id: "f" + k }, () => { for (let i = 0; i < 1000; i++) task({ id: `t${i}` }, () => {}); });
}
