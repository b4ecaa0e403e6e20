/**
 * User processing (the classic Airflow tutorial pipeline, ported): create a SQLite table, wait for
 * the user API, fetch a user, shape it in TypeScript, store it in SQLite.
 *
 * Needs two connections (create them, then unpause the DAG):
 *
 *     updraft connections add users_db --conn-uri 'sqlite:////var/lib/updraft/users.db'
 *     updraft connections add user_api --conn-uri 'https://randomuser.me'
 *
 * Each task reaches only its own connection: the sandbox gets the API's host and port, or the
 * database file, and nothing else.
 */
import { chain, dag, task } from "updraft";
import { httpOperator, httpSensor } from "@updraft/http";
import { sqlHook, sqlQuery } from "@updraft/sql";

/** The part of a randomuser.me answer the pipeline keeps. */
interface ApiUser {
  name: { first: string; last: string };
  location: { country: string };
  login: { username: string };
  email: string;
}

interface ProcessedUser {
  firstname: string;
  lastname: string;
  country: string;
  username: string;
  email: string;
}

export default dag({
  id: "user_processing",
  description: "Fetch a user from an API and store it in SQLite (connections: users_db, user_api)",
  schedule: "@daily",
  startDate: "2024-01-01",
  tags: ["example", "http", "sql"],
  isPausedUponCreation: true,
  defaultArgs: { retries: 1, retryDelay: "30s" },
}, () => {
  const createTable = sqlQuery({
    id: "create_table",
    connId: "users_db",
    sql: `CREATE TABLE IF NOT EXISTS users (
      username TEXT PRIMARY KEY,
      firstname TEXT NOT NULL,
      lastname TEXT NOT NULL,
      country TEXT NOT NULL,
      email TEXT NOT NULL,
      fetched_for TEXT NOT NULL
    )`,
  });
  const apiAvailable = httpSensor({
    id: "is_api_available",
    httpConnId: "user_api",
    endpoint: "api/",
    pokeInterval: "30s",
    timeout: "10m",
    mode: "reschedule",
  });
  const extractUser = httpOperator({
    id: "extract_user",
    httpConnId: "user_api",
    method: "GET",
    endpoint: "api/",
    data: { seed: "{{ ds }}" },
    responseFilter: (response) => response.json<{ results: ApiUser[] }>().results[0],
    logResponse: true,
  });
  const processUser = task({ id: "process_user" }, (ctx, user: ApiUser): ProcessedUser => {
    const processed = {
      firstname: user.name.first,
      lastname: user.name.last,
      country: user.location.country,
      username: user.login.username,
      email: user.email,
    };
    ctx.log(`processed ${processed.username} from ${processed.country}`);
    return processed;
  });
  const storeUser = task(
    { id: "store_user", connections: ["users_db"] },
    async (ctx, user: ProcessedUser) => {
      const hook = sqlHook(ctx.connection("users_db"), { log: ctx.log, signal: ctx.signal });
      try {
        await hook.insertRows("users", [{ ...user, fetched_for: ctx.ds }], {
          keyColumns: ["username"],
        });
        const [count] = await hook.getFirst("SELECT count(*) FROM users") ?? [0];
        ctx.log(`users stored: ${count}`);
        return Number(count);
      } finally {
        await hook.close();
      }
    },
  );
  storeUser(processUser(extractUser));
  chain(createTable, apiAvailable, extractUser);
});
