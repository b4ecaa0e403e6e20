/**
 * `deno task lint:deps`: checks that imports point inward (DESIGN.md §5).
 *
 * - A folder under `src/` (and `ui/`, the dashboard's components) may import only the folders
 *   its layer allows.
 * - Across folders, only a folder's door (`mod.ts`) may be imported, never its other files
 *   (a folder may use its own subfolders' files).
 * - Files starting with `_` are private to their folder.
 * - A provider (`providers/<name>/`) imports only its own files (the SDK by its name, `updraft`);
 *   its tests may also use `tests/` support. The program reaches providers only through
 *   `providers/installed.ts`.
 *
 * Exits 1 with one line per violation (file:line, what and why), else prints a summary.
 *
 * @module
 */

const ALLOWED: Record<string, string[]> = {
  core: [],
  sdk: ["core"],
  loader: ["core", "sdk"],
  store: ["core"],
  executor: ["core", "sdk"],
  scheduler: ["core", "store", "executor"],
  http: ["core", "store", "scheduler", "ui"],
  ui: ["core"],
  app: ["core", "sdk", "loader", "store", "executor", "scheduler", "http"],
  cli: ["core", "sdk", "loader", "store", "executor", "scheduler", "http", "app"],
};

const root = new URL("../", import.meta.url);
const IMPORT =
  /(?:^|\s)(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g;

/** One broken rule. */
interface Violation {
  file: string;
  line: number;
  message: string;
}

async function* sourceFiles(folder: URL): AsyncGenerator<URL> {
  for await (const entry of Deno.readDir(folder)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), folder);
    if (entry.isDirectory) yield* sourceFiles(url);
    else if (/\.(ts|tsx)$/.test(entry.name)) yield url;
  }
}

/** The top-level `src/` folder a path belongs to, or null outside `src/`. */
function layerOf(path: string): string | null {
  if (path.startsWith("ui/")) return "ui";
  const match = /^src\/([^/]+)\//.exec(path);
  return match ? match[1] : null;
}

function relative(url: URL): string {
  return decodeURIComponent(url.pathname.slice(root.pathname.length));
}

/** Check one file's imports. */
function check(path: string, text: string): Violation[] {
  const layer = layerOf(path);
  const violations: Violation[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier?.startsWith(".")) continue;
    const target = relative(new URL(specifier, new URL(path, root)));
    const line = text.slice(0, match.index).split("\n").length;
    const providerProblem = checkProviderImport(path, target);
    if (providerProblem) {
      violations.push({ file: path, line, message: providerProblem });
      continue;
    }
    const targetLayer = layerOf(target);
    const from = path.slice(0, path.lastIndexOf("/"));
    const folder = target.slice(0, target.lastIndexOf("/"));
    const name = target.slice(target.lastIndexOf("/") + 1);
    const sameFolder = folder === from;
    // A folder may reach into its own subfolders and up to its ancestors' files.
    const inside = sameFolder || from.startsWith(folder + "/") || folder.startsWith(from + "/");
    // Test support may build on another folder's test support (`_testing.ts`).
    const testSupport = name === "_testing.ts" && /(_testing|_test)\.tsx?$/.test(path);
    if (name.startsWith("_") && !sameFolder && !from.startsWith(folder + "/") && !testSupport) {
      violations.push({ file: path, line, message: `imports ${target}, private to ${folder}/` });
    }
    if (layer && targetLayer && layer !== targetLayer) {
      if (!(ALLOWED[layer] ?? []).includes(targetLayer)) {
        violations.push({
          file: path,
          line,
          message: `src/${layer} may not import src/${targetLayer} (${target}); allowed: ${
            ALLOWED[layer]?.join(", ") || "nothing"
          }`,
        });
        continue;
      }
    }
    const crossesFolder = !inside;
    const isTest = /_test\.tsx?$/.test(path) || testSupport || path.startsWith("tests/") ||
      path.startsWith("bench/");
    if (
      crossesFolder && name !== "mod.ts" && /^(src|ui)\//.test(target) && !isTest &&
      !/\.bundle\.js$/.test(name)
    ) {
      violations.push({
        file: path,
        line,
        message: `imports ${target} directly; import its folder's door ${folder}/mod.ts`,
      });
    }
  }
  return violations;
}

const PROVIDER = /^providers\/([^/]+)\//;

/** The provider rules: own files only, and the program enters through `installed.ts`. */
function checkProviderImport(path: string, target: string): string | null {
  const isTest = /_test\.tsx?$/.test(path) || path.startsWith("tests/");
  const provider = PROVIDER.exec(path)?.[0];
  if (provider && !target.startsWith(provider) && !(isTest && target.startsWith("tests/"))) {
    return `imports ${target}: a provider imports only its own files and "updraft"`;
  }
  if (!path.startsWith("providers/") && PROVIDER.test(target) && !isTest) {
    return `imports ${target}: the program reaches providers through providers/installed.ts`;
  }
  return null;
}

if (import.meta.main) {
  const violations: Violation[] = [];
  let files = 0;
  for (const top of ["src/", "ui/", "providers/", "tests/", "bench/", "tools/", "main.ts"]) {
    const url = new URL(top, root);
    try {
      const stat = await Deno.stat(url);
      const urls = stat.isDirectory ? sourceFiles(url) : (async function* () {
        yield url;
      })();
      for await (const file of urls) {
        files++;
        violations.push(...check(relative(file), await Deno.readTextFile(file)));
      }
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  for (const v of violations) console.error(`${v.file}:${v.line}: ${v.message}`);
  if (violations.length > 0) {
    console.error(`lint:deps: ${violations.length} import(s) break the dependency rules`);
    Deno.exit(1);
  }
  console.log(`lint:deps: ${files} files, imports point inward`);
}

export { check };
