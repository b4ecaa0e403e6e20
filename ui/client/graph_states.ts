/// <reference lib="dom" />
/**
 * Graph states: when the live list `ul[data-graph-states="<svg id>"]` is refreshed, repaint the
 * graph's nodes from it (fill, text colour, state icon and word, accessible name, tooltip). The
 * SVG itself is never swapped, so the reader's zoom and pan stay.
 *
 * @module
 */

/** Repaint graphs whenever their state lists are refreshed. */
export function startGraphStates(root: Document): void {
  root.addEventListener("updraft:refreshed", (event) => {
    const list = event.target;
    if (!(list instanceof HTMLElement) || !list.dataset.graphStates) return;
    const svg = root.getElementById(list.dataset.graphStates);
    if (!svg) return;
    for (const item of list.querySelectorAll<HTMLElement>("li[data-task-id]")) {
      repaint(svg, item.dataset);
    }
  });
}

function repaint(svg: Element, data: DOMStringMap): void {
  const node = [...svg.querySelectorAll<SVGAElement>("a[data-task-id]")]
    .find((element) => element.dataset.taskId === data.taskId);
  if (!node) return;
  node.setAttribute("aria-label", data.name ?? "");
  const title = node.querySelector("title");
  if (title) title.textContent = data.title ?? "";
  node.querySelector("[data-node-box]")?.setAttribute("fill", data.fill ?? "#ffffff");
  node.querySelector("[data-node-name]")?.setAttribute("fill", data.ink ?? "#111827");
  const state = node.querySelector("[data-node-state]");
  if (state) {
    state.setAttribute("fill", data.ink ?? "#111827");
    state.setAttribute("data-node-state", data.state ?? "none");
    state.textContent = data.label ?? "";
  }
}
