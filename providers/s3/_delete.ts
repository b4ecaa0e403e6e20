/**
 * One DeleteObjects request (at most 1000 keys): the XML document, its Content-MD5 (S3 requires
 * one for this action), and the per-key errors S3 reports in an otherwise successful answer.
 *
 * @module
 */

import type { S3Requester } from "./_request.ts";
import { childrenNamed, childText, escapeXml, parseXml } from "./_xml.ts";

/** Delete up to 1000 keys; returns the keys deleted, throws naming the keys S3 refused. */
export async function deleteBatch(
  requester: S3Requester,
  bucket: string,
  keys: string[],
): Promise<string[]> {
  if (keys.length === 0) return [];
  const objects = keys.map((key) => `<Object><Key>${escapeXml(key)}</Key></Object>`).join("");
  const body = `<?xml version="1.0" encoding="UTF-8"?>` +
    `<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${objects}</Delete>`;
  const bytes = new TextEncoder().encode(body);
  const target = { action: "DeleteObjects", bucket, query: { delete: "" } };
  const response = await requester.send(target, {
    method: "POST",
    body: bytes,
    headers: { "content-type": "application/xml", "content-md5": await md5Base64(bytes) },
  });
  const document = parseXml(await response.text());
  const failures = childrenNamed(document, "Error").map((element) =>
    `${childText(element, "Key")}: ${childText(element, "Code")} ${
      childText(element, "Message") ?? ""
    }`.trim()
  );
  if (failures.length > 0) {
    throw new Error(
      `${requester.describe(target)} failed for ${failures.length} of ${keys.length} keys: ` +
        failures.slice(0, 10).join("; ") + (failures.length > 10 ? "; …" : ""),
    );
  }
  const deleted = childrenNamed(document, "Deleted").map((element) => childText(element, "Key"));
  // A quiet answer lists nothing; a verbose one lists each key it deleted.
  return deleted.length > 0 ? deleted.filter((key): key is string => key !== undefined) : keys;
}

async function md5Base64(bytes: Uint8Array): Promise<string> {
  // WebCrypto has no MD5; node:crypto does (loaded here only, not with the provider).
  const { createHash } = await import("node:crypto");
  return createHash("md5").update(bytes).digest("base64");
}
