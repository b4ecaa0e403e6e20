/**
 * The email provider (`@updraft/email`). Being built (issue 5).
 *
 * @module
 */

/** The provider's package name, as DAG files import it. */
export const PROVIDER_NAME = "@updraft/email";
