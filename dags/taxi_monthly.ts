/**
 * Monthly taxi-trip ingestion with catch-up into PostgreSQL: one run per month since January
 * 2024, each loading that month's CSV file into a table named after the month
 * (`yellow_trips_2024_01`, …), then checking it.
 *
 * Needs two connections (create them, then unpause the DAG):
 *
 *     updraft connections add taxi_db --conn-uri 'postgres://etl:PASSWORD@db.internal:5432/taxi'
 *     updraft connections add taxi_data --conn-json '{"conn_type": "http", "host": "https://d37ci6vzurychx.cloudfront.net/trip-data"}'
 *
 * (A URI's path would be read as the connection's schema, as in Airflow: a base URL with a path
 * goes in `host`.) `taxi_data` serves `yellow_tripdata_YYYY-MM.csv` files with the columns
 * `pickup_at,dropoff_at,passengers,distance_km,fare`.
 */
import { chain, dag, task } from "updraft";
import { HttpHook } from "@updraft/http";
import { sqlHook, sqlQuery, sqlTableCheck } from "@updraft/sql";

// The month is the run's data interval (a scheduled run of 2024-01-01 covers January; a manual
// run triggered on 2024-02-01 covers the month that ended then, January too: Airflow's rule).
const TABLE = "yellow_trips_{{ data_interval_start.strftime('%Y_%m') }}";
const COLUMNS = ["pickup_at", "dropoff_at", "passengers", "distance_km", "fare"] as const;

/** `2024-01` for a data interval starting in January 2024. */
function monthOf(intervalStart: Date): string {
  return intervalStart.toISOString().slice(0, 7);
}

export default dag({
  id: "taxi_monthly",
  description:
    "Monthly taxi trips into PostgreSQL, with catch-up (connections: taxi_db, taxi_data)",
  schedule: "@monthly",
  startDate: "2024-01-01",
  catchup: true,
  maxActiveRuns: 1,
  tags: ["example", "sql", "catchup"],
  isPausedUponCreation: true,
  defaultArgs: { retries: 2, retryDelay: "1m" },
}, () => {
  const createTable = sqlQuery({
    id: "create_table",
    connId: "taxi_db",
    sql: [
      `CREATE TABLE IF NOT EXISTS ${TABLE} (
        pickup_at TIMESTAMP NOT NULL,
        dropoff_at TIMESTAMP NOT NULL,
        passengers INTEGER,
        distance_km NUMERIC(8, 2),
        fare NUMERIC(8, 2)
      )`,
      // Idempotent: a re-run of the month replaces its rows.
      `TRUNCATE ${TABLE}`,
    ],
  });
  const load = task(
    { id: "load_trips", connections: ["taxi_data", "taxi_db"], executionTimeout: "30m" },
    async (ctx) => {
      const month = monthOf(ctx.dataIntervalStart);
      const table = `yellow_trips_${month.replace("-", "_")}`;
      const source = new HttpHook(ctx.connection("taxi_data"), { log: ctx.log, timeout: "5m" });
      const response = await source.run(`yellow_tripdata_${month}.csv`, {
        method: "GET",
        signal: ctx.signal,
      });
      const [header, ...lines] = response.text().trim().split("\n");
      if (header.trim() !== COLUMNS.join(",")) {
        throw new Error(`yellow_tripdata_${month}.csv: unexpected header "${header.trim()}"`);
      }
      const rows = lines.map((line) => line.trim().split(","));
      const database = sqlHook(ctx.connection("taxi_db"), { log: ctx.log, signal: ctx.signal });
      try {
        await database.insertRows(table, rows, {
          columns: [...COLUMNS],
          batchSize: 500,
        });
      } finally {
        await database.close();
      }
      ctx.log(`${rows.length} trips of ${month} loaded into ${table}`);
      return rows.length;
    },
  );
  const check = sqlTableCheck({
    id: "check_trips",
    connId: "taxi_db",
    table: TABLE,
    checks: {
      has_rows: { checkStatement: "COUNT(*) > 0" },
      fares_positive: { checkStatement: "MIN(fare) >= 0" },
      in_month: {
        checkStatement: "MIN(pickup_at) >= '{{ data_interval_start.strftime('%Y-%m-%d') }}' " +
          "AND MAX(pickup_at) < '{{ data_interval_end.strftime('%Y-%m-%d') }}'",
      },
    },
  });
  chain(createTable, load, check);
});
