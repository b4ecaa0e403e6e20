/**
 * The parse worker evaluates a bundle as a classic script under `node:vm` with a time limit,
 * because `Worker.terminate()` does not stop a Worker stuck in a busy loop (Deno 2.9): only V8's
 * script timeout interrupts it. This turns the bundle's final `export { … }` into an assignment.
 *
 * @module
 */

/** The global the script version of a bundle assigns its exports to. */
export const SCRIPT_EXPORTS_KEY = "updraft.parseExports";

const EXPORT_BLOCK = /\nexport \{([^}]*)\};\s*(\/\/# sourceMappingURL=[^\n]*\s*)?$/;
const SPECIFIER = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/;

/**
 * The script form of an esbuild ESM bundle (same lines, so its source map still applies), or
 * null when the export block has a shape this does not handle (the worker then imports the
 * module instead).
 */
export function bundleAsScript(code: string): string | null {
  const match = EXPORT_BLOCK.exec(code);
  if (!match) return /^\s*export\s/m.test(code) ? null : inScope(code, "");
  const properties: string[] = [];
  for (const specifier of match[1].split(",").map((part) => part.trim()).filter(Boolean)) {
    const parts = SPECIFIER.exec(specifier);
    if (!parts) return null;
    properties.push(`${JSON.stringify(parts[2] ?? parts[1])}: ${parts[1]}`);
  }
  const assignment = `\nglobalThis[Symbol.for(${JSON.stringify(SCRIPT_EXPORTS_KEY)})] = { ${
    properties.join(", ")
  } };\n`;
  return inScope(code.slice(0, match.index) + assignment, match[2] ?? "");
}

/**
 * Run the body in a strict function scope of its own, as a module would: its top-level names
 * become neither global properties nor global bindings, so a parse Worker can evaluate one file
 * after another. The opening goes on the first line, so every line keeps its number.
 */
function inScope(body: string, trailer: string): string {
  return `(() => { "use strict"; ${body}\n})();\n${trailer}`;
}
