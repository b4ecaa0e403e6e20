/**
 * `deno task bench`: the benchmark suite. The cases (chain40, chain10long, bashchain40,
 * fanout1000, plan, parse500, startup, api) and their floors are issue #3's work; until then this
 * says so instead of pretending to measure.
 *
 * @module
 */

if (import.meta.main) {
  console.error(
    "deno task bench: the benchmark suite is not written yet (issue #3: chain40, fanout1000, " +
      "plan, parse500, startup, api, with their floors). Nothing was measured.",
  );
  Deno.exit(1);
}
