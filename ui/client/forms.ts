/// <reference lib="dom" />
/**
 * Form behaviours: `data-confirm` asks first; `data-autosubmit` submits on change; a
 * `data-json` textarea shows whether it holds valid JSON as you type.
 *
 * @module
 */

/** Wire the form behaviours below `root` (called again for swapped-in fragments). */
export function startForms(root: ParentNode): void {
  for (const form of root.querySelectorAll<HTMLFormElement>("form[data-confirm]")) {
    if (form.dataset.wired) continue;
    form.dataset.wired = "1";
    form.addEventListener("submit", (event) => {
      if (!confirm(form.dataset.confirm ?? "Are you sure?")) event.preventDefault();
    });
  }
  for (const field of root.querySelectorAll<HTMLSelectElement>("[data-autosubmit]")) {
    if (field.dataset.wired) continue;
    field.dataset.wired = "1";
    field.addEventListener("change", () => field.form?.requestSubmit());
  }
  for (const area of root.querySelectorAll<HTMLTextAreaElement>("textarea[data-json]")) {
    if (area.dataset.wired) continue;
    area.dataset.wired = "1";
    const status = document.getElementById(area.dataset.json ?? "");
    const check = () => {
      let message = "";
      let valid = true;
      if (area.value.trim() !== "") {
        try {
          JSON.parse(area.value);
          message = "✓ valid JSON";
        } catch (error) {
          message = `✕ ${(error as Error).message}`;
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
