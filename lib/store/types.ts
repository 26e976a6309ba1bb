// The storage the app needs for short-lived state (sign-in attempts, revocations, counters), and
// the rate-limit shape both backends share. Values are strings: callers JSON-encode.

/** Options for Store.set. */
export type SetOptions = {
  /** Write only when the key does not exist (Redis SET NX). */
  ifAbsent?: boolean;
};

/** Short-lived key-value storage with per-key expiry. Implementations end with `satisfies Store`. */
export interface Store {
  /** The value, or null when missing or expired. */
  get(key: string): Promise<string | null>;
  /** Stores `value` for `ttlSeconds`; false only when `ifAbsent` is set and the key exists. */
  set(key: string, value: string, ttlSeconds: number, opts?: SetOptions): Promise<boolean>;
  /** Returns the value and removes it in one atomic step: of concurrent callers, one gets it. */
  getAndDelete(key: string): Promise<string | null>;
  /** Removes the key (no error when it does not exist). */
  delete(key: string): Promise<void>;
  /** Adds 1 and returns the new count; the TTL starts when the key is created and is never extended. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** The values of several keys in one round trip (Redis MGET), null for each missing one. */
  getMany(keys: string[]): Promise<(string | null)[]>;
  /**
   * Sets one field of a hash and gives the whole hash `ttlSeconds` from now (one atomic step);
   * returns how many fields the hash then holds.
   */
  hashSet(key: string, field: string, value: string, ttlSeconds: number): Promise<number>;
  /** Every field of a hash ({} when the key is missing). */
  hashGetAll(key: string): Promise<Record<string, string>>;
  /** Removes fields of a hash (no error for missing ones). */
  hashDelete(key: string, fields: string[]): Promise<void>;
  /**
   * Puts `value` at the head of a list, keeps its `maxLength` newest items, and gives the list
   * `ttlSeconds` from now (one atomic step).
   */
  listPush(key: string, value: string, maxLength: number, ttlSeconds: number): Promise<void>;
  /** Up to `count` items from the head (newest first); [] when the key is missing. */
  listRange(key: string, count: number): Promise<string[]>;
}

/** One rate-limit decision, shaped like @upstash/ratelimit's response (`reset` in epoch ms). */
export type LimitResponse = { success: boolean; reset: number; reason?: string };

/** Counts one request for an identifier, and hands a count back. */
export interface Limiter {
  limit(identifier: string): Promise<LimitResponse>;
  /**
   * Takes back one count of `identifier` from its current window (a request that `limit` counted
   * but that, in the end, must not count). Never denies; may leave the window's count below zero,
   * as @upstash/ratelimit's negative `rate` does.
   */
  refund(identifier: string): Promise<unknown>;
}

/** Longest TTL the store accepts (a year): catches milliseconds passed as seconds. */
export const MAX_TTL_SECONDS = 366 * 86_400;

/** Throws a RangeError unless `ttlSeconds` is a whole number of seconds in 1..MAX_TTL_SECONDS. */
export function assertTtl(ttlSeconds: number): void {
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_TTL_SECONDS)
    throw new RangeError(`ttlSeconds must be an integer from 1 to ${MAX_TTL_SECONDS} (got ${ttlSeconds})`);
}
