/**
 * Updraft's version, from `deno.json` (embedded at build time through the module graph).
 *
 * @module
 */

import manifest from "../../deno.json" with { type: "json" };

/** The version of this program. */
export const VERSION: string = manifest.version;
