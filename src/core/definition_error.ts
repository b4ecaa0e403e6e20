/**
 * The error raised when a DAG definition (or a value in it) is invalid.
 *
 * @module
 */

/** Where in a DAG definition an error was found; every field is optional. */
export interface DefinitionErrorOptions {
  dagId?: string;
  taskId?: string;
  /** The field at fault, e.g. `retryDelay` or `tasks[2].schedule`. */
  field?: string;
  /** The DAG file, relative to the DAG folder; usually added by the loader. */
  file?: string;
  /** The 1-based line in the DAG file; usually added by the loader. */
  line?: number;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * An invalid DAG definition or definition value. The message says what is wrong and what is
 * accepted; the structured fields say where, so the loader and the API can point at it.
 */
export class DefinitionError extends Error {
  /** The DAG the error belongs to, when known. */
  dagId?: string;
  /** The task the error belongs to, when known. */
  taskId?: string;
  /** The field at fault, when known. */
  field?: string;
  /** The DAG file, when known. */
  file?: string;
  /** The line in the DAG file, when known. */
  line?: number;

  constructor(message: string, options: DefinitionErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "DefinitionError";
    if (options.dagId !== undefined) this.dagId = options.dagId;
    if (options.taskId !== undefined) this.taskId = options.taskId;
    if (options.field !== undefined) this.field = options.field;
    if (options.file !== undefined) this.file = options.file;
    if (options.line !== undefined) this.line = options.line;
  }
}
