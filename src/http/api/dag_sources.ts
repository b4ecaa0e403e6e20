/**
 * `GET /dagSources/{file_token}` (fact 160): the source of a DAG file as it was at its last good
 * parse, named by the `file_token` of its DAGs; JSON `{content}`, or plain text when the `Accept`
 * header prefers it.
 *
 * @module
 */

import { z } from "zod";
import { preferredRepresentation } from "./_accept.ts";
import { filelocFromToken } from "./_dag_dto.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";

/** A DAG file's source. */
export const DagSourceSchema = named(
  "DagSource",
  z.object({ content: z.string() }),
  "The DAG file's source text as it was when last parsed successfully.",
);

/** Add the DAG source route. */
export function addDagSourceRoutes(router: ApiRouter, services: ApiServices): void {
  const { store } = services;

  router.add({
    method: "get",
    path: "/dagSources/{file_token}",
    operationId: "get_dag_source",
    summary: "Get the source code of a DAG file",
    tag: "DAG",
    access: { resource: "dag_code", action: "read" },
    params: z.object({ file_token: z.string().min(1) }),
    response: {
      status: 200,
      description: "The source, as JSON or (Accept: text/plain) as text.",
      schema: DagSourceSchema,
      text: true,
    },
    errors: [404, 406],
    async handle({ params, context }) {
      const type = preferredRepresentation(context.req.header("accept"));
      if (type === null) {
        throw new ApiProblem(406, "DAG sources are served as application/json or text/plain");
      }
      const fileloc = filelocFromToken(params.file_token);
      if (fileloc === null) {
        throw new ApiProblem(
          404,
          `'${params.file_token}' is not a file token; use the file_token field of a DAG`,
          { title: "Dag source not found" },
        );
      }
      // The file's last good bundle, while it defines active DAGs.
      const known = (await store.listKnownFiles()).find((file) => file.fileloc === fileloc);
      const bundle = known?.bundleHash ? await store.getBundle(known.bundleHash) : null;
      if (!bundle) {
        throw new ApiProblem(
          404,
          `no DAG file ${JSON.stringify(fileloc)} with a successfully parsed version is known`,
          { title: "Dag source not found" },
        );
      }
      if (type === "text") {
        return new Response(bundle.source, {
          headers: { "content-type": "text/plain; charset=utf-8" },
        });
      }
      return json({ content: bundle.source });
    },
  });
}
