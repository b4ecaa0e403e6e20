/**
 * Turning components into HTML: a whole page (document, stylesheet, client script) or a
 * fragment that a live region of an open page swaps in.
 *
 * @module
 */

import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { styleSheetFor, styleVersion } from "./style.ts";
import { Layout } from "./components/Layout.tsx";
import { type PageChrome, type Viewer, ViewerContext } from "./viewer.ts";

/** Where the client script is served. */
export const CLIENT_SCRIPT_PATH = "/static/client.js";

/** Where the current stylesheet is served (fragments may need a newer one). */
export const STYLE_PATH = "/static/style.css";

/** A full HTML document: the page inside the layout (or bare, for the login page). */
export function renderPage(
  // deno-lint-ignore no-explicit-any
  content: VNode<any>,
  options: { title: string; viewer: Viewer | null; chrome: PageChrome },
): string {
  const body = renderToString(
    options.viewer === null ? content : (
      <ViewerContext.Provider value={options.viewer}>
        <Layout chrome={options.chrome}>{content}</Layout>
      </ViewerContext.Provider>
    ),
  );
  const css = styleSheetFor(body);
  const csrf = options.viewer?.csrfToken ?? "";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="color-scheme" content="light dark">` +
    `<link rel="icon" href="data:,">` +
    `<meta name="csrf-token" content="${csrf}">` +
    `<title>${escapeHtml(options.title)} · Updraft</title>` +
    `<style id="updraft-style" data-version="${styleVersion()}">${css}</style>` +
    `<script type="module" src="${CLIENT_SCRIPT_PATH}"></script>` +
    `</head><body>${body}</body></html>`;
}

/**
 * A fragment: a live region's new HTML. The returned version tells the page whether its
 * stylesheet is still complete (the `x-style-version` header).
 */
export function renderFragment(
  // deno-lint-ignore no-explicit-any
  content: VNode<any>,
  viewer: Viewer,
): { html: string; styleVersion: number } {
  const html = renderToString(
    <ViewerContext.Provider value={viewer}>{content}</ViewerContext.Provider>,
  );
  styleSheetFor(html);
  return { html, styleVersion: styleVersion() };
}

/** Escape text for HTML. */
function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
