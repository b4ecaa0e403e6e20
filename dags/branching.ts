/**
 * Branching with a join (Airflow's `example_branch_operator`): a branch task picks one path, the
 * other is skipped, and a join with `none_failed_min_one_success` runs after whichever ran.
 */
import { branch, chain, dag, empty, task } from "updraft";

export default dag({
  id: "branching",
  description: "A branch picks weekday or weekend processing; the join runs either way",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example", "branching"],
}, () => {
  const start = empty({ id: "start" });
  const choose = branch({ id: "choose_path" }, (ctx) => {
    const day = ctx.logicalDate.getUTCDay();
    const path = day === 0 || day === 6 ? "weekend" : "weekday";
    ctx.log(`${ctx.ds} is a ${path}`);
    return path;
  });
  const weekday = task({ id: "weekday" }, (ctx) => ctx.log("running the weekday report"));
  const weekend = task({ id: "weekend" }, (ctx) => ctx.log("running the weekend report"));
  const join = empty({ id: "join", triggerRule: "none_failed_min_one_success" });
  chain(start, choose, [weekday, weekend], join);
});
