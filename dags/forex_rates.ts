/**
 * A daily forex pipeline (a port of the classic Airflow course pipeline): wait for the rates API
 * and for the file listing the currency pairs, download the day's rates, keep the pairs asked
 * for, load them into SQLite, and mail the team when a task fails for good.
 *
 * Needs three connections (create them, then unpause the DAG) and the pairs file:
 *
 *     updraft connections add forex_api --conn-uri 'https://api.frankfurter.app'
 *     updraft connections add forex_db --conn-uri 'sqlite:////var/lib/updraft/forex.db'
 *     updraft connections add smtp_default --conn-uri 'smtp://alerts:PASSWORD@mail.example.com:587?from_email=updraft%40example.com&starttls=true'
 *     mkdir -p /tmp/updraft/forex && printf 'base;with_pairs\nEUR;USD NZD JPY GBP CAD\nUSD;EUR NZD JPY GBP CAD\n' > /tmp/updraft/forex/forex_currencies.csv
 */
import { chain, dag, fileSensor, task } from "updraft";
import { HttpHook, httpSensor } from "@updraft/http";
import { emailOnFailure } from "@updraft/email";
import { sqlHook, sqlQuery } from "@updraft/sql";

const CURRENCIES_FILE = "/tmp/updraft/forex/forex_currencies.csv";

interface DayRates {
  base: string;
  date: string;
  rates: Record<string, number>;
}

/** A type, not an interface: rows must be plain records for `insertRows`. */
type RateRow = {
  day: string;
  base: string;
  quote: string;
  rate: number;
};

export default dag({
  id: "forex_rates",
  description: "Daily exchange rates into SQLite (connections: forex_api, forex_db, smtp_default)",
  schedule: "@daily",
  startDate: "2024-01-01",
  tags: ["example", "http", "sql", "sensors", "email"],
  isPausedUponCreation: true,
  defaultArgs: {
    // Every task may mail the alert: defaultArgs' connections add to each task's own.
    connections: ["smtp_default"],
    onFailure: emailOnFailure({ to: "data-team@example.com" }),
  },
}, () => {
  const ratesAvailable = httpSensor({
    id: "is_forex_rates_available",
    httpConnId: "forex_api",
    endpoint: "latest",
    responseCheck: (response) => "rates" in response.json<Record<string, unknown>>(),
    pokeInterval: "1m",
    timeout: "20m",
    mode: "reschedule",
  });
  const fileAvailable = fileSensor({
    id: "is_forex_currencies_file_available",
    path: CURRENCIES_FILE,
    pokeInterval: "1m",
    timeout: "20m",
    mode: "reschedule",
  });
  const download = task(
    {
      id: "download_rates",
      connections: ["forex_api"],
      // The network is what fails now and then: retry the download, not the database steps.
      retries: 2,
      retryDelay: "5m",
      permissions: { read: [CURRENCIES_FILE] },
    },
    async (ctx) => {
      const lines = (await Deno.readTextFile(CURRENCIES_FILE)).trim().split("\n").slice(1);
      const api = new HttpHook(ctx.connection("forex_api"), { log: ctx.log, timeout: "30s" });
      const days: DayRates[] = [];
      for (const line of lines) {
        const [base, pairs] = line.split(";");
        const response = await api.run(ctx.ds, {
          method: "GET",
          data: { from: base.trim(), to: pairs.trim().split(/\s+/).join(",") },
          signal: ctx.signal,
        });
        const answer = response.json<
          { base: string; date: string; rates: Record<string, number> }
        >();
        days.push({ base: answer.base, date: answer.date, rates: answer.rates });
      }
      return days;
    },
  );
  const transform = task({ id: "transform_rates" }, (ctx, days: DayRates[]): RateRow[] => {
    const rows = days.flatMap((day) =>
      Object.entries(day.rates).map(([quote, rate]) => ({
        day: ctx.ds,
        base: day.base,
        quote,
        rate: Math.round(rate * 1e6) / 1e6,
      }))
    );
    ctx.log(`${rows.length} rates for ${ctx.ds}`);
    return rows;
  });
  const createTable = sqlQuery({
    id: "create_rates_table",
    connId: "forex_db",
    sql: `CREATE TABLE IF NOT EXISTS forex_rates (
      day TEXT NOT NULL, base TEXT NOT NULL, quote TEXT NOT NULL, rate REAL NOT NULL,
      PRIMARY KEY (day, base, quote)
    )`,
  });
  const load = task(
    { id: "load_rates", connections: ["forex_db"] },
    async (ctx, rows: RateRow[]) => {
      const database = sqlHook(ctx.connection("forex_db"), { log: ctx.log, signal: ctx.signal });
      try {
        await database.insertRows("forex_rates", rows, { keyColumns: ["day", "base", "quote"] });
      } finally {
        await database.close();
      }
      return rows.length;
    },
  );
  load(transform(download));
  chain([ratesAvailable, fileAvailable], download);
  chain(createTable, load);
});
