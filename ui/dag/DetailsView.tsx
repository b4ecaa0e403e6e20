import type { ComponentChildren } from "preact";
import { formatDuration, formatJson, formatTime } from "../components/mod.ts";
import type { DetailsProps } from "./props.ts";

const TERM = "py-1 pr-4 text-left align-top font-normal text-gray-500 dark:text-gray-400";
const VALUE = "py-1 align-top";
const PRE =
  "max-h-96 overflow-auto rounded bg-gray-100 p-2 text-xs dark:bg-gray-800 whitespace-pre-wrap";

/**
 * Everything the DAG's current definition says: schedule and timetable, dates, catch-up,
 * limits, owners, tags, params, the settings its tasks share, file, parse time, version, docs.
 */
export function DetailsView(props: DetailsProps) {
  return (
    <section class="max-w-4xl space-y-4" id="dag-details" data-testid="dag-details">
      <table class="text-sm">
        <tbody>
          <Row term="Schedule">
            {props.schedule.words}
            {props.schedule.expression && (
              <code class="ml-2 rounded bg-gray-100 px-1 dark:bg-gray-800">
                {props.schedule.expression}
              </code>
            )}
          </Row>
          <Row term="Timetable">{props.schedule.timetable}</Row>
          <Row term="Time zone">{props.timezone}</Row>
          <Row term="Start date">{formatTime(props.startDate)}</Row>
          <Row term="End date">{formatTime(props.endDate)}</Row>
          <Row term="Catch-up">{props.catchup ? "yes" : "no"}</Row>
          <Row term="Max active runs">{props.maxActiveRuns}</Row>
          <Row term="Max active tasks">{props.maxActiveTasks}</Row>
          <Row term="Run timeout">
            {props.dagrunTimeoutMs === null ? "none" : formatDuration(props.dagrunTimeoutMs)}
          </Row>
          <Row term="Owners">{props.owners.join(", ")}</Row>
          <Row term="Tags">{props.tags.length === 0 ? "none" : props.tags.join(", ")}</Row>
          <Row term="Paused">{props.isPaused ? "yes" : "no"}</Row>
          <Row term="Active">{props.isActive ? "yes" : "no (its file no longer defines it)"}</Row>
          <Row term="Tasks">{props.taskCount}</Row>
          <Row term="File">
            <code>{props.fileloc}</code>
          </Row>
          <Row term="Last parsed">{formatTime(props.lastParsedAt)}</Row>
          <Row term="Version hash">
            <code class="break-all">{props.versionHash}</code>
          </Row>
          <Row term="Description">{props.description ?? "—"}</Row>
        </tbody>
      </table>
      <div>
        <h2 class="text-base font-semibold">Params</h2>
        <pre class={PRE} id="dag-params">{formatJson(props.params)}</pre>
      </div>
      <div>
        <h2 class="text-base font-semibold">Default args</h2>
        <p class="text-xs text-gray-500 dark:text-gray-400">
          The settings every task of this DAG shares (what its <code>defaultArgs</code>{" "}
          set, or the defaults): the definition keeps each task's settings once applied.
        </p>
        <pre class={PRE} id="dag-default-args">{formatJson(props.defaultArgs)}</pre>
      </div>
      {props.doc && (
        <div>
          <h2 class="text-base font-semibold">Documentation</h2>
          <pre class={PRE} id="dag-doc">{props.doc}</pre>
        </div>
      )}
    </section>
  );
}

function Row(props: { term: string; children: ComponentChildren }) {
  return (
    <tr>
      <th scope="row" class={TERM}>{props.term}</th>
      <td class={VALUE}>{props.children}</td>
    </tr>
  );
}
