import type { ComponentChildren } from "preact";
import { type PageChrome, useViewer } from "../viewer.ts";
import { CsrfField } from "./forms.tsx";

const MENU: { href: string; label: string; resource: string }[] = [
  { href: "/dags", label: "DAGs", resource: "dags" },
  { href: "/runs", label: "Runs", resource: "dag_runs" },
  { href: "/task-instances", label: "Task instances", resource: "task_instances" },
  { href: "/import-errors", label: "Import errors", resource: "import_errors" },
];

const ADMIN_MENU: { href: string; label: string; resource: string }[] = [
  { href: "/admin/variables", label: "Variables", resource: "variables" },
  { href: "/admin/connections", label: "Connections", resource: "connections" },
  { href: "/admin/pools", label: "Pools", resource: "pools" },
  { href: "/admin/users", label: "Users", resource: "users" },
];

/** The frame of every page: menu, user, health banner, notice, content. */
export function Layout(props: { chrome: PageChrome; children: ComponentChildren }) {
  const viewer = useViewer();
  const { chrome } = props;
  const current = chrome.path.split("?")[0];
  const item = (entry: { href: string; label: string }) => (
    <a
      href={entry.href}
      class={`rounded px-2 py-1 hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-white ${
        current === entry.href || current.startsWith(entry.href + "/") ? "bg-sky-800" : ""
      }`}
      aria-current={current === entry.href ? "page" : undefined}
    >
      {entry.label}
    </a>
  );
  const adminItems = ADMIN_MENU.filter((entry) => viewer.can(entry.resource, "read"));
  return (
    <div class="min-h-screen bg-white text-gray-900 dark:bg-gray-900 dark:text-gray-100">
      <a href="#main" class="sr-only focus:not-sr-only">Skip to content</a>
      <header class="bg-sky-900 text-white">
        <nav
          class="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-1 px-3 py-2 text-sm"
          aria-label="Main"
        >
          <a href="/dags" class="mr-3 text-base font-bold tracking-tight">Updraft</a>
          {MENU.filter((entry) => viewer.can(entry.resource, "read")).map(item)}
          {adminItems.length > 0 && <span class="mx-1 text-sky-400" aria-hidden="true">|</span>}
          {adminItems.map(item)}
          <span class="ml-auto flex items-center gap-2">
            <span title={`role ${viewer.role}`}>
              {viewer.username} <span class="text-sky-300">({viewer.role})</span>
            </span>
            <form method="post" action="/logout">
              <CsrfField />
              <button
                type="submit"
                class="rounded border border-sky-600 px-2 py-0.5 hover:bg-sky-800 focus:outline-none focus:ring-2 focus:ring-white"
              >
                Log out
              </button>
            </form>
          </span>
        </nav>
      </header>
      {chrome.healthWarning && (
        <div
          role="alert"
          class="bg-amber-100 px-3 py-2 text-sm text-amber-900 dark:bg-amber-900 dark:text-amber-100"
          id="health-banner"
        >
          ⚠ {chrome.healthWarning}
        </div>
      )}
      {chrome.notice && (
        <div
          role="status"
          class={`px-3 py-2 text-sm ${
            chrome.notice.kind === "error"
              ? "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100"
              : "bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100"
          }`}
          id="notice"
        >
          {chrome.notice.kind === "error" ? "✕ " : "✓ "}
          {chrome.notice.text}
        </div>
      )}
      <main id="main" class="mx-auto max-w-screen-2xl px-3 py-4">{props.children}</main>
      <footer class="mx-auto max-w-screen-2xl px-3 py-4 text-xs text-gray-500">
        Updraft {chrome.version}
      </footer>
    </div>
  );
}
