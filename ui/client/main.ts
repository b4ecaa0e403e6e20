/// <reference lib="dom" />
/**
 * The dashboard's only client script: small behaviours keyed by data attributes on server
 * rendered HTML. Pages work without it (plain links and forms); with it, live regions refresh
 * when state changes (one SSE stream per page), logs tail, graphs zoom and forms confirm.
 *
 * @module
 */

import { startLiveRegions } from "./live_regions.ts";
import { startLogTails } from "./log_tail.ts";
import { startZoom } from "./zoom.ts";
import { startForms } from "./forms.ts";
import { startGraphStates } from "./graph_states.ts";

function start(): void {
  startForms(document);
  startLiveRegions(document);
  startLogTails(document);
  startZoom(document);
  startGraphStates(document);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
