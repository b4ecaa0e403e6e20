/**
 * The file, time, time delta, date-time and bash sensors end to end (DAG file → parse →
 * scheduler → sandbox), each in poke and reschedule mode.
 */
import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import { runDag, withDags } from "./_dags.ts";

/**
 * Sensors waiting for files another task of the same run writes a moment later: a plain path, a
 * glob, and a recursive glob into a folder made by the writer.
 */
const FILES = (data: string, mode: string) => `
import { dag, fileSensor, task } from "updraft";

export default dag({ id: "files_${mode}" }, () => {
  const options = { mode: "${mode}", pokeInterval: "100ms", timeout: "60s" } as const;
  fileSensor({ ...options, id: "plain", path: "${data}/in/{{ ds }}.done" });
  fileSensor({ ...options, id: "glob", path: "${data}/in/rates_*.csv" });
  fileSensor({ ...options, id: "deep", path: "${data}/out/**/part-[0-9]", recursive: true });
  fileSensor({ ...options, id: "missing", path: "${data}/in/never_*.csv", timeout: "300ms", softFail: true });
  task({ id: "write", permissions: { write: ["${data}"] } }, async (ctx) => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    Deno.mkdirSync("${data}/in", { recursive: true });
    Deno.mkdirSync("${data}/out/2024/01", { recursive: true });
    Deno.writeTextFileSync(\`${data}/in/\${ctx.ds}.done\`, "");
    Deno.writeTextFileSync("${data}/in/rates_eur.csv", "1.1");
    Deno.writeTextFileSync("${data}/out/2024/01/part-0", "x");
  });
});
`;

/** A file sensor without permission to read outside its folder: the sandbox still refuses. */
const DENIED = (data: string) => `
import { dag, defineSensor } from "updraft";

const peek = defineSensor({
  name: "PeekSensor",
  permissions: (fields: { path: string }) => ({ read: [fields.path] }),
  poke: () => Deno.readTextFileSync("/etc/hostname") !== "",
});

export default dag({ id: "denied" }, () => {
  peek({ id: "peek", path: "${data}", pokeInterval: "100ms" });
});
`;

const TIMES = (mode: string) => `
import { dag, dateTimeSensor, timeDeltaSensor, timeSensor } from "updraft";

export default dag({ id: "times_${mode}", timezone: "Europe/Amsterdam" }, () => {
  const options = { mode: "${mode}", pokeInterval: "100ms", timeout: "60s" } as const;
  timeSensor({ ...options, id: "time", targetTime: "06:30" });
  timeDeltaSensor({ ...options, id: "delta", delta: "1s" });
  dateTimeSensor({ ...options, id: "fixed", targetTime: "2024-01-02T09:00:00" });
  dateTimeSensor({ ...options, id: "templated", targetTime: "{{ data_interval_end }}" });
  const later = { ...options, timeout: "300ms", softFail: true };
  dateTimeSensor({ ...later, id: "not_yet", targetTime: "2100-01-01T00:00:00Z" });
});
`;

const BASH = (data: string, mode: string) => `
import { bashSensor, dag, task } from "updraft";

export default dag({ id: "bash_${mode}" }, () => {
  const options = { mode: "${mode}", pokeInterval: "100ms", timeout: "60s" } as const;
  bashSensor({
    ...options,
    id: "marker",
    command: 'echo "poking in $PWD for $WHO"; test -e "${data}/marker_${mode}"',
    env: { WHO: "{{ dag.dag_id }}" },
  });
  bashSensor({ ...options, id: "retry_code", command: "exit 3", retryExitCode: 2, retries: 2 });
  task({ id: "touch", permissions: { write: ["${data}"] } }, async () => {
    await new Promise((resolve) => setTimeout(resolve, 300));
    Deno.writeTextFileSync("${data}/marker_${mode}", "");
  });
});
`;

const states = (instances: Record<string, { state: string | null; tryNumber: number }>) =>
  Object.fromEntries(
    Object.entries(instances).map(([id, ti]) => [id, `${ti.state}/${ti.tryNumber}`]),
  );

for (const mode of ["poke", "reschedule"]) {
  Deno.test(`fileSensor, ${mode} mode: paths, globs and recursive globs that appear`, async () => {
    await withDags((data) => ({ "files.ts": FILES(data, mode) }), async (world) => {
      const result = await runDag(world, `files_${mode}`, { logicalDate: Date.UTC(2024, 0, 2) });
      assertEquals(states(result.instances), {
        plain: "success/1",
        glob: "success/1",
        deep: "success/1",
        missing: "skipped/1",
        write: "success/1",
      });
      assert(/Poking for file .*\/in\/2024-01-02\.done/.test(result.logs.plain));
      assert(/Found .*\/out\/2024\/01\/part-0/.test(result.logs.deep), result.logs.deep);
      assert(/read: \[".*\/data\/in"\]/.test(result.logs.glob), "only the folder is readable");
      if (mode === "reschedule") {
        assert(result.reported.includes("missing:up_for_reschedule"), result.reported.join());
      }
    });
  });

  Deno.test(`time sensors, ${mode} mode: a time of day, a delta and date-times`, async () => {
    await withDags(() => ({ "times.ts": TIMES(mode) }), async (world) => {
      const result = await runDag(world, `times_${mode}`, { logicalDate: Date.UTC(2024, 0, 2) });
      assertEquals(states(result.instances), {
        time: "success/1",
        delta: "success/1",
        fixed: "success/1",
        templated: "success/1",
        not_yet: "skipped/1",
      });
      // A manual run's data interval ends at its logical date; 06:30 in Amsterdam is 05:30 UTC.
      const checked = (log: string) => /Checking if the time \((.*)\) has come/.exec(log)?.[1];
      assertEquals(checked(result.logs.time), "2024-01-02T05:30:00+00:00");
      assertEquals(checked(result.logs.delta), "2024-01-02T00:00:01+00:00");
      assertEquals(checked(result.logs.fixed), "2024-01-02T08:00:00+00:00");
      assertEquals(checked(result.logs.templated), "2024-01-02T00:00:00+00:00");
      assert(/Sensor has timed out/.test(result.logs.not_yet));
      if (mode === "reschedule") {
        assert(result.reported.includes("not_yet:up_for_reschedule"), result.reported.join());
      }
    });
  });

  Deno.test(`bashSensor, ${mode} mode: done on exit 0; another exit code than retryExitCode fails`, async () => {
    await withDags((data) => ({ "bash.ts": BASH(data, mode) }), async (world) => {
      const result = await runDag(world, `bash_${mode}`);
      assertEquals(states(result.instances), {
        marker: "success/1",
        retry_code: "failed/1",
        touch: "success/1",
      });
      assert(/poking in \/.*updraft-sensor-\w+ for bash_/.test(result.logs.marker));
      assert(/permissions granted: run: \["bash"\]/.test(result.logs.marker));
      assert(/FailTask: Command exited with return code 3/.test(result.logs.retry_code));
      const leftovers = [...Deno.readDirSync(Deno.env.get("TMPDIR") ?? "/tmp")]
        .filter((entry) => entry.name.startsWith("updraft-sensor-"));
      assertEquals(leftovers, [], "each poke's folder is removed");
    });
  });
}

Deno.test("a sensor's poke runs with only its permissions", async () => {
  await withDags((data) => ({ "denied.ts": DENIED(data) }), async (world) => {
    const result = await runDag(world, "denied");
    assertEquals(result.instances.peek.state, "failed");
    assert(/Permission denied: read access to "\/etc\/hostname"/.test(result.logs.peek));
  });
});
