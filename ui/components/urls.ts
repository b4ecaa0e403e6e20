/**
 * The dashboard's page addresses, built in one place: a DAG's page (with its tab, run and task
 * selection in the query) and a task instance's pages.
 *
 * @module
 */

/** Query values; null, undefined and "" are left out. */
export type UrlQuery = Record<string, string | number | null | undefined>;

/** `/dags/<id>` with the given query (`run_id`, `tab`, `task_id`, …). */
export function dagPageUrl(dagId: string, query: UrlQuery = {}): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === null || value === undefined || value === "") continue;
    parts.push(`${name}=${encodeURIComponent(String(value))}`);
  }
  const path = `/dags/${encodeURIComponent(dagId)}`;
  return parts.length === 0 ? path : `${path}?${parts.join("&")}`;
}

/**
 * A task instance's page (`/dags/<dag>/runs/<run>/tasks/<task>`), `suffix` after it (`/clear`,
 * `/logs/2/stream`, …), then `map_index` for a mapped instance and the query.
 */
export function taskInstancePageUrl(
  key: { dagId: string; runId: string; taskId: string; mapIndex: number },
  suffix = "",
  query: UrlQuery = {},
): string {
  const base = `/dags/${encodeURIComponent(key.dagId)}/runs/${
    encodeURIComponent(key.runId)
  }/tasks/${encodeURIComponent(key.taskId)}${suffix}`;
  const search = new URLSearchParams();
  if (key.mapIndex >= 0) search.set("map_index", String(key.mapIndex));
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined) search.set(name, String(value));
  }
  const text = search.toString();
  return text === "" ? base : `${base}?${text}`;
}
