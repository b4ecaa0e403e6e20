import assert from "node:assert/strict";
import { renderTemplate, renderTemplateFields, TemplateRenderError } from "./templates.ts";
import { testJob } from "./_testing.ts";
import type { TaskJob } from "./executor.ts";

function job(overrides: Partial<TaskJob> = {}): TaskJob {
  return testJob({
    runId: "scheduled__2024-01-03T00:00:00+00:00",
    job: {
      variables: { bucket: "s3://data", settings: '{"retries": 3, "tags": ["a", "b"]}' },
      xcoms: [
        { taskId: "extract", mapIndex: -1, key: "return_value", value: { rows: 7 } },
        { taskId: "extract", mapIndex: -1, key: "path", value: "/tmp/out.csv" },
        { taskId: "mapped", mapIndex: 1, key: "return_value", value: "b" },
        { taskId: "mapped", mapIndex: 0, key: "return_value", value: "a" },
      ],
      ...overrides,
    },
  });
}

function render(template: string, overrides: Partial<TaskJob> = {}): string {
  return renderTemplateFields({ field: template }, job(overrides)).field as string;
}

Deno.test("dates render as Airflow renders them (facts 63-68)", () => {
  assert.equal(
    render("{{ ds }} {{ ds_nodash }} {{ ts }} {{ ts_nodash }} {{ ts_nodash_with_tz }}"),
    "2024-01-03 20240103 2024-01-03T00:00:00+00:00 20240103T000000 20240103T000000+0000",
  );
  assert.equal(
    render(
      "{{ logical_date }}|{{ execution_date }}|{{ data_interval_start }}|{{ data_interval_end }}",
    ),
    "2024-01-03T00:00:00+00:00|2024-01-03T00:00:00+00:00|2024-01-03T00:00:00+00:00|" +
      "2024-01-04T00:00:00+00:00",
  );
  assert.equal(
    render("{{ prev_ds }} {{ next_ds }} {{ prev_ds_nodash }} {{ next_ds_nodash }}"),
    "2024-01-02 2024-01-04 20240102 20240104",
  );
  assert.equal(render("{{ yesterday_ds }} {{ tomorrow_ds }}"), "2024-01-02 2024-01-04");
  assert.equal(render("{{ logical_date.strftime('%d/%m/%Y %H:%M') }}"), "03/01/2024 00:00");
  assert.equal(render("{{ logical_date.year }}-{{ logical_date.month }}"), "2024-1");
});

Deno.test("a manual run's logical date keeps its milliseconds as microseconds", () => {
  const base = job();
  const logicalDate = Date.UTC(2024, 2, 10, 12, 34, 56, 789);
  const manual = { ...base, context: { ...base.context, logicalDate, prevLogicalDate: null } };
  assert.equal(
    renderTemplateFields({ field: "{{ ts }} {{ prev_ds }}" }, manual).field,
    "2024-03-10T12:34:56.789000+00:00 None",
  );
});

Deno.test("run, DAG, task and try values are in the context (fact 70)", () => {
  assert.equal(
    render(
      "{{ run_id }}|{{ dag_run.run_id }}|{{ dag_run.run_type }}|{{ dag.dag_id }}|{{ dag.owner }}",
    ),
    "scheduled__2024-01-03T00:00:00+00:00|scheduled__2024-01-03T00:00:00+00:00|scheduled|" +
      "example|airflow",
  );
  assert.equal(
    render("{{ task.task_id }}|{{ task.retries }}|{{ ti.try_number }}|{{ ti.map_index }}"),
    "work|0|1|-1",
  );
  assert.equal(
    render("{{ task_instance_key_str }} {{ test_mode }}"),
    "example__work__20240103 False",
  );
});

Deno.test("params, conf and variables", () => {
  assert.equal(render("{{ params.table }} {{ params.limit + 1 }}"), "users 11");
  assert.equal(render("{{ var.value.bucket }}/{{ ds }}"), "s3://data/2024-01-03");
  assert.equal(render("{{ var.json.settings.retries }} {{ var.json.settings.tags[1] }}"), "3 b");
  assert.equal(render("{{ var.value.get('missing', 'fallback') }}"), "fallback");
  assert.throws(
    () => render("{{ var.value.missing }}"),
    /Template error in field 'field': Variable 'missing' does not exist/,
  );
});

Deno.test("macros: ds_add, ds_format, datetime and timedelta", () => {
  assert.equal(
    render("{{ macros.ds_add(ds, 5) }} {{ macros.ds_add(ds, -3) }}"),
    "2024-01-08 2023-12-31",
  );
  assert.equal(render("{{ macros.ds_format(ds, '%Y-%m-%d', '%d %b %Y') }}"), "03 Jan 2024");
  assert.equal(
    render("{{ macros.datetime.strptime('2024-02-29 10:30', '%Y-%m-%d %H:%M') }}"),
    "2024-02-29T10:30:00+00:00",
  );
  assert.equal(render("{{ macros.timedelta(days=1, hours=2) }}"), "1 day, 2:00:00");
  assert.equal(render("{{ logical_date.add(days=2).to_date_string() }}"), "2024-01-05");
  assert.match(render("{{ macros.datetime.now().year }}"), /^\d{4}$/);
});

Deno.test("ti.xcom_pull reads the job's XComs (fact 114)", () => {
  assert.equal(render("{{ ti.xcom_pull('extract').rows }}"), "7");
  assert.equal(render("{{ ti.xcom_pull(task_ids='extract', key='path') }}"), "/tmp/out.csv");
  assert.equal(render("{{ task_instance.xcom_pull(task_ids='mapped') }}"), '["a","b"]');
  assert.equal(
    render("{{ ti.xcom_pull(task_ids=['mapped', 'nothing', 'extract']) }}"),
    '["a","b",{"rows":7}]',
  );
  assert.equal(render("{{ ti.xcom_pull('nothing') }}"), "None");
});

Deno.test("a template error names the field and the line", () => {
  assert.throws(
    () => renderTemplateFields({ command: "echo {{ foo }}" }, job()),
    (error: unknown) =>
      error instanceof TemplateRenderError &&
      error.message === "Template error in field 'command' (line 1): unknown variable 'foo'" &&
      error.field === "command" && error.line === 1,
  );
  assert.throws(
    () => renderTemplateFields({ env: { A: "ok", B: "x\n{{ params.nope }}" } }, job()),
    /^TemplateRenderError: Template error in field 'env.B' \(line 2\): unknown variable 'params.nope'$/,
  );
  assert.equal(render("{{ foo | default('fine') }}"), "fine");
});

Deno.test("fields render deeply; non-template values stay as they are", () => {
  const rendered = renderTemplateFields(
    {
      list: ["{{ ds }}", 3, null, { nested: "{{ params.table }}" }],
      plain: "no template",
      flag: true,
    },
    job(),
  );
  assert.deepEqual(rendered, {
    list: ["2024-01-03", 3, null, { nested: "users" }],
    plain: "no template",
    flag: true,
  });
});

Deno.test("templates cannot reach Function or files", () => {
  const attempts = [
    "{{ range.constructor('return Deno.pid')() }}",
    "{{ ''.constructor.constructor('return Deno')() }}",
    "{{ cycler.__proto__ }}",
    "{{ constructor.getOwnPropertyDescriptor(constructor.getPrototypeOf(range), 'constructor').value('return 1')() }}",
    "{% include '/etc/passwd' %}",
    "{% import '/etc/passwd' as p %}",
  ];
  for (const attempt of attempts) {
    assert.throws(() => renderTemplate(attempt, {}), TemplateRenderError, attempt);
  }
});
