/**
 * The Fernet token format (https://github.com/fernet/spec), byte for byte as Python's
 * `cryptography.fernet` writes it: base64url(version ‖ timestamp ‖ IV ‖ ciphertext ‖ HMAC).
 * Private to core: {@link ./fernet.ts} builds the public keys on it; tests use it to check the
 * spec's vector with a fixed timestamp and IV.
 *
 * @module
 */

/** The only token version the spec defines. */
const VERSION = 0x80;
const HEADER_LENGTH = 1 + 8 + 16;
const HMAC_LENGTH = 32;
const BLOCK_LENGTH = 16;

/** A key's two halves, imported once for WebCrypto. */
export interface FernetKeyParts {
  signing: CryptoKey;
  encryption: CryptoKey;
}

/** Raised when a token cannot be read; the message never contains the plaintext. */
export class FernetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FernetError";
  }
}

/** Import the 32 raw key bytes: the first 16 sign, the last 16 encrypt. */
export async function importKeyParts(raw: Uint8Array<ArrayBuffer>): Promise<FernetKeyParts> {
  const [signing, encryption] = await Promise.all([
    crypto.subtle.importKey("raw", raw.slice(0, 16), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]),
    crypto.subtle.importKey("raw", raw.slice(16, 32), "AES-CBC", false, ["encrypt", "decrypt"]),
  ]);
  return { signing, encryption };
}

/** Seal `plaintext` into a token stamped with `timestampSeconds`, encrypted under `iv`. */
export async function sealToken(
  parts: FernetKeyParts,
  plaintext: Uint8Array<ArrayBuffer>,
  options: { timestampSeconds: number; iv: Uint8Array<ArrayBuffer> },
): Promise<string> {
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt({ name: "AES-CBC", iv: options.iv }, parts.encryption, plaintext),
  );
  const signed = new Uint8Array(HEADER_LENGTH + ciphertext.length);
  signed[0] = VERSION;
  new DataView(signed.buffer).setBigUint64(1, BigInt(Math.floor(options.timestampSeconds)));
  signed.set(options.iv, 9);
  signed.set(ciphertext, HEADER_LENGTH);
  const hmac = new Uint8Array(await crypto.subtle.sign("HMAC", parts.signing, signed));
  const token = new Uint8Array(signed.length + HMAC_LENGTH);
  token.set(signed);
  token.set(hmac, signed.length);
  return token.toBase64({ alphabet: "base64url" });
}

/** The token's bytes, or a {@link FernetError} saying why it is not a Fernet token. */
export function tokenBytes(token: string): Uint8Array<ArrayBuffer> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.fromBase64(token, { alphabet: "base64url" });
  } catch {
    throw new FernetError("could not decrypt the token: it is not url-safe base64");
  }
  const ciphertextLength = bytes.length - HEADER_LENGTH - HMAC_LENGTH;
  if (bytes[0] !== VERSION) {
    throw new FernetError("could not decrypt the token: it is not a Fernet token (version byte)");
  }
  if (ciphertextLength < BLOCK_LENGTH || ciphertextLength % BLOCK_LENGTH !== 0) {
    throw new FernetError("could not decrypt the token: it is truncated or padded wrongly");
  }
  return bytes;
}

/** The plaintext bytes, or null when the signature does not match this key. */
export async function openToken(
  parts: FernetKeyParts,
  bytes: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array | null> {
  const signed = bytes.subarray(0, bytes.length - HMAC_LENGTH);
  const hmac = bytes.subarray(bytes.length - HMAC_LENGTH);
  // WebCrypto compares the signature in constant time.
  if (!(await crypto.subtle.verify("HMAC", parts.signing, hmac, signed))) return null;
  const iv = bytes.subarray(9, HEADER_LENGTH);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: "AES-CBC", iv },
        parts.encryption,
        bytes.subarray(HEADER_LENGTH, bytes.length - HMAC_LENGTH),
      ),
    );
  } catch {
    // A valid signature over bad padding: the key signed garbage, so treat it as not ours.
    return null;
  }
}

/** The token's timestamp in epoch seconds (unverified). */
export function tokenTimestampSeconds(bytes: Uint8Array<ArrayBuffer>): number {
  return Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(1));
}
