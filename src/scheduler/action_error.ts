/**
 * Errors of user actions (trigger, clear, mark), with the kind the REST API maps to a status.
 *
 * @module
 */

/** What went wrong: bad input (400), something missing (404), a conflict (409). */
export type ActionErrorKind = "invalid" | "not_found" | "conflict";

/** A user action was refused; the message says which action and why. */
export class ActionError extends Error {
  constructor(readonly kind: ActionErrorKind, message: string) {
    super(message);
    this.name = "ActionError";
  }
}
