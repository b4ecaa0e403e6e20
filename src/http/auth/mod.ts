/**
 * Authentication and authorization for the HTTP interfaces: password hashing, the first admin
 * user, HTTP basic authentication, session and bearer tokens with CSRF protection, the role
 * table, and the rules that keep an Admin user.
 *
 * @module
 */

export {
  constantTimeEqual,
  hashPassword,
  PASSWORD_ITERATIONS,
  verifyPassword,
} from "./password.ts";
export {
  ADMIN_USERNAME,
  type EnsureAdminResult,
  ensureAdminUser,
  generatePassword,
} from "./admin_user.ts";
export {
  BasicAuthenticator,
  type BasicAuthOptions,
  type BasicCredentials,
  parseBasicAuthorization,
} from "./basic_auth.ts";
export {
  fingerprintOf,
  SessionTokens,
  type TokenClaims,
  type TokenKind,
} from "./session_tokens.ts";
export {
  type Authenticated,
  CSRF_HEADER,
  readCookie,
  RequestAuthenticator,
  type RequestAuthOptions,
  SESSION_COOKIE,
} from "./request_auth.ts";
export { type Action, isAllowed, MINIMUM_ROLE, type Resource } from "./permissions.ts";
export {
  allUsers,
  emailTaken,
  type UserChange,
  type UserChangeRefusal,
  userChangeRefusal,
} from "./user_rules.ts";
