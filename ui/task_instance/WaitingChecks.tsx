import type { WaitingExplanation } from "./props.ts";

/** "Why is this task waiting?": each dependency check, met or not, in words. */
export function WaitingChecks(props: { waiting: WaitingExplanation }) {
  const { waiting } = props;
  return (
    <section aria-labelledby="task-instance-waiting-heading" data-testid="task-instance-waiting">
      <h3 id="task-instance-waiting-heading" class="mb-1 font-semibold">
        Why is this task waiting?
      </h3>
      <p class="text-sm" id="task-instance-waiting-summary">{waiting.summary}</p>
      {waiting.checks.length > 0 && (
        <ul class="mt-2 space-y-1 text-sm">
          {waiting.checks.map((check) => (
            <li
              key={check.id}
              data-check={check.id}
              data-passed={String(check.passed)}
              class="flex gap-2"
            >
              <span
                aria-hidden="true"
                class={check.passed
                  ? "w-4 shrink-0 text-green-700 dark:text-green-400"
                  : "w-4 shrink-0 text-red-700 dark:text-red-400"}
              >
                {check.passed ? "✓" : "✕"}
              </span>
              <span>
                <strong>{check.title}</strong> ({check.passed ? "met" : "not met"}): {check.detail}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
