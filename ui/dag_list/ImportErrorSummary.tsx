import { formatTime, LINK } from "../components/mod.ts";

/** A DAG file that failed to load, as pages show it. */
export interface ImportErrorItem {
  id: number;
  fileloc: string;
  line: number | null;
  message: string;
  timestamp: number;
}

const SHOWN_CHARACTERS = 600;

/** Above the DAG list: the files that failed to load, with a link to all of them. */
export function ImportErrorSummary(props: { errors: ImportErrorItem[]; total: number }) {
  if (props.total === 0) return null;
  const more = props.total - props.errors.length;
  return (
    <section
      id="import-error-summary"
      aria-labelledby="import-error-summary-title"
      class="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-700 dark:bg-red-900 dark:text-red-100"
    >
      <h2 id="import-error-summary-title" class="mb-2 font-semibold">
        ✕ {props.total === 1 ? "1 DAG file failed" : `${props.total} DAG files failed`} to load
      </h2>
      <ul class="space-y-2">
        {props.errors.map((error) => (
          <li key={error.id}>
            <div>
              <code class="font-semibold break-all">{error.fileloc}</code>
              {error.line !== null && <span>, line {error.line}</span>}{" "}
              <span class="text-xs opacity-75">— {formatTime(error.timestamp)} UTC</span>
            </div>
            <pre class="whitespace-pre-wrap break-words font-mono text-xs">{clip(error.message)}</pre>
          </li>
        ))}
      </ul>
      <p class="mt-2">
        <a class={LINK} href="/import-errors">
          {more > 0 ? `See all ${props.total} import errors` : "Import errors page"}
        </a>
      </p>
    </section>
  );
}

function clip(message: string): string {
  return message.length <= SHOWN_CHARACTERS
    ? message
    : `${message.slice(0, SHOWN_CHARACTERS)}… (the import errors page shows all of it)`;
}
