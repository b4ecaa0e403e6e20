import { LINK } from "../components/mod.ts";

/** A refused or failed page: what went wrong, in words, and a way back. */
export function ErrorPage(props: { title: string; message: string }) {
  return (
    <section class="max-w-2xl space-y-3">
      <h1 class="text-2xl font-bold">{props.title}</h1>
      <p
        role="alert"
        class="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-900 dark:text-red-100"
      >
        {props.message}
      </p>
      <p>
        <a class={LINK} href="/dags">Back to the DAGs</a>
      </p>
    </section>
  );
}
