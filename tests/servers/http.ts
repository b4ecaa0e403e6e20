/**
 * A small HTTP API for tests of the HTTP provider, served by `Deno.serve` on a free port of
 * 127.0.0.1 (optionally over TLS): it checks basic and bearer authorization itself, echoes
 * requests, answers any status, answers slowly on request, and becomes "ready" after a number
 * of polls. It records every request it received.
 *
 * @module
 */

/** What the server received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

/** Options of {@link startHttpApi}. */
export interface HttpApiOptions {
  /** Basic credentials `/basic/*` wants. */
  login?: string;
  password?: string;
  /** The bearer token `/bearer/*` wants. */
  token?: string;
  /** `/ready?key=…` answers 404 this many times per key, then 200 `{"status":"ok"}` (default 2). */
  notReadyPolls?: number;
  /** Serve https with this certificate and key (PEM). */
  tls?: { cert: string; key: string };
}

/** A running test API. */
export interface HttpApi {
  /** `http://127.0.0.1:<port>` (https with `tls`). */
  url: string;
  host: string;
  port: number;
  requests: ReceivedRequest[];
  stop(): Promise<void>;
}

/** The users `/basic/users/<id>` and `/bearer/users/<id>` know. */
export const USERS: Record<string, { id: number; name: string; active: boolean }> = {
  "1": { id: 1, name: "Ada Lovelace", active: true },
  "2": { id: 2, name: "Alan Turing", active: false },
};

/** Start the API; `stop()` ends it (slow responses still waiting are aborted). */
export function startHttpApi(options: HttpApiOptions = {}): Promise<HttpApi> {
  const requests: ReceivedRequest[] = [];
  const readyPolls = new Map<string, number>();
  const stopping = new AbortController();
  const listening = Promise.withResolvers<Deno.NetAddr>();
  const handler = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const body = await request.text();
    requests.push({
      method: request.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(request.headers),
      body,
    });
    const parts = url.pathname.split("/").filter((part) => part !== "");
    const authorization = request.headers.get("authorization") ?? "";
    if (parts[0] === "basic") {
      const expected = `Basic ${btoa(`${options.login}:${options.password}`)}`;
      if (authorization !== expected) return json({ error: "bad credentials" }, 401);
      return users(parts.slice(1));
    }
    if (parts[0] === "bearer") {
      if (authorization !== `Bearer ${options.token}`) return json({ error: "bad token" }, 401);
      return users(parts.slice(1));
    }
    if (parts[0] === "echo") {
      return json({
        method: request.method,
        query: Object.fromEntries(url.searchParams),
        contentType: request.headers.get("content-type"),
        body,
      });
    }
    if (parts[0] === "status") {
      return json({ status: Number(parts[1]) }, Number(parts[1]));
    }
    if (parts[0] === "ready") {
      const key = url.searchParams.get("key") ?? "";
      const polls = (readyPolls.get(key) ?? 0) + 1;
      readyPolls.set(key, polls);
      return polls > (options.notReadyPolls ?? 2)
        ? json({ status: "ok", polls })
        : json({ status: "starting" }, 404);
    }
    if (parts[0] === "slow") {
      const ms = Number(url.searchParams.get("ms") ?? "10000");
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, ms);
        stopping.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve(null);
        });
      });
      return json({ slept: ms });
    }
    if (parts[0] === "redirect") return Response.redirect(new URL("/echo", url), 302);
    return json({ error: `no route ${url.pathname}` }, 404);
  };
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: stopping.signal,
    onListen: (address) => listening.resolve(address as Deno.NetAddr),
    ...(options.tls ?? {}),
  }, handler);
  return listening.promise.then((address) => ({
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${address.port}`,
    host: "127.0.0.1",
    port: address.port,
    requests,
    stop: async () => {
      stopping.abort();
      await server.finished;
    },
  }));
}

function users(parts: string[]): Response {
  if (parts[0] !== "users") return json({ error: "no route" }, 404);
  const user = USERS[parts[1] ?? ""];
  return user ? json(user) : json({ error: "no such user" }, 404);
}

function json(value: unknown, status = 200): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * A throwaway certificate authority and a certificate for 127.0.0.1 and localhost signed by it,
 * made with the `openssl` command; null when openssl is not installed.
 */
export async function makeTestCertificates(): Promise<
  { ca: string; cert: string; key: string; caFile: string; remove(): Promise<void> } | null
> {
  const folder = await Deno.makeTempDir({ prefix: "updraft-http-tls-" });
  const run = async (...args: string[]) => {
    const output = await new Deno.Command("openssl", { args, cwd: folder, stderr: "piped" })
      .output();
    if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  };
  try {
    await run(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=Updraft Test CA",
    );
    await run(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "key.pem",
      "-out",
      "leaf.csr",
      "-subj",
      "/CN=localhost",
    );
    await Deno.writeTextFile(
      `${folder}/ext.cnf`,
      "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n",
    );
    await run(
      "x509",
      "-req",
      "-in",
      "leaf.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "cert.pem",
      "-days",
      "2",
      "-extfile",
      "ext.cnf",
    );
  } catch (error) {
    await Deno.remove(folder, { recursive: true });
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
  return {
    ca: await Deno.readTextFile(`${folder}/ca.pem`),
    cert: await Deno.readTextFile(`${folder}/cert.pem`),
    key: await Deno.readTextFile(`${folder}/key.pem`),
    caFile: `${folder}/ca.pem`,
    remove: () => Deno.remove(folder, { recursive: true }),
  };
}
