/**
 * The TypeScript function sensor end to end (DAG file → parse → scheduler → sandbox), in poke
 * and reschedule mode: pokes until done, passes its value on, times out without retrying or is
 * skipped with softFail.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { runDag, withDags } from "./_dags.ts";

/** A sensor done at its third poke, counting pokes in a file; its value goes downstream. */
const COUNTING = (data: string, mode: string) => `
import { dag, sensor, task } from "updraft";

export default dag({ id: "counting_${mode}" }, () => {
  const ready = sensor({
    id: "ready",
    mode: "${mode}",
    pokeInterval: "100ms",
    retries: 2,
    permissions: { read: ["${data}"], write: ["${data}"] },
  }, () => {
    const path = "${data}/pokes_${mode}.txt";
    Deno.writeTextFileSync(path, "poke\\n", { append: true });
    const pokes = Deno.readTextFileSync(path).trim().split("\\n").length;
    return { done: pokes >= 3, xcomValue: pokes };
  });
  const report = task({ id: "report" }, (ctx, pokes: number | undefined) => ctx.log("pokes", pokes));
  report(ready);
});
`;

/** Sensors that are never done, with a short timeout. */
const NEVER = (mode: string) => `
import { dag, sensor } from "updraft";

export default dag({ id: "never_${mode}" }, () => {
  const options = { mode: "${mode}", pokeInterval: "100ms", timeout: "400ms", retries: 2 } as const;
  sensor({ ...options, id: "times_out" }, () => false);
  sensor({ ...options, id: "soft", softFail: true }, () => false);
  sensor({ ...options, id: "throws_never_fail", neverFail: true }, () => {
    throw new Error("the poke broke");
  });
  sensor({ ...options, id: "throws_silent", silentFail: true }, () => {
    throw new Error("the poke broke quietly");
  });
});
`;

for (const mode of ["poke", "reschedule"]) {
  Deno.test(`function sensor, ${mode} mode: pokes until done in one try; its value goes downstream`, async () => {
    await withDags((data) => ({ "counting.ts": COUNTING(data, mode) }), async (world) => {
      const result = await runDag(world, `counting_${mode}`);
      assertEquals(result.run.state, "success");
      const ready = result.instances.ready;
      assertEquals([ready.state, ready.tryNumber], ["success", 1]);
      const pokes = await Deno.readTextFile(`${world.data}/pokes_${mode}.txt`);
      assertEquals(pokes.trim().split("\n").length, 3);
      assert(result.logs.report.includes("pokes 3"), result.logs.report);
      if (mode === "reschedule") {
        assert(result.reported.includes("ready:up_for_reschedule"), result.reported.join(", "));
        // Every poke of the try writes to the same log; the slot was given back between them.
        const attempts = result.logs.ready.match(/Starting try 1 of task ready/g) ?? [];
        assertEquals(attempts.length, 3, result.logs.ready);
        assert(/up for reschedule, next poke at/.test(result.logs.ready), result.logs.ready);
      } else {
        assert(!result.reported.some((line) => line.endsWith("up_for_reschedule")));
        assert(/poking again in 100ms/.test(result.logs.ready), result.logs.ready);
      }
    });
  });

  Deno.test(`function sensor, ${mode} mode: timeout fails without retry, softFail and neverFail skip, silentFail keeps poking`, async () => {
    await withDags(() => ({ "never.ts": NEVER(mode) }), async (world) => {
      const result = await runDag(world, `never_${mode}`);
      const states = Object.fromEntries(
        Object.entries(result.instances).map(([id, ti]) => [id, [ti.state, ti.tryNumber]]),
      );
      assertEquals(states, {
        times_out: ["failed", 1],
        soft: ["skipped", 1],
        throws_never_fail: ["skipped", 1],
        throws_silent: ["failed", 1],
      });
      assert(/SensorTimeout: Sensor has timed out/.test(result.logs.times_out));
      assert(/Sensor has timed out/.test(result.logs.soft));
      assert(/Skipping due to neverFail is set to true: the poke broke/.test(
        result.logs.throws_never_fail,
      ));
      assert(/Sensor poke failed \(silentFail: poking again\)/.test(result.logs.throws_silent));
      assert(/Sensor has timed out/.test(result.logs.throws_silent));
    });
  });
}
