/**
 * Trigger rules: a task fails on purpose; an alert runs only because something failed
 * (`one_failed`) and a cleanup runs whatever happened (`all_done`). The run still succeeds:
 * its outcome depends only on its leaves (Airflow's rule), and both leaves succeed.
 */
import { dag, empty, FailTask, task } from "updraft";

export default dag({
  id: "trigger_rules",
  description: "A failing task, an alert on one_failed and a cleanup on all_done",
  schedule: "@daily",
  startDate: "2024-01-01",
  catchup: false,
  tags: ["example", "trigger-rules"],
}, () => {
  const ok = task({ id: "always_succeeds" }, (ctx) => ctx.log("fine"));
  const broken = task({ id: "always_fails" }, () => {
    throw new FailTask("this task fails on purpose, to show the trigger rules");
  });
  const alert = task({ id: "alert", triggerRule: "one_failed" }, (ctx) => {
    ctx.log("an upstream task failed: this is where you would page someone");
  });
  const cleanup = empty({ id: "cleanup", triggerRule: "all_done" });
  alert.after([ok, broken]);
  cleanup.after([ok, broken]);
});
