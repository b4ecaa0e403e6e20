/**
 * The provider packages embedded in the program, by the name DAG files import them with. The
 * parse and sandbox Workers install these next to the SDK (`installSdkModules`), and the DAG
 * bundler resolves their names to them, exactly as it resolves `"updraft"`.
 *
 * @module
 */

import * as email from "@updraft/email";
import * as http from "@updraft/http";
import * as s3 from "@updraft/s3";
import * as spark from "@updraft/spark";
import * as sql from "@updraft/sql";

/** Each provider's module namespace, by package name. */
export const PROVIDER_MODULES: Readonly<Record<string, Record<string, unknown>>> = {
  "@updraft/email": email,
  "@updraft/http": http,
  "@updraft/s3": s3,
  "@updraft/spark": spark,
  "@updraft/sql": sql,
};

/** The export names of every provider, by package name (for the bundler's virtual modules). */
export function providerExportNames(): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(PROVIDER_MODULES).map(([name, namespace]) => [name, Object.keys(namespace)]),
  );
}
