/// <reference lib="dom" />
/**
 * Zoom and pan for `svg[data-zoom]`: the wheel zooms around the pointer, dragging pans, and
 * buttons `[data-zoom-action="in|out|reset"]` in the same `[data-zoom-root]` do it from the
 * keyboard. It changes the SVG's viewBox only.
 *
 * @module
 */

/** Wire every zoomable SVG below `root`. */
export function startZoom(root: ParentNode): void {
  for (const container of root.querySelectorAll<HTMLElement>("[data-zoom-root]")) {
    const svg = container.querySelector<SVGSVGElement>("svg[data-zoom]");
    if (!svg || svg.dataset.wired) continue;
    svg.dataset.wired = "1";
    const initial = svg.viewBox.baseVal;
    const home = { x: initial.x, y: initial.y, width: initial.width, height: initial.height };
    const box = { ...home };
    const apply = () => svg.setAttribute("viewBox", `${box.x} ${box.y} ${box.width} ${box.height}`);
    const zoom = (factor: number, cx = box.x + box.width / 2, cy = box.y + box.height / 2) => {
      box.x = cx - (cx - box.x) * factor;
      box.y = cy - (cy - box.y) * factor;
      box.width *= factor;
      box.height *= factor;
      apply();
    };
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const rect = svg.getBoundingClientRect();
      const cx = box.x + ((event.clientX - rect.left) / rect.width) * box.width;
      const cy = box.y + ((event.clientY - rect.top) / rect.height) * box.height;
      zoom(event.deltaY > 0 ? 1.15 : 1 / 1.15, cx, cy);
    }, { passive: false });
    let drag: { x: number; y: number } | null = null;
    svg.addEventListener("pointerdown", (event) => {
      if ((event.target as Element).closest("a")) return;
      drag = { x: event.clientX, y: event.clientY };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      box.x -= ((event.clientX - drag.x) / rect.width) * box.width;
      box.y -= ((event.clientY - drag.y) / rect.height) * box.height;
      drag = { x: event.clientX, y: event.clientY };
      apply();
    });
    svg.addEventListener("pointerup", () => (drag = null));
    for (const button of container.querySelectorAll<HTMLElement>("[data-zoom-action]")) {
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
