/**
 * A linear ETL: a bash task extracts, TypeScript tasks transform and load, passing data by XCom.
 * Port of Airflow's classic `tutorial` / `example_bash_operator` shape.
 */
import { bash, chain, dag, task } from "updraft";

export default dag({
  id: "etl_linear",
  description: "Extract with bash, transform and load in TypeScript, data passed by XCom",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example", "etl"],
  params: { table: "users" },
  defaultArgs: { retries: 1, retryDelay: "10s" },
}, () => {
  // The last line a bash task prints becomes its XCom "return_value".
  const extract = bash({
    id: "extract",
    command: "echo 'extracting {{ params.table }} for {{ ds }}'; echo '[3, 1, 4, 1, 5, 9, 2, 6]'",
  });
  const transform = task({ id: "transform" }, (ctx) => {
    const raw = ctx.xcom.pull("extract") as string;
    const numbers = JSON.parse(raw) as number[];
    ctx.log(`transforming ${numbers.length} rows of ${ctx.params.table}`);
    return { rows: numbers.length, total: numbers.reduce((sum, n) => sum + n, 0) };
  });
  const load = task({ id: "load" }, (ctx) => {
    const summary = ctx.xcom.pull("transform") as { rows: number; total: number };
    ctx.log(`loaded ${summary.rows} rows (total ${summary.total}) into ${ctx.params.table}`);
    return summary.rows;
  });
  chain(extract, transform, load);
});
