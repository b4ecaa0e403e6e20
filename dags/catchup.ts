/**
 * Catch-up: the start date is three days ago and `catchup: true`, so the scheduler creates one
 * run per missed day, oldest first, each with its own `ds` and data interval (Airflow's rule:
 * a run covers the interval that ended when it starts).
 */
import { bash, dag } from "updraft";

const DAY = 24 * 60 * 60 * 1000;
// Midnight UTC three days ago; recomputed at each parse, so the DAG changes once a day.
const threeDaysAgo = new Date(Math.floor(Date.now() / DAY) * DAY - 3 * DAY);

export default dag({
  id: "catchup",
  description: "Creates a run for each of the last three days",
  schedule: "@daily",
  startDate: threeDaysAgo,
  catchup: true,
  maxActiveRuns: 2,
  tags: ["example", "catchup"],
}, () => {
  bash({
    id: "report",
    command:
      "echo 'run for {{ ds }}: data from {{ data_interval_start }} to {{ data_interval_end }}'",
  });
});
