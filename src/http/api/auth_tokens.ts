/**
 * `POST /auth/token`: trade basic credentials (or a dashboard session) for a bearer token, so
 * scripts need not send a password with every request. An Updraft addition; Airflow 2.10 has
 * no token endpoint.
 *
 * @module
 */

import { z } from "zod";
import type { RequestAuthenticator } from "../auth/mod.ts";
import { type ApiRouter, json } from "./_router.ts";
import { named } from "./_schemas.ts";
import type { ApiServices } from "./_services.ts";

const TokenSchema = named(
  "AccessToken",
  z.object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().describe("Seconds until the token expires."),
  }),
);

/** Add the token route. */
export function addTokenRoutes(
  router: ApiRouter,
  services: ApiServices,
  authenticator: RequestAuthenticator,
): void {
  router.add({
    method: "post",
    path: "/auth/token",
    operationId: "create_token",
    summary: "Create a bearer token for the authenticated user",
    tag: "Auth",
    access: "authenticated",
    response: { status: 200, description: "A bearer token.", schema: TokenSchema },
    async handle({ user }) {
      const { token } = await authenticator.issue(user!, "api", services.clock.now());
      return json({
        access_token: token,
        token_type: "Bearer",
        expires_in: Math.round(authenticator.tokenLifetimeMs / 1000),
      });
    },
  });
}
