import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

// Crockford base32, the alphabet WorkOS ids (ULIDs) use: no I, L, O, U.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Matches a 26-character ULID (first char <= 7 because the timestamp has 48 bits). */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

function encodeTime(ms: number): string {
  let out = '';
  let rest = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD.charAt(rest % 32) + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function encodeBytes(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CROCKFORD.charAt((bytes[i] ?? 0) % 32);
  return out;
}

/** A ULID: 10 chars of millisecond time + 16 random chars. */
export function ulid(now: number = Date.now()): string {
  return encodeTime(now) + encodeBytes(randomBytes(16), 16);
}

/** `prefix_` + ULID, the shape of every WorkOS object id. */
export function prefixedId(prefix: string, now?: number): string {
  return `${prefix}_${ulid(now)}`;
}

/** A ULID-shaped id derived from a seed string, so it is stable across runs (profile ids). */
export function stableId(prefix: string, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  // Keep the first char in 0-7 like a real ULID timestamp.
  const first = CROCKFORD.charAt((digest[0] ?? 0) % 8);
  return `${prefix}_${first}${encodeBytes(digest.subarray(1), 25)}`;
}

/** Random [A-Za-z0-9] string (unbiased), used for link tokens and opaque tokens. */
export function alphanumericToken(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  return out;
}

/** Six decimal digits, the Magic Auth one-time code format. */
export function sixDigitCode(): string {
  return String(randomInt(1_000_000)).padStart(6, '0');
}

/** A random UUID for X-Request-ID. */
export function requestId(): string {
  return randomUUID();
}
