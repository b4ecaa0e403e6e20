/**
 * URL splitting and quoting exactly as Python's `urllib.parse` does it (`urlsplit`, `quote`,
 * `unquote`, `parse_qsl`, `urlencode`), because Airflow's connection URIs are defined by them:
 * `new URL()` differs (it rejects `%` in hosts, normalises paths, knows special schemes).
 *
 * @module
 */

/** The parts of a URL, as `urlsplit` returns them. */
export interface SplitUrl {
  scheme: string;
  netloc: string;
  path: string;
  query: string;
  fragment: string;
}

const SCHEME_CHARACTERS = /^[A-Za-z][A-Za-z0-9+.-]*$/;

/** Python's `urlsplit(url)`: lower-cased scheme, netloc after `//`, path, query, fragment. */
export function urlSplit(url: string): SplitUrl {
  // urlsplit strips leading C0 controls and spaces, and removes tabs and newlines anywhere.
  let start = 0;
  while (start < url.length && url.charCodeAt(start) <= 0x20) start++;
  let rest = url.slice(start).replace(/[\t\r\n]/g, "");
  let scheme = "";
  const colon = rest.indexOf(":");
  if (colon > 0 && SCHEME_CHARACTERS.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = "";
  if (rest.startsWith("//")) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end === -1 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end === -1 ? "" : rest.slice(end + 2);
  }
  let fragment = "";
  const hash = rest.indexOf("#");
  if (hash !== -1) [rest, fragment] = [rest.slice(0, hash), rest.slice(hash + 1)];
  let query = "";
  const question = rest.indexOf("?");
  if (question !== -1) [rest, query] = [rest.slice(0, question), rest.slice(question + 1)];
  return { scheme, netloc, path: rest, query, fragment };
}

/** The user information and host of a netloc, as `SplitResult`'s properties give them. */
export interface NetlocParts {
  /** `username`: null when there is no `@`. */
  username: string | null;
  /** `password`: null when the user information has no `:`. */
  password: string | null;
  /** `hostname`: lower-cased, without IPv6 brackets; null when empty. */
  hostname: string | null;
  /** The text after the host's `:`, unchecked; null when empty. */
  portText: string | null;
}

/** Split a netloc as `SplitResult.username/password/hostname/port` do. */
export function splitNetloc(netloc: string): NetlocParts {
  const at = netloc.lastIndexOf("@");
  const userInformation = at === -1 ? null : netloc.slice(0, at);
  const hostInformation = netloc.slice(at + 1);
  let username: string | null = null;
  let password: string | null = null;
  if (userInformation !== null) {
    const colon = userInformation.indexOf(":");
    username = colon === -1 ? userInformation : userInformation.slice(0, colon);
    password = colon === -1 ? null : userInformation.slice(colon + 1);
  }
  let hostname: string;
  let portText: string;
  if (hostInformation.includes("[")) {
    const open = hostInformation.indexOf("[");
    const close = hostInformation.indexOf("]", open);
    hostname = close === -1
      ? hostInformation.slice(open + 1)
      : hostInformation.slice(open + 1, close);
    const after = close === -1 ? "" : hostInformation.slice(close + 1);
    portText = after.includes(":") ? after.slice(after.indexOf(":") + 1) : "";
  } else {
    const colon = hostInformation.indexOf(":");
    hostname = colon === -1 ? hostInformation : hostInformation.slice(0, colon);
    portText = colon === -1 ? "" : hostInformation.slice(colon + 1);
  }
  return {
    username,
    password,
    hostname: hostname === "" ? null : hostname.toLowerCase(),
    portText: portText === "" ? null : portText,
  };
}

/** Python's `unquote`: runs of `%XX` decoded as UTF-8 (bad bytes become U+FFFD). */
export function unquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = run.match(/%../g)!.map((pair) => parseInt(pair.slice(1), 16));
    return new TextDecoder().decode(new Uint8Array(bytes));
  });
}

/** Python's `quote(text, safe="")`: everything but letters, digits and `_.-~` escaped. */
export function quote(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Python's `dict(parse_qsl(query, keep_blank_values=True))`: the last value of a name wins. */
export function parseQuery(query: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const piece of query.split("&")) {
    if (piece === "") continue;
    const equals = piece.indexOf("=");
    const name = equals === -1 ? piece : piece.slice(0, equals);
    const value = equals === -1 ? "" : piece.slice(equals + 1);
    result[unquote(name.replaceAll("+", " "))] = unquote(value.replaceAll("+", " "));
  }
  return result;
}

/** Python's `urlencode` of string pairs: `quote_plus` on names and values, joined by `&`. */
export function encodeQuery(pairs: Record<string, string>): string {
  const plus = (text: string) => quote(text).replaceAll("%20", "+");
  return Object.entries(pairs).map(([name, value]) => `${plus(name)}=${plus(value)}`).join("&");
}
