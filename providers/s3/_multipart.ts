/**
 * Multipart uploads: create, upload the parts in order, complete; abort on any failure so no
 * orphaned parts keep costing storage.
 *
 * @module
 */

import type { S3Requester } from "./_request.ts";
import { childText, parseXml } from "./_xml.ts";

/** One object to upload in parts. */
export interface MultipartObject {
  bucket: string;
  key: string;
  bytes: Uint8Array;
  headers: Record<string, string>;
}

/** Upload `object` in parts of `partSize` bytes (the last one smaller). */
export async function putMultipart(
  requester: S3Requester,
  object: MultipartObject,
  partSize: number,
): Promise<void> {
  const { bucket, key } = object;
  const created = await requester.send(
    { action: "CreateMultipartUpload", bucket, key, query: { uploads: "" } },
    { method: "POST", headers: object.headers },
  );
  const uploadId = childText(parseXml(await created.text()), "UploadId");
  if (!uploadId) {
    throw new Error(
      `${requester.describe({ action: "CreateMultipartUpload", bucket, key })} ` +
        "failed: the answer has no UploadId",
    );
  }
  try {
    const etags: string[] = [];
    for (let offset = 0; offset < object.bytes.byteLength; offset += partSize) {
      const partNumber = String(etags.length + 1);
      const part = object.bytes.subarray(offset, offset + partSize);
      const response = await requester.send(
        { action: "UploadPart", bucket, key, query: { partNumber, uploadId } },
        { method: "PUT", body: part as Uint8Array<ArrayBuffer> },
      );
      await response.body?.cancel();
      etags.push(response.headers.get("etag") ?? "");
    }
    const parts = etags.map((etag, index) =>
      `<Part><PartNumber>${index + 1}</PartNumber><ETag>${escapeQuotes(etag)}</ETag></Part>`
    ).join("");
    const target = { action: "CompleteMultipartUpload", bucket, key, query: { uploadId } };
    const completed = await requester.send(target, {
      method: "POST",
      body: `<CompleteMultipartUpload>${parts}</CompleteMultipartUpload>`,
      headers: { "content-type": "application/xml" },
    });
    // S3 may answer 200 and fail the completion, with an Error document as the body.
    const body = await completed.text();
    if (/<Error[\s>]/.test(body)) throw await requester.errorFor(target, completed, body);
  } catch (error) {
    await requester.sendRaw(
      { action: "AbortMultipartUpload", bucket, key, query: { uploadId } },
      { method: "DELETE" },
    ).then((response) => response.body?.cancel()).catch(() => {});
    throw error;
  }
}

function escapeQuotes(etag: string): string {
  return etag.replace(/"/g, "&quot;");
}
