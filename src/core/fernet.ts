/**
 * Fernet symmetric encryption, compatible with Python's `cryptography.fernet` and so with
 * Airflow's `fernet_key`: connection passwords and secret extras are stored as Fernet tokens.
 * Keys rotate as Airflow's do: a comma-separated list encrypts with the first key and decrypts
 * with any ({@link MultiFernet}). WebCrypto only; the timestamp comes from an injected clock.
 *
 * @module
 */

import { type Clock, systemClock } from "./clock.ts";
import {
  FernetError,
  type FernetKeyParts,
  importKeyParts,
  openToken,
  sealToken,
  tokenBytes,
  tokenTimestampSeconds,
} from "./_fernet_token.ts";

export { FernetError } from "./_fernet_token.ts";

const KEY_TEXT = /^[A-Za-z0-9_-]{43}=?$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** What encrypts and decrypts secrets: one {@link FernetKey} or a {@link MultiFernet}. */
export interface FernetCipher {
  /** A new token holding `plaintext`. */
  encrypt(plaintext: string): Promise<string>;
  /** The plaintext inside `token`; a {@link FernetError} when this key cannot read it. */
  decrypt(token: string): Promise<string>;
}

/** Options for a key: the clock that stamps tokens (the system clock by default). */
export interface FernetOptions {
  clock?: Clock;
}

/** One Fernet key: 16 bytes that sign and 16 that encrypt, written as url-safe base64. */
export class FernetKey implements FernetCipher {
  /** The key as url-safe base64 (44 characters with padding), as Airflow writes it. */
  readonly text: string;
  readonly #clock: Clock;
  #parts: Promise<FernetKeyParts> | null = null;
  readonly #raw: Uint8Array<ArrayBuffer>;

  private constructor(raw: Uint8Array<ArrayBuffer>, options: FernetOptions) {
    this.#raw = raw;
    this.text = raw.toBase64({ alphabet: "base64url" });
    this.#clock = options.clock ?? systemClock;
  }

  /** A new random key. */
  static generate(options: FernetOptions = {}): FernetKey {
    return new FernetKey(crypto.getRandomValues(new Uint8Array(32)), options);
  }

  /** Read a key written as url-safe base64 of 32 bytes (Airflow's `fernet_key` format). */
  static fromText(text: string, options: FernetOptions = {}): FernetKey {
    const trimmed = text.trim();
    if (trimmed.length !== 43 && trimmed.length !== 44) {
      throw new FernetError(
        `invalid Fernet key: it has ${trimmed.length} characters; a key is 44 (url-safe base64 ` +
          "of 32 bytes, as from `FernetKey.generate()` or Python's `Fernet.generate_key()`)",
      );
    }
    if (!KEY_TEXT.test(trimmed)) {
      throw new FernetError(
        "invalid Fernet key: it must use the url-safe base64 alphabet (A-Z, a-z, 0-9, '-', '_') " +
          "with at most one '=' at the end; '+' and '/' are not allowed",
      );
    }
    return new FernetKey(Uint8Array.fromBase64(trimmed, { alphabet: "base64url" }), options);
  }

  /** A new token holding `plaintext`, stamped with the clock's time and a random IV. */
  async encrypt(plaintext: string): Promise<string> {
    return await sealToken(await this.#keyParts(), encoder.encode(plaintext), {
      timestampSeconds: Math.floor(this.#clock.now() / 1000),
      iv: crypto.getRandomValues(new Uint8Array(16)),
    });
  }

  /** The plaintext inside `token`, or a {@link FernetError} when this key cannot read it. */
  async decrypt(token: string): Promise<string> {
    const plaintext = await this.decryptOrNull(tokenBytes(token));
    if (plaintext === null) throw notThisKey("this key");
    return plaintext;
  }

  /** The plaintext inside a token's bytes, or null when the signature is not this key's. */
  async decryptOrNull(bytes: Uint8Array<ArrayBuffer>): Promise<string | null> {
    const plaintext = await openToken(await this.#keyParts(), bytes);
    if (plaintext === null) return null;
    try {
      return decoder.decode(plaintext);
    } catch {
      throw new FernetError("could not decrypt the token: its plaintext is not UTF-8 text");
    }
  }

  /** Seal `plaintext` keeping an earlier token's timestamp (what rotation does). */
  async encryptAt(plaintext: string, timestampSeconds: number): Promise<string> {
    return await sealToken(await this.#keyParts(), encoder.encode(plaintext), {
      timestampSeconds,
      iv: crypto.getRandomValues(new Uint8Array(16)),
    });
  }

  #keyParts(): Promise<FernetKeyParts> {
    this.#parts ??= importKeyParts(this.#raw);
    return this.#parts;
  }
}

/**
 * Several keys for rotation, as Airflow's comma-separated `fernet_key`: encrypts with the first,
 * decrypts with whichever key signed the token.
 */
export class MultiFernet implements FernetCipher {
  /** The keys, newest (the one that encrypts) first. */
  readonly keys: readonly FernetKey[];

  constructor(keys: readonly FernetKey[]) {
    if (keys.length === 0) throw new FernetError("invalid Fernet key list: it holds no key");
    this.keys = keys;
  }

  /** Read `key1,key2,…`; an error names which key (1-based) is invalid. */
  static fromText(text: string, options: FernetOptions = {}): MultiFernet {
    const parts = text.split(",").map((part) => part.trim()).filter((part) => part !== "");
    return new MultiFernet(parts.map((part, index) => {
      try {
        return FernetKey.fromText(part, options);
      } catch (error) {
        if (parts.length === 1 || !(error instanceof FernetError)) throw error;
        throw new FernetError(`key ${index + 1} of ${parts.length}: ${error.message}`);
      }
    }));
  }

  /** A new token from the first key. */
  encrypt(plaintext: string): Promise<string> {
    return this.keys[0].encrypt(plaintext);
  }

  /** The plaintext, read with whichever key signed the token. */
  async decrypt(token: string): Promise<string> {
    const bytes = tokenBytes(token);
    for (const key of this.keys) {
      const plaintext = await key.decryptOrNull(bytes);
      if (plaintext !== null) return plaintext;
    }
    throw notThisKey(this.keys.length === 1 ? "this key" : `any of these ${this.keys.length} keys`);
  }

  /** The token re-encrypted with the first key, keeping its timestamp (Airflow's key rotation). */
  async rotate(token: string): Promise<string> {
    const plaintext = await this.decrypt(token);
    return await this.keys[0].encryptAt(plaintext, tokenTimestampSeconds(tokenBytes(token)));
  }
}

function notThisKey(keys: string): FernetError {
  return new FernetError(
    `could not decrypt the token with ${keys}: its signature does not match ` +
      "(a different key encrypted it, or the token was altered)",
  );
}
