/**
 * The HTTP interfaces: the REST API (`/api/v1`) and the authentication they share.
 *
 * @module
 */

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
  type Resource,
  verifyPassword,
} from "./auth/mod.ts";
