import assert from "node:assert/strict";
import { DefinitionError, type TaskDefinition } from "../../core/mod.ts";
import {
  bashSensor,
  dag,
  dateTimeSensor,
  defineSensor,
  externalTaskSensor,
  fileSensor,
  sensor,
  timeDeltaSensor,
  timeSensor,
} from "../mod.ts";

function tasksOf(build: () => void): Record<string, TaskDefinition> {
  const definition = dag({ id: "d" }, build).toDefinition("d.ts");
  return Object.fromEntries(definition.tasks.map((task) => [task.taskId, task]));
}

function messageOf(define: () => unknown): string {
  try {
    dag({ id: "d" }, () => void define());
  } catch (error) {
    assert.ok(error instanceof DefinitionError, `expected a DefinitionError, got ${error}`);
    return error.message;
  }
  assert.fail("expected a DefinitionError");
}

const markerSensor = defineSensor({
  name: "MarkerSensor",
  templateFields: ["path"],
  connections: (fields: { path: string; connId?: string }) => fields.connId ? [fields.connId] : [],
  permissions: (fields) => ({ read: [fields.path] }),
  poke: () => true,
});

Deno.test("sensor(): Airflow's defaults, kept in the definition's fields", () => {
  const { wait } = tasksOf(() => void sensor({ id: "wait" }, () => true));
  assert.equal(wait.operator, "sensor");
  assert.equal(wait.kind, "function");
  assert.deepEqual(wait.fields, {
    sensor: {
      mode: "poke",
      pokeIntervalMs: 60_000,
      timeoutMs: 604_800_000,
      softFail: false,
      neverFail: false,
      silentFail: false,
      exponentialBackoff: false,
      maxWaitMs: null,
      reschedulesBetweenPokes: false,
    },
  });
});

Deno.test("defineSensor(): fields split into templated and plain; sensor options are settings", () => {
  const { marker } = tasksOf(() =>
    void markerSensor({
      id: "marker",
      path: "/data/{{ ds }}/_SUCCESS",
      connId: "fs",
      mode: "reschedule",
      pokeInterval: "5s",
      timeout: "1h",
      maxWait: 30_000,
      exponentialBackoff: true,
      softFail: true,
      retries: 2,
    })
  );
  assert.equal(marker.operator, "MarkerSensor");
  assert.equal(marker.retries, 2);
  assert.deepEqual(marker.templateFields, { path: "/data/{{ ds }}/_SUCCESS" });
  assert.deepEqual(marker.fields, {
    connId: "fs",
    sensor: {
      mode: "reschedule",
      pokeIntervalMs: 5_000,
      timeoutMs: 3_600_000,
      softFail: true,
      neverFail: false,
      silentFail: false,
      exponentialBackoff: true,
      maxWaitMs: 30_000,
      reschedulesBetweenPokes: false,
    },
  });
  assert.deepEqual(marker.permissions, { read: ["/data/{{ ds }}/_SUCCESS"] });
  assert.deepEqual(marker.connections, ["fs"]);
});

Deno.test("sensor options are checked when the file is parsed, naming the field", () => {
  const cases: [() => unknown, string][] = [
    [
      () => sensor({ id: "s", pokeInterval: -1 }, () => true),
      'DAG "d", task "s", pokeInterval: invalid duration -1',
    ],
    [() => sensor({ id: "s", timeout: "-5s" }, () => true), 'task "s", timeout: invalid duration'],
    [() => sensor({ id: "s", maxWait: "soon" }, () => true), 'task "s", maxWait: invalid duration'],
    [
      () => sensor({ id: "s", mode: "sleep" as never }, () => true),
      'task "s", mode: must be "poke" or "reschedule", got "sleep"',
    ],
    [
      () => sensor({ id: "s", softFail: true, neverFail: true }, () => true),
      'task "s", neverFail: cannot be set together with softFail',
    ],
    [
      () => sensor({ id: "s", silentFail: "yes" as never }, () => true),
      'task "s", silentFail: must be true or false, got "yes"',
    ],
    [() => sensor({ id: "s", pokeIntrval: "1s" } as never, () => true), 'task "s", pokeIntrval'],
    [() => sensor({ id: "s" }, "poke" as never), "sensor() needs a function"],
    [
      () => markerSensor({ id: "m", path: "/x", sensor: {} } as never),
      'task "m", sensor: is reserved',
    ],
    [
      () => markerSensor({ id: "m", path: new URL("file:///x") as never }),
      'task "m", path: sensor fields must be JSON',
    ],
  ];
  for (const [define, expected] of cases) {
    const message = messageOf(define);
    assert.ok(message.includes(expected), `${message}\n  should include: ${expected}`);
  }
  assert.throws(() => defineSensor({ name: "" } as never), /defineSensor\(\) needs a name/);
  assert.throws(
    () => defineSensor({ name: "NoPoke" } as never),
    /defineSensor\(\) of "NoPoke" needs a poke\(ctx, fields\) function/,
  );
  assert.throws(
    () => defineSensor({ name: "Bad", templateFields: ["timeout"], poke: () => true } as never),
    /sensor "Bad": "timeout" is a task or sensor option, not a field/,
  );
});

Deno.test("fileSensor: read permission for the folder the path starts in; relative paths refused", () => {
  const tasks = tasksOf(() => {
    fileSensor({ id: "plain", path: "/data/in/rates.csv" });
    fileSensor({ id: "glob", path: "/data/in/{{ ds }}/**/*.csv", recursive: true });
    fileSensor({
      id: "templated",
      path: "{{ var.value.inbox }}/x.csv",
      permissions: { read: ["/inbox"] },
    });
  });
  assert.deepEqual(tasks.plain.permissions, { read: ["/data/in"] });
  assert.deepEqual(tasks.plain.fields.recursive, false);
  assert.deepEqual(tasks.glob.permissions, { read: ["/data/in"] });
  assert.deepEqual(tasks.glob.templateFields, { path: "/data/in/{{ ds }}/**/*.csv" });
  assert.equal(tasks.glob.fields.recursive, true);
  assert.deepEqual(tasks.templated.permissions, { read: ["/inbox"] });
  assert.match(
    messageOf(() => fileSensor({ id: "f", path: "in/x.csv" })),
    /task "f", path: must be an absolute path or glob/,
  );
  assert.match(
    messageOf(() => fileSensor({ id: "f", path: "/*/x.csv" })),
    /task "f", path: "\/\*\/x.csv" does not start with a fixed folder/,
  );
  assert.match(
    messageOf(() => fileSensor({ id: "f", path: "/data/x", recursive: 1 as never })),
    /task "f", recursive: must be true or false/,
  );
});

Deno.test("time sensors: target times and deltas are checked when the file is parsed", () => {
  const tasks = tasksOf(() => {
    timeSensor({ id: "time", targetTime: "06:30" });
    timeDeltaSensor({ id: "delta", delta: "2h" });
    dateTimeSensor({ id: "fixed", targetTime: new Date(Date.UTC(2024, 5, 1, 12)) });
    dateTimeSensor({ id: "templated", targetTime: "{{ data_interval_end }}" });
  });
  assert.equal(tasks.time.operator, "TimeSensor");
  assert.equal(tasks.time.fields.targetTime, "06:30");
  assert.equal(tasks.delta.fields.deltaMs, 7_200_000);
  assert.deepEqual(tasks.fixed.templateFields, { targetTime: "2024-06-01T12:00:00.000Z" });
  assert.deepEqual(tasks.templated.templateFields, { targetTime: "{{ data_interval_end }}" });
  assert.match(
    messageOf(() => timeSensor({ id: "t", targetTime: "25:00" })),
    /task "t", targetTime: must be a time of day "HH:MM" or "HH:MM:SS", got "25:00"/,
  );
  assert.match(
    messageOf(() => timeDeltaSensor({ id: "t", delta: "-1h" })),
    /task "t", delta: invalid duration "-1h"/,
  );
  assert.match(
    messageOf(() => dateTimeSensor({ id: "t", targetTime: "tomorrow" })),
    /task "t", targetTime: invalid date "tomorrow"/,
  );
});

Deno.test("bashSensor: templated command and env, run permission for bash, checked exit code", () => {
  const { probe } = tasksOf(() =>
    void bashSensor({
      id: "probe",
      command: "test -e /data/{{ ds }}",
      env: { MODE: "{{ params.mode | default('x') }}" },
      retryExitCode: 1,
      permissions: { env: ["TOKEN"] },
    })
  );
  assert.equal(probe.operator, "BashSensor");
  assert.equal(probe.kind, "function");
  assert.deepEqual(probe.templateFields, {
    command: "test -e /data/{{ ds }}",
    env: { MODE: "{{ params.mode | default('x') }}" },
  });
  assert.equal(probe.fields.retryExitCode, 1);
  assert.deepEqual(probe.fields.hostEnv, ["TOKEN"]);
  assert.deepEqual(probe.permissions, { run: ["bash"], env: ["TOKEN"] });
  assert.match(messageOf(() => bashSensor({ id: "b", command: " " })), /task "b", command/);
  assert.match(
    messageOf(() => bashSensor({ id: "b", command: "true", env: { A: 1 as never } })),
    /task "b", env.A: must be a string, got 1/,
  );
  assert.match(
    messageOf(() => bashSensor({ id: "b", command: "true", retryExitCode: -1 })),
    /task "b", retryExitCode: must be an exit code/,
  );
});

Deno.test("externalTaskSensor: normalized fields the scheduler reads; states checked", () => {
  const tasks = tasksOf(() => {
    externalTaskSensor({ id: "one", externalDagId: "load", externalTaskId: "publish" });
    externalTaskSensor({
      id: "run",
      externalDagId: "load",
      allowedStates: ["success", "failed"],
      executionDelta: "1d",
      checkExistence: true,
    });
    externalTaskSensor({
      id: "group",
      externalDagId: "load",
      externalTaskGroupId: "tables",
      failedStates: ["failed", "upstream_failed"],
      mode: "reschedule",
    });
  });
  assert.equal(tasks.one.operator, "ExternalTaskSensor");
  assert.deepEqual(
    { ...tasks.one.fields, sensor: undefined },
    {
      externalDagId: "load",
      externalTaskIds: ["publish"],
      externalTaskGroupId: null,
      allowedStates: ["success"],
      failedStates: [],
      skippedStates: [],
      executionDeltaMs: 0,
      checkExistence: false,
      sensor: undefined,
    },
  );
  assert.equal(
    (tasks.one.fields.sensor as { reschedulesBetweenPokes: boolean })
      .reschedulesBetweenPokes,
    true,
  );
  assert.equal(tasks.run.fields.executionDeltaMs, 86_400_000);
  assert.deepEqual(tasks.run.fields.allowedStates, ["success", "failed"]);
  assert.equal(tasks.group.fields.externalTaskGroupId, "tables");
  const cases: [() => unknown, RegExp][] = [
    [() => externalTaskSensor({ id: "e", externalDagId: "" }), /externalDagId: must be a DAG id/],
    [
      () =>
        externalTaskSensor({
          id: "e",
          externalDagId: "x",
          externalTaskId: "a",
          externalTaskIds: ["b"],
        }),
      /give only one of externalTaskId, externalTaskIds and externalTaskGroupId/,
    ],
    [
      () => externalTaskSensor({ id: "e", externalDagId: "x", externalTaskIds: ["a", "a"] }),
      /externalTaskIds: lists a task twice/,
    ],
    [
      () => externalTaskSensor({ id: "e", externalDagId: "x", allowedStates: ["upstream_failed"] }),
      /allowedStates: must be a list of DAG run states/,
    ],
    [
      () =>
        externalTaskSensor({
          id: "e",
          externalDagId: "x",
          externalTaskId: "a",
          failedStates: ["success"],
        }),
      /allowedStates, failedStates and skippedStates share \["success"\]/,
    ],
  ];
  for (const [define, expected] of cases) assert.match(messageOf(define), expected);
});
