/**
 * `GET /config` and `GET /config/section/{section}/option/{option}` (fact 160): the effective
 * configuration in Airflow's `Config` shape (sections of key/value options), as JSON or as
 * Airflow's text form, with every secret shown as `< hidden >`. Operators and admins only.
 *
 * @module
 */

import { z } from "zod";
import { preferredRepresentation } from "./_accept.ts";
import { type ConfigSection, configSections, configText } from "./_config_sections.ts";
import { ApiProblem } from "./_problem.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";

/** One option of a section. */
export const ConfigOptionSchema = named(
  "ConfigOption",
  z.object({ key: z.string(), value: z.string() }),
);

/** A section of options. */
export const ConfigSectionSchema = named(
  "ConfigSection",
  z.object({ name: z.string(), options: z.array(ConfigOptionSchema) }),
);

/** The configuration. */
export const ConfigSchema = named(
  "Config",
  z.object({ sections: z.array(ConfigSectionSchema) }),
  "The effective configuration; sensitive values read `< hidden >`.",
);

/** Add the configuration routes. */
export function addConfigRoutes(router: ApiRouter, services: ApiServices): void {
  router.add({
    method: "get",
    path: "/config",
    operationId: "get_config",
    summary: "Get the current configuration",
    tag: "Config",
    access: { resource: "config", action: "read" },
    query: z.object({ section: z.string().min(1).optional() }),
    response: {
      status: 200,
      description: "Every section (or the one asked for), as JSON or as text.",
      schema: ConfigSchema,
      text: true,
    },
    errors: [400, 404, 406],
    handle({ query, context }) {
      const type = acceptedType(context.req.header("accept"));
      let sections = configSections(services.config);
      if (query.section !== undefined) {
        sections = sections.filter((section) => section.name === query.section);
        if (sections.length === 0) {
          throw new ApiProblem(
            404,
            `section=${query.section} not found. Sections: ${
              configSections(services.config).map((section) => section.name).join(", ")
            }`,
            { title: "section not found." },
          );
        }
      }
      return answer(sections, type);
    },
  });

  router.add({
    method: "get",
    path: "/config/section/{section}/option/{option}",
    operationId: "get_value",
    summary: "Get one option of the configuration",
    tag: "Config",
    access: { resource: "config", action: "read" },
    params: z.object({ section: z.string().min(1), option: z.string().min(1) }),
    response: {
      status: 200,
      description: "The option in its section, as JSON or as text.",
      schema: ConfigSchema,
      text: true,
    },
    errors: [404, 406],
    handle({ params, context }) {
      const type = acceptedType(context.req.header("accept"));
      const section = configSections(services.config).find((item) => item.name === params.section);
      const option = section?.options.find((item) => item.key === params.option);
      if (option === undefined) {
        throw new ApiProblem(
          404,
          `The option [${params.section}/${params.option}] is not found in config.`,
          { title: "Config not found." },
        );
      }
      return answer([{ name: params.section, options: [option] }], type);
    },
  });
}

function acceptedType(accept: string | undefined): "json" | "text" {
  const type = preferredRepresentation(accept);
  if (type === null) {
    throw new ApiProblem(406, "the configuration is served as application/json or text/plain");
  }
  return type;
}

function answer(sections: ConfigSection[], type: "json" | "text"): Response {
  if (type === "text") {
    return new Response(configText(sections), {
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  return json({ sections });
}
