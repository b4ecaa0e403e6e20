/**
 * Every benchmark case, in the order they run.
 *
 * @module
 */

import type { BenchCase } from "../_harness.ts";
import { apiCase } from "./api.ts";
import { dashboardCase } from "./dashboard.ts";
import { bashchain40, chain10long, chain40 } from "./chains.ts";
import { fanout1000 } from "./fanout.ts";
import { parse500 } from "./parse.ts";
import { planCase } from "./plan.ts";
import { startup } from "./startup.ts";

/** The cases of `deno task bench`. */
export const CASES: readonly BenchCase[] = [
  chain40,
  chain10long,
  bashchain40,
  fanout1000,
  planCase,
  parse500,
  startup,
  apiCase,
  dashboardCase,
];
