/**
 * Bucket and key arguments as Airflow's S3 operators take them (a bucket name and a key, or a
 * full `s3://bucket/key` URL), and Unix shell-style wildcards for keys (`fnmatch`).
 *
 * @module
 */

/** A bucket and a key. */
export interface BucketKey {
  bucket: string;
  key: string;
}

/**
 * Split `s3://bucket/key` (also `s3a://`, `s3n://`) into bucket and key; throws a TypeError naming
 * `field` for anything else.
 */
export function parseS3Url(url: string, field = "key"): BucketKey {
  const match = /^s3[an]?:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match) {
    throw new TypeError(`${field}: ${JSON.stringify(url)} is not an s3://bucket/key URL`);
  }
  return { bucket: match[1], key: match[2] };
}

/**
 * The bucket and key of an operator argument pair (Airflow's `get_s3_bucket_key`): without a
 * bucket the key must be an `s3://` URL; with one it must be a plain key.
 */
export function bucketAndKey(
  bucket: string | undefined | null,
  key: string,
  fields: { bucket: string; key: string },
): BucketKey {
  if (typeof key !== "string" || key === "") {
    throw new TypeError(`${fields.key}: must be a non-empty key or s3:// URL`);
  }
  if (!bucket) {
    if (!/^s3[an]?:\/\//.test(key)) {
      throw new TypeError(
        `${fields.key}: ${JSON.stringify(key)} is a plain key: give ${fields.bucket} too, ` +
          "or write the key as s3://bucket/key",
      );
    }
    return parseS3Url(key, fields.key);
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(key)) {
    throw new TypeError(
      `${fields.key}: with ${fields.bucket} given, the key must be a path in the bucket, ` +
        `not the URL ${JSON.stringify(key)}`,
    );
  }
  return { bucket, key };
}

/** Whether `pattern` has a wildcard (`*`, `?` or `[`). */
export function hasWildcard(pattern: string): boolean {
  return /[*?[]/.test(pattern);
}

/** The part of `pattern` before its first wildcard: the prefix to list (Airflow's split). */
export function wildcardPrefix(pattern: string): string {
  return pattern.split(/[*?[]/, 1)[0];
}

/**
 * `pattern` as a RegExp with Python's `fnmatch` rules: `*` any characters (including "/"), `?`
 * one character, `[seq]` / `[!seq]` a character in / not in seq.
 */
export function wildcardRegExp(pattern: string): RegExp {
  let source = "";
  for (let index = 0; index < pattern.length; index++) {
    const character = pattern[index];
    if (character === "*") source += "[\\s\\S]*";
    else if (character === "?") source += "[\\s\\S]";
    else if (character === "[") {
      const end = pattern.indexOf("]", index + (pattern[index + 1] === "!" ? 3 : 2));
      if (end === -1) {
        source += "\\[";
        continue;
      }
      let set = pattern.slice(index + 1, end).replace(/\\/g, "\\\\").replace(/\^/g, "\\^");
      if (set.startsWith("!")) set = `^${set.slice(1)}`;
      source += `[${set}]`;
      index = end;
    } else source += character.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** Whether `key` matches the wildcard `pattern` (see {@link wildcardRegExp}). */
export function matchesWildcard(key: string, pattern: string): boolean {
  return wildcardRegExp(pattern).test(key);
}
