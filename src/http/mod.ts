/**
 * The HTTP interfaces: the REST API (`/api/v1`), the web dashboard (`/`), and the
 * authentication they share.
 *
 * @module
 */

export { createHttpApp, type HttpApp, type HttpAppOptions } from "./http_app.ts";
export {
  type ApiOptions,
  createApiApp,
  filelocFromToken,
  fileTokenFor,
  type ReadLog,
} from "./api/mod.ts";
export {
  type Action,
  ADMIN_USERNAME,
  BasicAuthenticator,
  type BasicAuthOptions,
  type EnsureAdminResult,
  ensureAdminUser,
  hashPassword,
  isAllowed,
  MINIMUM_ROLE,
  RequestAuthenticator,
  type Resource,
  verifyPassword,
} from "./auth/mod.ts";
