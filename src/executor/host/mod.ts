/**
 * The sandbox host: what runs inside the executor's child processes (pre-booted Worker
 * sandboxes, bash subprocesses, templates, try logs). Its own door, so the server's process
 * never loads it (templating alone weighs ~17 MB there).
 *
 * @module
 */

export { runExecutorHost } from "../host.ts";
export { renderTemplate, renderTemplateFields, TemplateRenderError } from "../templates.ts";
