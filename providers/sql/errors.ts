/**
 * The error every SQL failure becomes: it names the connection, where it points and what
 * failed, with the driver's message, and never the password.
 *
 * @module
 */

/** A failed connection attempt or statement. */
export class SqlError extends Error {
  /**
   * @param connId the connection's id
   * @param target `postgres at db.internal:5432`, `sqlite at /data/app.db`, …
   * @param reason what failed, with the driver's message
   */
  constructor(
    readonly connId: string,
    readonly target: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`connection "${connId}" (${target}): ${reason}`, options);
    this.name = "SqlError";
  }
}

/** The message of what a driver threw, with `secret` (the password) replaced by `***`. */
export function driverMessage(error: unknown, secret: string | null): string {
  let message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && message === "") message = error.name;
  const code = (error as { code?: unknown })?.code;
  if (typeof code === "string" && code !== "" && !message.includes(code)) {
    message = `${message} (${code})`;
  }
  return secret ? message.replaceAll(secret, "***") : message;
}

/** The first characters of a statement, on one line, for an error message. */
export function statementExcerpt(statement: string, length = 200): string {
  const line = statement.replace(/\s+/g, " ").trim();
  return line.length > length ? `${line.slice(0, length)}…` : line;
}
