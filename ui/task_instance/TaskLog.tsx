import { LINK } from "../components/mod.ts";
import type { TaskLogView } from "./props.ts";

/**
 * The selected try's log. While the try may still write, the `<pre>` names its SSE stream
 * (`data-log-stream`) and the client script appends what arrives.
 */
export function TaskLog(props: { log: TaskLogView }) {
  const { log } = props;
  const live = log.streamUrl !== null;
  return (
    <section id="task-instance-log" aria-labelledby="task-log-heading" class="space-y-1">
      <div class="flex flex-wrap items-center gap-3">
        <h3 id="task-log-heading" class="font-semibold">Log of try {log.tryNumber}</h3>
        <span id="task-log-status" role="status" class="text-xs text-gray-500 dark:text-gray-400">
          {live ? (log.text === null ? "waiting for the try to write" : "live") : "finished"}
        </span>
        {log.text !== null && (
          <a class={LINK} href={log.downloadUrl} download id="task-log-download">
            Download
          </a>
        )}
      </div>
      {log.truncated && (
        <p class="text-xs text-gray-500 dark:text-gray-400">
          Only the end of this long log is shown; the download has all of it.
        </p>
      )}
      {log.text === null && !live && (
        <p class="text-sm text-gray-500 dark:text-gray-400">Try {log.tryNumber} has no log.</p>
      )}
      <pre
        id="task-log"
        data-testid="task-log"
        data-log-stream={log.streamUrl ?? undefined}
        data-log-status={live ? "task-log-status" : undefined}
        tabindex={0}
        aria-label={`Log of try ${log.tryNumber}`}
        class="max-h-[70vh] min-h-[4rem] overflow-auto whitespace-pre-wrap break-all rounded bg-gray-900 p-3 font-mono text-xs text-gray-100"
      >{log.text ?? ""}</pre>
    </section>
  );
}
