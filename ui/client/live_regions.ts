/// <reference lib="dom" />
/**
 * Live regions: an element with `data-live="<url>"` is fetched again from that URL (the server
 * answers its fragment) whenever the server reports a state change on `/ui/events`. One
 * EventSource per page; refreshes are spaced at least 300 ms apart and skipped while the tab is
 * hidden (done on return), so a busy scheduler never causes a request storm.
 *
 * @module
 */

import { startForms } from "./forms.ts";

const EVENTS_PATH = "/ui/events";
const STYLE_PATH = "/static/style.css";
const MIN_GAP_MS = 300;

/** Start refreshing the live regions below `root`. */
export function startLiveRegions(root: Document): void {
  if (root.querySelector("[data-live]") === null) return;
  let pending = false;
  let running = false;
  let last = 0;
  const refresh = async () => {
    if (running) {
      pending = true;
      return;
    }
    if (document.hidden) {
      pending = true;
      return;
    }
    const wait = last + MIN_GAP_MS - Date.now();
    if (wait > 0) {
      pending = true;
      setTimeout(() => {
        if (pending) {
          pending = false;
          refresh();
        }
      }, wait);
      return;
    }
    running = true;
    last = Date.now();
    try {
      await Promise.all(
        [...root.querySelectorAll<HTMLElement>("[data-live]")].map(refreshRegion),
      );
    } finally {
      running = false;
      if (pending) {
        pending = false;
        refresh();
      }
    }
  };
  const source = new EventSource(EVENTS_PATH);
  source.addEventListener("change", () => refresh());
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden && pending) {
      pending = false;
      refresh();
    }
  });
}

async function refreshRegion(region: HTMLElement): Promise<void> {
  const url = region.dataset.live;
  if (!url) return;
  const response = await fetch(url, { headers: { "x-fragment": "1" } });
  if (!response.ok) return;
  const html = await response.text();
  await ensureStyle(Number(response.headers.get("x-style-version") ?? "0"));
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const replacement = holder.firstElementChild;
  if (!(replacement instanceof HTMLElement)) return;
  const focusedId = document.activeElement?.id;
  region.replaceWith(replacement);
  startForms(replacement);
  if (focusedId) document.getElementById(focusedId)?.focus();
  replacement.dispatchEvent(new CustomEvent("updraft:refreshed", { bubbles: true }));
}

/** Fetch the stylesheet again when a fragment used classes the page's copy lacks. */
async function ensureStyle(version: number): Promise<void> {
  const style = document.getElementById("updraft-style");
  if (!style || Number(style.dataset.version ?? "0") >= version) return;
  const response = await fetch(STYLE_PATH);
  if (!response.ok) return;
  style.textContent = await response.text();
  style.dataset.version = response.headers.get("x-style-version") ?? String(version);
}
