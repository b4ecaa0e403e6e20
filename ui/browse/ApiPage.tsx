import { LINK, PageHeader, TABLE } from "../components/mod.ts";

/** One parameter of an operation. */
export interface ApiParameter {
  name: string;
  /** `path`, `query` or `header`. */
  location: string;
  required: boolean;
  /** The schema in short: `string`, `integer`, `string[]`, `DAGRun`, `"a" | "b"`. */
  type: string;
  description: string | null;
}

/** One answer of an operation. */
export interface ApiResponse {
  status: string;
  description: string;
  /** The body's schema in short, null when it has none. */
  schema: string | null;
}

/** One operation: method, path and what it takes and answers. */
export interface ApiOperation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  parameters: ApiParameter[];
  /** The request body's schema name, null when none. */
  requestBody: string | null;
  responses: ApiResponse[];
  /** Whether it answers without credentials. */
  isPublic: boolean;
}

/** Operations under one tag. */
export interface ApiGroup {
  tag: string;
  operations: ApiOperation[];
}

/** The readable API page's content. */
export interface ApiPageProps {
  title: string;
  version: string;
  description: string;
  /** Where the API is mounted (`/api/v1`). */
  basePath: string;
  /** The OpenAPI document's URL. */
  documentUrl: string;
  /** This server's origin (`https://updraft.example`), for the examples. */
  origin: string;
  groups: ApiGroup[];
}

const METHOD =
  "inline-block w-16 rounded px-1.5 py-0.5 text-center font-mono text-xs font-bold uppercase";
const METHOD_LOOKS: Record<string, string> = {
  get: `${METHOD} bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100`,
  post: `${METHOD} bg-green-100 text-green-900 dark:bg-green-900 dark:text-green-100`,
  patch: `${METHOD} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`,
  put: `${METHOD} bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100`,
  delete: `${METHOD} bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100`,
};

/** The REST API in words: how to log in, then each operation grouped by tag. */
export function ApiPage(props: ApiPageProps) {
  const count = props.groups.reduce((sum, group) => sum + group.operations.length, 0);
  return (
    <div class="max-w-5xl">
      <PageHeader
        title="REST API"
        subtitle={`${props.title} ${props.version}: ${count} operations under ${props.basePath}`}
        actions={
          <a class={LINK} href={props.documentUrl} id="openapi-link">OpenAPI document (JSON)</a>
        }
      />
      <p class="mb-3 text-sm">{props.description}</p>
      <section
        class="mb-6 rounded border border-gray-300 p-3 text-sm dark:border-gray-700"
        id="api-authentication"
      >
        <h2 class="mb-1 font-semibold">How to authenticate</h2>
        <ul class="list-disc space-y-1 pl-5">
          <li>
            <strong>Basic auth</strong>: send your Updraft username and password, for example{" "}
            <code>curl -u alice:secret {props.origin}{props.basePath}/dags</code>.
          </li>
          <li>
            <strong>Bearer token</strong>: <code>POST {props.basePath}/auth/token</code>{" "}
            with basic auth answers <code>access_token</code>; send it as{" "}
            <code>Authorization: Bearer &lt;token&gt;</code> until it expires (
            <code>expires_in</code> seconds), so scripts need not keep your password.
          </li>
          <li>
            <strong>Dashboard session</strong>: in this browser, while logged in, the API accepts
            your session cookie; changes made with it also need the page's CSRF token in the{" "}
            <code>x-csrf-token</code> header.
          </li>
        </ul>
        <p class="mt-1 text-xs text-gray-500 dark:text-gray-400">
          Your role decides what you may do, as on the dashboard: Viewer reads; User also triggers,
          clears, marks and pauses; Op also edits variables, connections and pools; Admin also
          manages users.
        </p>
      </section>
      <nav aria-label="API tags" class="mb-4 flex flex-wrap gap-2 text-sm">
        {props.groups.map((group) => (
          <a key={group.tag} class={LINK} href={`#tag-${group.tag}`}>
            {group.tag} ({group.operations.length})
          </a>
        ))}
      </nav>
      {props.groups.map((group) => (
        <section key={group.tag} id={`tag-${group.tag}`} class="mb-6">
          <h2 class="mb-2 border-b border-gray-300 text-lg font-semibold dark:border-gray-700">
            {group.tag}
          </h2>
          <div class="space-y-3">
            {group.operations.map((operation) => (
              <Operation
                key={operation.operationId}
                operation={operation}
                basePath={props.basePath}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

function Operation(props: { operation: ApiOperation; basePath: string }) {
  const { operation } = props;
  return (
    <details
      class="rounded border border-gray-200 dark:border-gray-700"
      id={`operation-${operation.operationId}`}
      data-operation={`${operation.method.toUpperCase()} ${operation.path}`}
    >
      <summary class="flex cursor-pointer flex-wrap items-center gap-2 px-2 py-1.5">
        <span class={METHOD_LOOKS[operation.method] ?? METHOD}>{operation.method}</span>
        <code class="break-all text-sm">{operation.path}</code>
        <span class="text-sm text-gray-600 dark:text-gray-300">{operation.summary}</span>
        {operation.isPublic && <span class="text-xs text-gray-500">(no login needed)</span>}
      </summary>
      <div class="space-y-2 border-t border-gray-200 p-2 text-sm dark:border-gray-700">
        <p class="text-xs text-gray-500 dark:text-gray-400">
          <code>{props.basePath}{operation.path}</code> · operation id{" "}
          <code>{operation.operationId}</code>
        </p>
        {operation.parameters.length > 0 && (
          <div class="overflow-x-auto">
            <table class={TABLE.table}>
              <thead class={TABLE.head}>
                <tr>
                  <th class={TABLE.headCell} scope="col">Parameter</th>
                  <th class={TABLE.headCell} scope="col">In</th>
                  <th class={TABLE.headCell} scope="col">Type</th>
                  <th class={TABLE.headCell} scope="col">Description</th>
                </tr>
              </thead>
              <tbody>
                {operation.parameters.map((parameter) => (
                  <tr key={`${parameter.location}:${parameter.name}`} class={TABLE.row}>
                    <td class={TABLE.cell}>
                      <code>{parameter.name}</code>
                      {parameter.required && (
                        <span class="text-red-700 dark:text-red-400">(required)</span>
                      )}
                    </td>
                    <td class={TABLE.cell}>{parameter.location}</td>
                    <td class={TABLE.cell}>
                      <code class="break-all">{parameter.type}</code>
                    </td>
                    <td class={TABLE.cell}>{parameter.description ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {operation.requestBody !== null && (
          <p>
            Request body (JSON): <code>{operation.requestBody}</code>
          </p>
        )}
        <div>
          <span>Responses:</span>
          <ul class="ml-5 list-disc">
            {operation.responses.map((response) => (
              <li key={response.status}>
                <code>{response.status}</code> {response.description}
                {response.schema !== null && (
                  <span>
                    — <code>{response.schema}</code>
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </details>
  );
}
