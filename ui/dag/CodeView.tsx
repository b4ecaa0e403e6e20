import { formatTime, LINK } from "../components/mod.ts";
import { type CodeProps, dagPageUrl } from "./props.ts";

const NUMBER = "inline-block select-none pr-3 text-right text-gray-400 dark:text-gray-500";

/**
 * The DAG file's source as the selected run's version of the DAG was parsed from it, with line
 * numbers, naming the file, the version and whether it is older than the current one.
 */
export function CodeView(props: CodeProps) {
  const lines = props.source.split("\n");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const digits = String(lines.length).length;
  const older = props.versionHash !== props.currentVersionHash;
  return (
    <section class="space-y-2" id="dag-code" data-testid="dag-code">
      <p class="text-sm">
        <span class="font-semibold">{props.fileloc}</span>, version{" "}
        <code title={props.versionHash}>{props.versionHash.slice(0, 12)}</code> (bundle{" "}
        <code title={props.bundleHash}>{props.bundleHash.slice(0, 12)}</code>), parsed{" "}
        {formatTime(props.parsedAt)}
        {props.runId === null ? ": the current version." : `: the version run ${props.runId} used.`}
      </p>
      {older && (
        <p
          role="note"
          id="dag-code-older"
          class="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-900 dark:text-amber-100"
        >
          ⚠ This run used an older version of the DAG than the current one (
          <code>{props.currentVersionHash.slice(0, 12)}</code>).{" "}
          <a class={LINK} href={dagPageUrl(props.dagId, { tab: "code", version: "current" })}>
            Show the current code
          </a>
        </p>
      )}
      <pre
        class="overflow-x-auto rounded bg-gray-50 p-3 text-xs leading-5 dark:bg-gray-900"
        aria-label={`Source of ${props.fileloc}`}
      ><code>{lines.map((line, index) => (
        <span key={index}>
          <span class={NUMBER} style={{ minWidth: `${digits + 1}ch` }} aria-hidden="true">
            {index + 1}
          </span>
          {line}
          {"\n"}
        </span>
      ))}</code></pre>
    </section>
  );
}
