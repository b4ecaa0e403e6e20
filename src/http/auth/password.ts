/**
 * Password hashing with a slow KDF: PBKDF2-SHA256 through `crypto.subtle`, stored
 * self-describing as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`, so the iteration
 * count can grow later without breaking stored hashes.
 *
 * @module
 */

/** Iterations for new hashes (OWASP's 2023 figure for PBKDF2-SHA256). */
export const PASSWORD_ITERATIONS = 210_000;

const SCHEME = "pbkdf2-sha256";
const SALT_BYTES = 16;
const HASH_BYTES = 32;
/** Stored hashes claiming more iterations than this are refused rather than computed. */
const MAX_ITERATIONS = 10_000_000;

/**
 * Hash a password for storage: a random 16-byte salt and {@link PASSWORD_ITERATIONS} rounds.
 *
 * @returns `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`.
 */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, PASSWORD_ITERATIONS);
  return [SCHEME, PASSWORD_ITERATIONS, toBase64(salt), toBase64(hash)].join("$");
}

/**
 * Check a password against a stored hash from {@link hashPassword}, comparing in constant time.
 * A malformed stored hash never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (parsed === null) return false;
  const hash = await derive(password, parsed.salt, parsed.iterations, parsed.hash.length);
  return constantTimeEqual(hash, parsed.hash);
}

/** Whether two byte strings are equal, taking the same time wherever they differ. */
export function constantTimeEqual(left: Uint8Array, right: Uint8Array): boolean {
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index++) {
    difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  }
  return difference === 0;
}

function parseStored(
  stored: string,
): { iterations: number; salt: Uint8Array; hash: Uint8Array } | null {
  const parts = typeof stored === "string" ? stored.split("$") : [];
  if (parts.length !== 4 || parts[0] !== SCHEME || !/^\d+$/.test(parts[1])) return null;
  const iterations = Number(parts[1]);
  if (iterations < 1 || iterations > MAX_ITERATIONS) return null;
  try {
    const salt = fromBase64(parts[2]);
    const hash = fromBase64(parts[3]);
    return salt.length > 0 && hash.length > 0 ? { iterations, salt, hash } : null;
  } catch {
    return null;
  }
}

async function derive(
  password: string,
  salt: Uint8Array,
  iterations: number,
  bytes = HASH_BYTES,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as Uint8Array<ArrayBuffer>, iterations },
    key,
    bytes * 8,
  );
  return new Uint8Array(bits);
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}
