// ui/client/forms.ts
function startForms(root) {
  for (const form of root.querySelectorAll("form[data-confirm]")) {
    if (form.dataset.wired) continue;
    form.dataset.wired = "1";
    form.addEventListener("submit", (event) => {
      if (!confirm(form.dataset.confirm ?? "Are you sure?")) event.preventDefault();
    });
  }
  for (const field of root.querySelectorAll("[data-autosubmit]")) {
    if (field.dataset.wired) continue;
    field.dataset.wired = "1";
    field.addEventListener("change", () => field.form?.requestSubmit());
  }
  for (const area of root.querySelectorAll("textarea[data-json]")) {
    if (area.dataset.wired) continue;
    area.dataset.wired = "1";
    const status = document.getElementById(area.dataset.json ?? "");
    const check = () => {
      let message = "";
      let valid = true;
      if (area.value.trim() !== "") {
        try {
          JSON.parse(area.value);
          message = "\u2713 valid JSON";
        } catch (error) {
          message = `\u2715 ${error.message}`;
          valid = false;
        }
      }
      if (status) status.textContent = message;
      area.setCustomValidity(valid || !area.dataset.jsonRequired ? "" : "not valid JSON");
    };
    area.addEventListener("input", check);
    check();
  }
}

// ui/client/live_regions.ts
var EVENTS_PATH = "/ui/events";
var STYLE_PATH = "/static/style.css";
var MIN_GAP_MS = 300;
function startLiveRegions(root) {
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
      await Promise.all([
        ...root.querySelectorAll("[data-live]")
      ].map(refreshRegion));
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
async function refreshRegion(region) {
  const url = region.dataset.live;
  if (!url) return;
  const response = await fetch(url, {
    headers: {
      "x-fragment": "1"
    }
  });
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
  replacement.dispatchEvent(new CustomEvent("updraft:refreshed", {
    bubbles: true
  }));
}
async function ensureStyle(version) {
  const style = document.getElementById("updraft-style");
  if (!style || Number(style.dataset.version ?? "0") >= version) return;
  const response = await fetch(STYLE_PATH);
  if (!response.ok) return;
  style.textContent = await response.text();
  style.dataset.version = response.headers.get("x-style-version") ?? String(version);
}

// ui/client/log_tail.ts
function startLogTails(root) {
  for (const element of root.querySelectorAll("[data-log-stream]")) {
    if (element.dataset.wired) continue;
    element.dataset.wired = "1";
    const source = new EventSource(element.dataset.logStream);
    const status = document.getElementById(element.dataset.logStatus ?? "");
    if (status) status.textContent = "\u25CF live";
    source.addEventListener("log", (event) => {
      const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - 8;
      element.append(JSON.parse(event.data));
      if (atBottom) element.scrollTop = element.scrollHeight;
    });
    source.addEventListener("end", () => {
      source.close();
      if (status) status.textContent = "finished";
    });
  }
}

// ui/client/zoom.ts
function startZoom(root) {
  for (const container of root.querySelectorAll("[data-zoom-root]")) {
    const svg = container.querySelector("svg[data-zoom]");
    if (!svg || svg.dataset.wired) continue;
    svg.dataset.wired = "1";
    const initial = svg.viewBox.baseVal;
    const home = {
      x: initial.x,
      y: initial.y,
      width: initial.width,
      height: initial.height
    };
    const box = {
      ...home
    };
    const apply = () => svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.width} ${box.height}`);
    const zoom = (factor, cx = box.x + box.width / 2, cy = box.y + box.height / 2) => {
      box.x = cx - (cx - box.x) * factor;
      box.y = cy - (cy - box.y) * factor;
      box.width *= factor;
      box.height *= factor;
      apply();
    };
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const cx = box.x + (event.clientX - rect.left) / rect.width * box.width;
      const cy = box.y + (event.clientY - rect.top) / rect.height * box.height;
      zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, cx, cy);
    }, {
      passive: false
    });
    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      if (event.target.closest("a")) return;
      drag = {
        x: event.clientX,
        y: event.clientY
      };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      box.x -= (event.clientX - drag.x) / rect.width * box.width;
      box.y -= (event.clientY - drag.y) / rect.height * box.height;
      drag = {
        x: event.clientX,
        y: event.clientY
      };
      apply();
    });
    svg.addEventListener("pointerup", () => drag = null);
    for (const button of container.querySelectorAll("[data-zoom-action]")) {
      button.addEventListener("click", () => {
        const action = button.dataset.zoomAction;
        if (action === "in") zoom(1 / 1.25);
        else if (action === "out") zoom(1.25);
        else {
          Object.assign(box, home);
          apply();
        }
      });
    }
  }
}

// ui/client/graph_states.ts
function startGraphStates(root) {
  root.addEventListener("updraft:refreshed", (event) => {
    const list = event.target;
    if (!(list instanceof HTMLElement) || !list.dataset.graphStates) return;
    const svg = root.getElementById(list.dataset.graphStates);
    if (!svg) return;
    for (const item of list.querySelectorAll("li[data-task-id]")) {
      repaint(svg, item.dataset);
    }
  });
}
function repaint(svg, data) {
  const node = [
    ...svg.querySelectorAll("a[data-task-id]")
  ].find((element) => element.dataset.taskId === data.taskId);
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

// ui/client/main.ts
function start() {
  startForms(document);
  startLiveRegions(document);
  startLogTails(document);
  startZoom(document);
  startGraphStates(document);
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
