/**
 * Temporary DAG folders for the loader's tests.
 *
 * @module
 */

/** Write `files` (relative path → text) under `folder`, creating folders as needed. */
export async function writeFiles(folder: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    const file = `${folder}/${path}`;
    await Deno.mkdir(file.slice(0, file.lastIndexOf("/")), { recursive: true });
    await Deno.writeTextFile(file, text);
  }
}

/** Run `use` with a fresh DAG folder holding `files`; the folder is removed afterwards. */
export async function withDagFolder<T>(
  files: Record<string, string>,
  use: (folder: string) => Promise<T>,
): Promise<T> {
  const folder = await Deno.makeTempDir({ prefix: "updraft_dags_" });
  try {
    await writeFiles(folder, files);
    return await use(folder);
  } finally {
    await Deno.remove(folder, { recursive: true });
  }
}

/** Lines joined with newlines, so tests can say which line is which. */
export function lines(...text: string[]): string {
  return text.join("\n") + "\n";
}
