/**
 * Content negotiation for the endpoints that answer JSON or plain text (logs, DAG sources,
 * configuration): which of the two the `Accept` header prefers, by quality values.
 *
 * @module
 */

/** Which representation the `Accept` header prefers; null when it accepts neither. */
export function preferredRepresentation(accept: string | undefined): "json" | "text" | null {
  if (accept === undefined || accept.trim() === "") return "json";
  let json = 0;
  let text = 0;
  for (const part of accept.split(",")) {
    const [range, ...parameters] = part.trim().toLowerCase().split(";");
    const quality = parameters.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = quality === undefined ? 1 : Number(quality.slice(2)) || 0;
    const type = range.trim();
    if (type === "application/json" || type === "application/*" || type === "*/*") {
      json = Math.max(json, type === "application/json" ? q : q * 0.99);
    }
    if (type === "text/plain" || type === "text/*" || type === "*/*") {
      text = Math.max(text, type === "text/plain" ? q : q * 0.98);
    }
  }
  if (json === 0 && text === 0) return null;
  return json >= text ? "json" : "text";
}
