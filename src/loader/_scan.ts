/**
 * Change detection for the DAG folder: walk it, stat every file, and re-read (hash) only the
 * files whose size or modification time moved.
 *
 * @module
 */

/** What is known of one file's content. */
export interface FileStamp {
  size: number;
  mtime: number;
  hash: string;
}

const SKIPPED_FOLDERS = new Set(["node_modules"]);

/** Absolute paths of every regular file under `folder`, skipping hidden folders. */
export async function listFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (path: string): Promise<void> => {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(path));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return;
      throw error;
    }
    for (const entry of entries) {
      const child = `${path}/${entry.name}`;
      if (entry.isDirectory) {
        if (!entry.name.startsWith(".") && !SKIPPED_FOLDERS.has(entry.name)) await walk(child);
      } else if (entry.isFile) {
        files.push(child);
      }
    }
  };
  await walk(folder.replace(/\/+$/, ""));
  return files.sort();
}

/** The stamp of `path` now, re-hashing only when `previous` does not match; null if gone. */
export async function stampFile(
  path: string,
  previous: FileStamp | undefined,
): Promise<FileStamp | null> {
  try {
    const info = await Deno.stat(path);
    if (!info.isFile) return null;
    const mtime = info.mtime?.getTime() ?? 0;
    if (previous && previous.size === info.size && previous.mtime === mtime) return previous;
    const digest = await crypto.subtle.digest("SHA-256", await Deno.readFile(path));
    const hash = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0"))
      .join("");
    return { size: info.size, mtime, hash };
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
