/// <reference lib="dom" />
/**
 * The dashboard in headless Chromium against a real `updraft serve`: log in, see the DAG list,
 * trigger a DAG with conf and watch the grid turn green without reloading, open the graph and
 * Gantt views, open a failed task's log, clear it and see it rerun, toggle pause, edit a
 * variable, and a Viewer who cannot change anything. Screenshots of the DAG list, grid, graph,
 * Gantt and log views are saved as artefacts (tests/artifacts/).
 *
 * @module
 */

import { deepStrictEqual as assertEquals, ok as assert } from "node:assert/strict";
import type { Browser, Page } from "playwright-core";
import { ADMIN_PASSWORD, startServer, type TestServer } from "./server_process.ts";
import { openBrowser, screenshot } from "./browser.ts";

const HELLO = `import { chain, dag, task } from "updraft";
export default dag({
  id: "browser_hello",
  description: "three quick steps for the browser test",
  tags: ["browser"],
  params: { greeting: "hello" },
}, () => {
  const extract = task({ id: "extract" }, (ctx) => String(ctx.conf.greeting ?? ctx.params.greeting));
  const shout = task({ id: "shout" }, (_ctx, text: string) => text.toUpperCase());
  const report = task({ id: "report" }, (ctx, text: string) => ctx.log("said " + text));
  chain(extract, shout, report);
  report(shout(extract));
});
`;

/** Fails its first try (writing a marker), succeeds once cleared. */
function flakyDag(marker: string): string {
  return `import { bash, dag } from "updraft";
export default dag({ id: "browser_flaky", description: "fails once", tags: ["browser"] }, () => {
  bash({
    id: "flaky_step",
    command: "if [ -f ${marker} ]; then echo second try works; else touch ${marker}; echo 'boom: the first try fails'; exit 3; fi",
  });
});
`;
}

const TIMEOUT = 30_000;

async function logIn(page: Page, server: TestServer, username: string, password: string) {
  await page.goto(`${server.url}/dags`);
  await page.waitForURL(/\/login\?next=/);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL(/\/dags$/);
}

/** The states of the grid's task cells (task rows only), in document order. */
function gridStates(page: Page): Promise<string[]> {
  return page.$$eval(
    "#dag-grid a[data-state][href*='task_id=']",
    (cells) => cells.map((cell) => cell.getAttribute("data-state") ?? ""),
  );
}

Deno.test({
  name:
    "dashboard in Chromium: trigger, live grid, graph, Gantt, log, clear, pause, variable, Viewer",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const marker = `${await Deno.makeTempDir({ prefix: "updraft-browser-" })}/flaky-marker`;
    const server = await startServer({
      dags: { "browser_hello.ts": HELLO, "browser_flaky.ts": flakyDag(marker) },
    });
    let browser: Browser | null = null;
    try {
      browser = await openBrowser();
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(TIMEOUT);
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      // Forms that ask first (`data-confirm`) are answered yes.
      page.on("dialog", (dialog) => dialog.accept());

      // Log in and see the DAG list.
      await logIn(page, server, "admin", ADMIN_PASSWORD);
      await page.waitForSelector("text=browser_hello");
      await page.waitForSelector("text=browser_flaky");
      await screenshot(page, "dag-list");

      // Trigger with conf, then watch the grid turn green without a reload.
      await page.goto(`${server.url}/dags/browser_hello/trigger`);
      const conf = await page.inputValue("#trigger-conf");
      assert(conf.includes('"greeting": "hello"'), `conf prefilled from params: ${conf}`);
      await page.fill("#trigger-conf", '{"greeting": "hi from chromium"}');
      await page.click("#trigger-submit");
      await page.waitForURL(/\/dags\/browser_hello\?/);
      await page.evaluate(() => ((globalThis as Record<string, unknown>).stayed = true));
      await page.waitForFunction(
        () => {
          const cells = document.querySelectorAll("#dag-grid a[data-state][href*='task_id=']");
          return cells.length === 3 &&
            [...cells].every((cell) => cell.getAttribute("data-state") === "success");
        },
        undefined,
        { timeout: TIMEOUT },
      );
      assertEquals(await page.evaluate(() => (globalThis as Record<string, unknown>).stayed), true);
      assertEquals(await gridStates(page), ["success", "success", "success"]);
      await screenshot(page, "grid");

      // The run used the conf from the form.
      const runs = await server.get<{ dag_runs: { conf: Record<string, unknown> }[] }>(
        "/dags/browser_hello/dagRuns",
      );
      assertEquals(runs.dag_runs[0].conf, { greeting: "hi from chromium" });

      // Graph and Gantt of that run.
      await page.goto(`${server.url}/dags/browser_hello?tab=graph`);
      await page.waitForSelector("svg[data-zoom]");
      assertEquals(await page.locator("svg[data-zoom] >> text=shout").count() > 0, true);
      await page.click('[data-zoom-action="in"]');
      await screenshot(page, "graph");
      await page.goto(`${server.url}/dags/browser_hello?tab=gantt`);
      await page.waitForSelector("text=report");
      await screenshot(page, "gantt");

      // A failed task: open its log, clear it, and see it rerun green.
      await page.goto(`${server.url}/dags`);
      await page.locator("tr", { hasText: "browser_flaky" }).locator('[data-testid="trigger-now"]')
        .click();
      await page.goto(`${server.url}/dags/browser_flaky`);
      await page.waitForSelector("#dag-grid a[data-state='failed'][href*='task_id=']");
      await page.click("#dag-grid a[data-state='failed'][href*='task_id=']");
      await page.waitForSelector("#task-log");
      await page.waitForFunction(
        () => document.querySelector("#task-log")?.textContent?.includes("boom: the first try"),
      );
      await screenshot(page, "log");
      await page.click("#clear-button");
      await page.waitForSelector("[data-testid='task-action-instances'] >> text=flaky_step");
      await page.click("#task-action-confirm");
      await page.waitForSelector("#notice");
      await page.goto(`${server.url}/dags/browser_flaky`);
      await page.waitForFunction(() =>
        document.querySelector("#dag-grid a[data-state][href*='task_id=']")
          ?.getAttribute("data-state") === "success"
      );

      // Toggle pause on the list.
      await page.goto(`${server.url}/dags`);
      const row = page.locator("tr", { hasText: "browser_hello" });
      await row.locator('[data-testid="pause-toggle"]').click();
      await page.waitForSelector("#notice >> text=paused");
      const dag = await server.get<{ is_paused: boolean }>("/dags/browser_hello");
      assertEquals(dag.is_paused, true);

      // Edit a variable.
      await page.goto(`${server.url}/admin/variables/new`);
      await page.fill('input[name="key"]', "browser_var");
      await page.fill('textarea[name="value"]', '{"answer": 42}');
      await page.check('input[name="is_json"]');
      await page.click('#variable-form button[type="submit"]');
      await page.waitForSelector("#variables-table >> text=browser_var");
      const variable = await server.get<{ value: string }>("/variables/browser_var");
      assertEquals(JSON.parse(variable.value), { answer: 42 });
      assertEquals(errors, []);

      // A Viewer sees no controls, and a change sent anyway is refused.
      const created = await server.request("POST", "/users", {
        username: "watcher",
        password: "watcher-password",
        email: "watcher@example.com",
        first_name: "Wat",
        last_name: "Cher",
        roles: [{ name: "Viewer" }],
      });
      assertEquals(created.status, 200);
      await created.body?.cancel();
      const viewerContext = await browser.newContext();
      const viewer = await viewerContext.newPage();
      viewer.setDefaultTimeout(TIMEOUT);
      await logIn(viewer, server, "watcher", "watcher-password");
      await viewer.waitForSelector("text=browser_hello");
      assertEquals(await viewer.locator('[data-testid="trigger-now"]').count(), 0);
      assertEquals(await viewer.locator('[data-testid="pause-toggle"]').count(), 0);
      const status = await viewer.evaluate(async () => {
        const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute("content");
        const response = await fetch("/dags/browser_hello/pause", {
          method: "POST",
          body: new URLSearchParams({ paused: "false", _csrf: csrf ?? "" }),
        });
        return response.status;
      });
      assertEquals(status, 403);
      assertEquals(
        (await server.get<{ is_paused: boolean }>("/dags/browser_hello")).is_paused,
        true,
      );
    } finally {
      await browser?.close();
      await server.stop();
    }
  },
});
