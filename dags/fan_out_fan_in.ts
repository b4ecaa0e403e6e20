/**
 * Parallel fan-out and fan-in, TaskFlow style: each region is processed in parallel, then the
 * results are combined. Values flow from task to task with their types checked.
 */
import { dag, task } from "updraft";

const REGIONS = ["emea", "americas", "apac"];

export default dag({
  id: "fan_out_fan_in",
  description: "One task per region in parallel, then a join that sums their outputs",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example"],
}, () => {
  const start = task({ id: "list_regions" }, () => REGIONS);
  const processed = REGIONS.map((region, position) =>
    task({ id: `process_${region}` }, (ctx, regions: string[]) => {
      ctx.log(`processing ${regions[position]} (${position + 1} of ${regions.length})`);
      return (position + 1) * 100;
    })(start)
  );
  const combine = task({ id: "combine" }, (ctx) => {
    const totals = ctx.xcom.pull(REGIONS.map((region) => `process_${region}`)) as number[];
    const sum = totals.reduce((a, b) => a + b, 0);
    ctx.log(`combined ${totals.length} regions: ${sum}`);
    return sum;
  });
  combine.after(processed);
});
