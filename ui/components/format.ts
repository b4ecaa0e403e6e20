/**
 * How times, durations and JSON read on the dashboard. Times are shown in UTC ISO form (the
 * same everywhere, as Airflow's default), durations in words.
 *
 * @module
 */

/** `2024-03-10 12:00:05` (UTC), or "—" for none. */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) return "—";
  return new Date(epochMs).toISOString().replace("T", " ").slice(0, 19);
}

/** `1h 02m 03s`, `4.2 s`, `85 ms`, or "—" for none. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return "—";
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (value: number) => String(value).padStart(2, "0");
  return hours > 0 ? `${hours}h ${pad(minutes)}m ${pad(rest)}s` : `${minutes}m ${pad(rest)}s`;
}

/** JSON with two-space indentation. */
export function formatJson(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}
