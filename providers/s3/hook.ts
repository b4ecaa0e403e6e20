/**
 * `S3Hook`: S3 (and S3-compatible stores) over SigV4-signed fetch, for operators and for plain
 * TypeScript tasks that declared the connection.
 *
 * @module
 */

import type { TaskConnection } from "updraft";
import { type S3Settings, s3Settings } from "./connection.ts";
import { S3Requester } from "./_request.ts";
import { deleteBatch } from "./_delete.ts";
import { putMultipart } from "./_multipart.ts";
import { childrenNamed, childText, parseXml } from "./_xml.ts";

/** Options of {@link S3Hook}. */
export interface S3HookOptions {
  /** Sign for this region instead of the connection's `region_name`. */
  regionName?: string;
  /** Aborts every request (pass `ctx.signal`). */
  signal?: AbortSignal;
  /** Objects at least this large are uploaded in parts (default 8 MiB, at least 5 MiB). */
  multipartThreshold?: number;
  /** The size of each part of a multipart upload (default 8 MiB, at least 5 MiB). */
  partSize?: number;
}

/** An object as a listing or a HEAD request describes it. */
export interface S3ObjectInfo {
  key: string;
  size: number;
  /** The entity tag, without quotes. */
  etag: string;
  /** ISO-8601. */
  lastModified: string;
}

/** What to list. */
export interface S3ListOptions {
  prefix?: string;
  /** Group keys sharing a prefix up to this character (usually "/") into `prefixes`. */
  delimiter?: string;
  /** Keys after this one only. */
  startAfter?: string;
  /** Keys per request (S3's `max-keys`, at most 1000). */
  pageSize?: number;
  /** Stop after this many keys. */
  maxItems?: number;
}

/** One page of a listing. */
export interface S3ListPage {
  objects: S3ObjectInfo[];
  /** Common prefixes, when a delimiter was given. */
  prefixes: string[];
}

/** Options of {@link S3Hook.put}. */
export interface S3PutOptions {
  /** Overwrite an existing object (default true); false fails when the key exists. */
  replace?: boolean;
  contentType?: string;
}

const MEBIBYTE = 1024 * 1024;
const MINIMUM_PART = 5 * MEBIBYTE;

/** S3 operations through one connection. Every error names the connection, endpoint and key. */
export class S3Hook {
  /** The connection's settings. */
  readonly settings: S3Settings;
  readonly #requester: S3Requester;
  readonly #threshold: number;
  readonly #partSize: number;

  /** @param connection From `ctx.connection(id)`. @param options Region, signal, part sizes. */
  constructor(connection: TaskConnection, options: S3HookOptions = {}) {
    this.settings = s3Settings(connection, { regionName: options.regionName });
    this.#requester = new S3Requester(this.settings, options.signal);
    this.#threshold = Math.max(options.multipartThreshold ?? 8 * MEBIBYTE, MINIMUM_PART);
    this.#partSize = Math.max(options.partSize ?? 8 * MEBIBYTE, MINIMUM_PART);
  }

  /** `connection "x" (S3 at …)`, how the hook's messages start. */
  get where(): string {
    return this.#requester.where;
  }

  /** The pages of a listing (ListObjectsV2), following continuation tokens. */
  async *listPages(bucket: string, options: S3ListOptions = {}): AsyncGenerator<S3ListPage> {
    let token: string | undefined;
    let remaining = options.maxItems ?? Infinity;
    do {
      const pageSize = Math.min(options.pageSize ?? 1000, 1000, remaining);
      const response = await this.#requester.send({
        action: "ListObjectsV2",
        bucket,
        query: {
          "list-type": "2",
          prefix: options.prefix || undefined,
          delimiter: options.delimiter || undefined,
          "start-after": token ? undefined : options.startAfter || undefined,
          "continuation-token": token,
          "max-keys": String(pageSize),
        },
      });
      const document = parseXml(await response.text());
      const objects = childrenNamed(document, "Contents").map((element) => ({
        key: childText(element, "Key") ?? "",
        size: Number(childText(element, "Size") ?? 0),
        etag: unquote(childText(element, "ETag") ?? ""),
        lastModified: childText(element, "LastModified") ?? "",
      })).slice(0, remaining);
      const prefixes = childrenNamed(document, "CommonPrefixes")
        .map((element) => childText(element, "Prefix") ?? "");
      remaining -= objects.length;
      yield { objects, prefixes };
      const truncated = childText(document, "IsTruncated") === "true";
      token = truncated ? childText(document, "NextContinuationToken") : undefined;
    } while (token && remaining > 0);
  }

  /** Every key under `prefix` (all pages). */
  async listKeys(bucket: string, options: S3ListOptions = {}): Promise<string[]> {
    const keys: string[] = [];
    for await (const page of this.listPages(bucket, options)) {
      keys.push(...page.objects.map((object) => object.key));
    }
    return keys;
  }

  /** Every object (key, size, etag, date) under `prefix`. */
  async listObjects(bucket: string, options: S3ListOptions = {}): Promise<S3ObjectInfo[]> {
    const objects: S3ObjectInfo[] = [];
    for await (const page of this.listPages(bucket, options)) objects.push(...page.objects);
    return objects;
  }

  /** The common prefixes under `prefix` up to `delimiter` ("folders"). */
  async listPrefixes(bucket: string, prefix = "", delimiter = "/"): Promise<string[]> {
    const prefixes: string[] = [];
    for await (const page of this.listPages(bucket, { prefix, delimiter })) {
      prefixes.push(...page.prefixes);
    }
    return prefixes;
  }

  /** The object's size, etag and date (HeadObject), or null when there is no such key. */
  async head(bucket: string, key: string): Promise<S3ObjectInfo | null> {
    const target = { action: "HeadObject", bucket, key };
    const response = await this.#requester.sendRaw(target, { method: "HEAD" });
    if (response.status === 404) return null;
    if (!response.ok) throw await this.#requester.errorFor(target, response, "");
    return {
      key,
      size: Number(response.headers.get("content-length") ?? 0),
      etag: unquote(response.headers.get("etag") ?? ""),
      lastModified: new Date(response.headers.get("last-modified") ?? 0).toISOString(),
    };
  }

  /** Whether the object exists. */
  async exists(bucket: string, key: string): Promise<boolean> {
    return (await this.head(bucket, key)) !== null;
  }

  /** The object's content (GetObject). */
  async getBytes(bucket: string, key: string): Promise<Uint8Array> {
    const response = await this.#requester.send({ action: "GetObject", bucket, key });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** The object's content as UTF-8 text. */
  async getText(bucket: string, key: string): Promise<string> {
    return new TextDecoder().decode(await this.getBytes(bucket, key));
  }

  /** Store an object (PutObject, or a multipart upload from `multipartThreshold` bytes on). */
  async put(
    bucket: string,
    key: string,
    body: string | Uint8Array,
    options: S3PutOptions = {},
  ): Promise<void> {
    if (options.replace === false && await this.exists(bucket, key)) {
      throw new Error(
        `${this.where}: PutObject of s3://${bucket}/${key} refused: the key already exists ` +
          "and replace is false",
      );
    }
    const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
    const headers: Record<string, string> = {};
    if (options.contentType) headers["content-type"] = options.contentType;
    if (bytes.byteLength >= this.#threshold) {
      await putMultipart(this.#requester, { bucket, key, bytes, headers }, this.#partSize);
      return;
    }
    const request = { method: "PUT", body: bytes as Uint8Array<ArrayBuffer>, headers };
    await this.#requester.send({ action: "PutObject", bucket, key }, request);
  }

  /** Copy an object (CopyObject, up to 5 GiB). */
  async copy(
    source: { bucket: string; key: string },
    destination: { bucket: string; key: string },
  ): Promise<void> {
    const copySource = `/${source.bucket}/${encodeCopyKey(source.key)}`;
    const target = { action: "CopyObject", bucket: destination.bucket, key: destination.key };
    const response = await this.#requester.send(target, {
      method: "PUT",
      headers: { "x-amz-copy-source": copySource },
    });
    // S3 may answer 200 and still fail the copy, with an Error document as the body.
    const body = await response.text();
    if (/<Error[\s>]/.test(body)) {
      const error = await this.#requester.errorFor(target, response, body);
      throw new Error(`${error.message} (copying from s3://${source.bucket}/${source.key})`);
    }
  }

  /** Delete objects (DeleteObjects, 1000 keys per request); returns the keys deleted. */
  async deleteObjects(bucket: string, keys: string[]): Promise<string[]> {
    const deleted: string[] = [];
    for (let start = 0; start < keys.length; start += 1000) {
      deleted.push(...await deleteBatch(this.#requester, bucket, keys.slice(start, start + 1000)));
    }
    return deleted;
  }
}

function unquote(etag: string): string {
  return etag.replace(/^"|"$/g, "");
}

function encodeCopyKey(key: string): string {
  return key.split("/").map(encodeURIComponent).join("/");
}
