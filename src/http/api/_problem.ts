/**
 * Errors as RFC 7807 problem JSON, shaped like Airflow's (fact 135): `{type, title, status,
 * detail, instance?}` with `type` pointing at the error's section of Airflow's API docs.
 *
 * @module
 */

import { ActionError } from "../../scheduler/mod.ts";
import { RecordExistsError, RecordNotFoundError, RunAlreadyExistsError } from "../../store/mod.ts";

const DOCS_URL =
  "https://airflow.apache.org/docs/apache-airflow/2.10.0/stable-rest-api-ref.html#section/Errors/";

/** The statuses the API answers errors with, their names in Airflow's docs and default titles. */
export const PROBLEMS = {
  400: { name: "BadRequest", title: "Bad Request" },
  401: { name: "Unauthenticated", title: "Unauthorized" },
  403: { name: "PermissionDenied", title: "Forbidden" },
  404: { name: "NotFound", title: "Not Found" },
  405: { name: "MethodNotAllowed", title: "Method Not Allowed" },
  406: { name: "NotAcceptable", title: "Not Acceptable" },
  409: { name: "AlreadyExists", title: "Conflict" },
  500: { name: "Unknown", title: "Internal Server Error" },
} as const;

/** An error status the API uses. */
export type ProblemStatus = keyof typeof PROBLEMS;

/** An error to answer with a given status; thrown by handlers, turned into problem JSON. */
export class ApiProblem extends Error {
  readonly status: ProblemStatus;
  readonly title: string;
  readonly headers: Record<string, string>;

  constructor(
    status: ProblemStatus,
    detail: string,
    options: { title?: string; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.title = options.title ?? PROBLEMS[status].title;
    this.headers = options.headers ?? {};
  }
}

/** A problem JSON response. */
export function problemResponse(
  status: ProblemStatus,
  detail: string,
  options: { title?: string; instance?: string; headers?: Record<string, string> } = {},
): Response {
  const body: Record<string, string | number> = {
    type: DOCS_URL + PROBLEMS[status].name,
    title: options.title ?? PROBLEMS[status].title,
    status,
    detail,
  };
  if (options.instance !== undefined) body.instance = options.instance;
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...options.headers },
  });
}

/**
 * Turn anything a handler threw into a problem response: API problems, user-action errors and
 * store conflicts keep their meaning; anything else is a 500 whose stack goes to the server log,
 * never to the client.
 */
export function errorResponse(error: unknown, request: { method: string; path: string }): Response {
  if (error instanceof ApiProblem) {
    return problemResponse(error.status, error.message, {
      title: error.title,
      headers: error.headers,
    });
  }
  if (error instanceof ActionError) {
    const status = error.kind === "invalid" ? 400 : error.kind === "not_found" ? 404 : 409;
    return problemResponse(status, error.message);
  }
  if (error instanceof RunAlreadyExistsError || error instanceof RecordExistsError) {
    return problemResponse(409, error.message);
  }
  if (error instanceof RecordNotFoundError) return problemResponse(404, error.message);
  console.error(`${request.method} ${request.path} failed:`, error);
  return problemResponse(
    500,
    `${request.method} ${request.path} failed with an unexpected error; the server log has the details`,
  );
}
