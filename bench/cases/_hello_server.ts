/**
 * The startup floor: the least a Deno HTTP server does — start, listen on `$PORT` and answer
 * every request with 200. `startup` times it and reads its memory exactly as it does the server's.
 *
 * @module
 */

const port = Number(Deno.env.get("PORT"));
Deno.serve({ hostname: "127.0.0.1", port, onListen: () => {} }, () => new Response("ok"));
