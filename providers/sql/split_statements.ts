/**
 * Splitting a script into statements at the semicolons that end them, never at one inside a
 * string, a quoted name, a comment or (PostgreSQL) a dollar-quoted body.
 *
 * @module
 */

/** The SQL dialects the provider speaks. */
export type SqlDialect = "sqlite" | "postgres" | "mysql";

/**
 * Split `script` into statements, without their final semicolons. Statements holding only
 * whitespace and comments are dropped.
 *
 * @example
 * ```ts
 * splitStatements("CREATE TABLE t (a text); INSERT INTO t VALUES ('x;y');", "sqlite");
 * // ["CREATE TABLE t (a text)", "INSERT INTO t VALUES ('x;y')"]
 * ```
 */
export function splitStatements(script: string, dialect: SqlDialect): string[] {
  const statements: string[] = [];
  let start = 0;
  let meaningful = false;
  let index = 0;
  const push = (end: number) => {
    if (meaningful) statements.push(script.slice(start, end).trim());
    start = end + 1;
    meaningful = false;
  };
  while (index < script.length) {
    const char = script[index];
    const next = script[index + 1];
    if (char === ";") {
      push(index);
      index++;
    } else if (char === "-" && next === "-" || char === "#" && dialect === "mysql") {
      index = lineEnd(script, index);
    } else if (char === "/" && next === "*") {
      const end = script.indexOf("*/", index + 2);
      index = end === -1 ? script.length : end + 2;
    } else if (char === "'" || char === '"' || char === "`") {
      meaningful = true;
      index = quotedEnd(script, index, dialect === "mysql" && char !== "`");
    } else if (char === "$" && dialect === "postgres" && dollarTag(script, index) !== null) {
      meaningful = true;
      const tag = dollarTag(script, index)!;
      const end = script.indexOf(tag, index + tag.length);
      index = end === -1 ? script.length : end + tag.length;
    } else {
      if (!/\s/.test(char)) meaningful = true;
      index++;
    }
  }
  push(script.length);
  return statements;
}

function lineEnd(script: string, index: number): number {
  const end = script.indexOf("\n", index);
  return end === -1 ? script.length : end + 1;
}

/** The index after the quoted text opening at `index`; a doubled quote stays inside. */
function quotedEnd(script: string, index: number, backslashEscapes: boolean): number {
  const quote = script[index];
  let position = index + 1;
  while (position < script.length) {
    const char = script[position];
    if (backslashEscapes && char === "\\") {
      position += 2;
    } else if (char === quote && script[position + 1] === quote) {
      position += 2;
    } else if (char === quote) {
      return position + 1;
    } else {
      position++;
    }
  }
  return script.length;
}

/** `$tag$` or `$$` opening a dollar-quoted string at `index`, else null (e.g. `$1`). */
function dollarTag(script: string, index: number): string | null {
  const match = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(
    script.slice(index, index + 64),
  );
  if (!match) return null;
  // An identifier character before the `$` makes it part of a name (e.g. `a$b$`), not a quote.
  if (index > 0 && /[A-Za-z0-9_$]/.test(script[index - 1])) return null;
  return match[0];
}
