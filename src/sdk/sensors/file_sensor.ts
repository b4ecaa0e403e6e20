/**
 * `fileSensor`: waits for a file, or a file matching a glob, in a folder the task may read
 * (Airflow's FileSensor).
 *
 * @module
 */

import { fail, optionalBoolean, show } from "../_checks.ts";
import { taskSubject } from "../_register.ts";
import type { TaskHandle } from "../task_handle.ts";
import type { TaskOptions } from "../types.ts";
import { defineSensor } from "./define.ts";
import { fixedFolder, glob, hasMagic, holdsFile } from "./_glob.ts";
import type { SensorOptions } from "./_settings.ts";

/** The fields of {@link fileSensor}. */
interface FileSensorFields {
  path: string;
  recursive: boolean;
}

/** Options of {@link fileSensor}. */
export interface FileSensorOptions extends TaskOptions, SensorOptions {
  /**
   * An absolute path or glob (`/data/in/*.csv`, `/data/{{ ds }}/**\/part-*`), templated. The
   * task may read the folder it starts in (the part before the first wildcard or template).
   */
  path: string;
  /** Let `**` match any number of folders (default false: it matches like `*`). */
  recursive?: boolean;
}

const fileSensorBuilder = defineSensor({
  name: "FileSensor",
  templateFields: ["path"],
  permissions: (fields: FileSensorFields) => {
    const folder = fixedFolder(fields.path);
    return folder === "" ? {} : { read: [folder] };
  },
  async poke(ctx, fields) {
    ctx.log(`Poking for file ${fields.path}`);
    const matches = hasMagic(fields.path)
      ? await glob(fields.path, fields.recursive)
      : [fields.path];
    for (const path of matches) {
      if (await holdsFile(path)) {
        const info = await Deno.stat(path);
        ctx.log(`Found ${path}, last modified ${info.mtime?.toISOString() ?? "unknown"}`);
        return true;
      }
    }
    return false;
  },
});

/**
 * Wait until `path` exists: a file, a folder holding a file, or anything matching the glob. The
 * sensor adds read permission for the folder the path starts in.
 *
 * @example
 * ```ts
 * fileSensor({ id: "wait_for_rates", path: "/data/inbox/rates_{{ ds_nodash }}.csv" });
 * fileSensor({ id: "any_part", path: "/data/out/**\/part-*", recursive: true, mode: "reschedule" });
 * ```
 */
export function fileSensor(options: FileSensorOptions): TaskHandle<undefined> {
  const subject = taskSubject("fileSensor", options);
  const path = options.path;
  if (typeof path !== "string" || path.trim() === "") {
    fail(subject, "path", `must be a non-empty path or glob, got ${show(path)}`);
  }
  const declared = (options.permissions?.read ?? []).length > 0;
  if (fixedFolder(path) === "" && !(declared && path.startsWith("{{"))) {
    fail(
      subject,
      "path",
      path.startsWith("/")
        ? `${show(path)} does not start with a fixed folder for the task to read (the part ` +
          `before the first wildcard or template): use e.g. "/data/in/*.csv"`
        : `must be an absolute path or glob (e.g. "/data/in/*.csv"), got ${show(path)}; a ` +
          `path that starts with a template needs permissions: { read: [<folder>] }`,
    );
  }
  return fileSensorBuilder({
    ...options,
    recursive: optionalBoolean(options.recursive, false, subject, "recursive"),
  });
}
