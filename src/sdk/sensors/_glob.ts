/**
 * Python's `glob.glob` for the file sensor: `*`, `?`, `[seq]`, `[!seq]` within one path segment,
 * `**` across folders when `recursive` (else like `*`); wildcards skip names starting with "."
 * unless the pattern segment does too. Also the fixed folder a pattern starts in, which is what
 * the sensor needs permission to read.
 *
 * @module
 */

const MAGIC = /[*?[]/;

/** Whether a path segment holds a wildcard. */
export function hasMagic(segment: string): boolean {
  return MAGIC.test(segment);
}

/**
 * The folder a pattern is read from: the segments before the first one with a wildcard or a
 * template, or the parent folder of a plain path. "" when the pattern is not absolute or starts
 * with a wildcard or template right after "/".
 */
export function fixedFolder(pattern: string): string {
  if (!pattern.startsWith("/")) return "";
  const segments = pattern.split("/").slice(1);
  const firstVariable = segments.findIndex((segment) =>
    hasMagic(segment) || segment.includes("{{") || segment.includes("{%")
  );
  const fixed = firstVariable < 0 ? segments.slice(0, -1) : segments.slice(0, firstVariable);
  const folder = fixed.filter((segment) => segment !== "" && segment !== ".").join("/");
  return folder === "" ? "" : `/${folder}`;
}

/** The paths matching an absolute pattern, in directory order. */
export async function glob(pattern: string, recursive: boolean): Promise<string[]> {
  const segments = pattern.split("/").filter((segment) => segment !== "");
  const found: string[] = [];
  await expand("/", segments, recursive, found);
  return found;
}

async function expand(
  base: string,
  segments: string[],
  recursive: boolean,
  found: string[],
): Promise<void> {
  if (segments.length === 0) {
    if (await exists(base)) found.push(base);
    return;
  }
  const [segment, ...rest] = segments;
  if (segment === "**" && recursive) {
    await expand(base, rest, recursive, found);
    for (const folder of await descendants(base, rest.length === 0)) {
      if (rest.length === 0) found.push(folder.path);
      else if (folder.isDirectory) await expand(folder.path, rest, recursive, found);
    }
    return;
  }
  if (!hasMagic(segment)) {
    await expand(join(base, segment), rest, recursive, found);
    return;
  }
  const matcher = segmentPattern(segment.replaceAll("**", "*"));
  for (const entry of await entries(base)) {
    if (entry.name.startsWith(".") && !segment.startsWith(".")) continue;
    if (!matcher.test(entry.name)) continue;
    const path = join(base, entry.name);
    if (rest.length === 0) found.push(path);
    else if (await isDirectory(path)) await expand(path, rest, recursive, found);
  }
}

/** Whether `path` is a file, or a folder holding a file at any depth (Airflow's `os.walk`). */
export async function holdsFile(path: string): Promise<boolean> {
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
  if (info.isFile) return true;
  return info.isDirectory && await folderHoldsFile(path);
}

/** Like `os.walk`: links to files count, links to folders are not followed. */
async function folderHoldsFile(folder: string): Promise<boolean> {
  const list = await entries(folder);
  for (const entry of list) {
    if (entry.isFile) return true;
    if (entry.isSymlink && await isFile(join(folder, entry.name))) return true;
  }
  for (const entry of list) {
    if (entry.isDirectory && await folderHoldsFile(join(folder, entry.name))) return true;
  }
  return false;
}

/** `fnmatch` of one name: `*`, `?`, `[seq]`, `[!seq]`; everything else literal. */
export function segmentPattern(segment: string): RegExp {
  let source = "";
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index];
    if (char === "*") source += ".*";
    else if (char === "?") source += ".";
    else if (char === "[") {
      const close = segment.indexOf("]", index + 2);
      if (close < 0) {
        source += "\\[";
        continue;
      }
      let inside = segment.slice(index + 1, close);
      const negated = inside.startsWith("!");
      if (negated) inside = inside.slice(1);
      source += `[${negated ? "^" : ""}${inside.replace(/[\\\]^]/g, "\\$&")}]`;
      index = close;
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`, "s");
}

async function descendants(
  base: string,
  withFiles: boolean,
): Promise<{ path: string; isDirectory: boolean }[]> {
  const found: { path: string; isDirectory: boolean }[] = [];
  for (const entry of await entries(base)) {
    if (entry.name.startsWith(".")) continue;
    const path = join(base, entry.name);
    // Links to folders are listed but not entered, so a link loop cannot recurse forever.
    const directory = entry.isDirectory;
    if (directory || withFiles) found.push({ path, isDirectory: directory });
    if (directory) found.push(...await descendants(path, withFiles));
  }
  return found;
}

async function entries(folder: string): Promise<Deno.DirEntry[]> {
  const list: Deno.DirEntry[] = [];
  try {
    for await (const entry of Deno.readDir(folder)) list.push(entry);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  return list.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.lstat(path);
    return true;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isFile;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await Deno.stat(path)).isDirectory;
  } catch (error) {
    if (isMissing(error)) return false;
    throw error;
  }
}

/** Not there (or a file where a folder was expected): no match, not an error. */
function isMissing(error: unknown): boolean {
  return error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory;
}

function join(base: string, name: string): string {
  return base.endsWith("/") ? `${base}${name}` : `${base}/${name}`;
}
