/// <reference lib="dom" />
/**
 * Log tails: a `<pre data-log-stream="<url>">` appends what the server streams (SSE `log`
 * events carry new text; `end` says the try finished). It keeps scrolling to the bottom while
 * the reader is at the bottom.
 *
 * @module
 */

/** Start tailing every log below `root`. */
export function startLogTails(root: ParentNode): void {
  for (const element of root.querySelectorAll<HTMLElement>("[data-log-stream]")) {
    if (element.dataset.wired) continue;
    element.dataset.wired = "1";
    const source = new EventSource(element.dataset.logStream!);
    const status = document.getElementById(element.dataset.logStatus ?? "");
    if (status) status.textContent = "● live";
    source.addEventListener("log", (event) => {
      const atBottom = element.scrollTop + element.clientHeight >= element.scrollHeight - 8;
      element.append(JSON.parse((event as MessageEvent).data) as string);
      if (atBottom) element.scrollTop = element.scrollHeight;
    });
    source.addEventListener("end", () => {
      source.close();
      if (status) status.textContent = "finished";
    });
  }
}
