// The store on Upstash Redis over its REST API (shared by every serverless instance and region).
import { Redis } from '@upstash/redis';
import { assertTtl, type Store } from './types.ts';

/** How long one HTTP request to Upstash may take before it is aborted (an outage, not slowness). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 2000;

/** Connection settings for createUpstashRedis. */
export type UpstashRedisOptions = { url: string; token: string; requestTimeoutMs?: number };

/**
 * The Redis client shared by the store and the rate limiter. Auto-pipelining (the default) sends
 * commands issued in the same tick as one HTTP request: parallel limit checks cost one round trip.
 */
export function createUpstashRedis(options: UpstashRedisOptions): Redis {
  const timeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  return new Redis({
    url: options.url,
    token: options.token,
    // Values come back exactly as stored: no JSON.parse of "123" or '{"a":1}' behind our back.
    automaticDeserialization: false,
    // The default (5 retries, exponential backoff) hides an outage for about 4 s. One quick retry
    // covers a stale keep-alive socket; only network errors are retried, never error replies.
    retry: { retries: 1, backoff: () => 50 },
    // A function: a fresh deadline per request. The client rethrows the abort as an error.
    signal: () => AbortSignal.timeout(timeoutMs),
    enableTelemetry: false,
  });
}

// INCR and the TTL in one atomic round trip. EXPIRE NX sets a TTL only on a key without one,
// i.e. the key this INCR created; EVAL (not EVALSHA) avoids a NOSCRIPT round trip on a cold cache.
const INCREMENT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], ARGV[1], 'NX')
return n`;

/** Where the store lives, and an optional prefix for all its keys (e.g. one per environment). */
export type UpstashStoreOptions = { redis: Redis; prefix?: string };

function expectString(value: unknown): string | null {
  if (value === null || typeof value === 'string') return value;
  throw new TypeError(`unexpected reply from Upstash: ${typeof value}`);
}

/** A Store on Upstash Redis. */
export function createUpstashStore({ redis, prefix = '' }: UpstashStoreOptions): Store {
  const k = (key: string) => prefix + key;
  return {
    async get(key) {
      return expectString(await redis.get<string>(k(key)));
    },
    async set(key, value, ttlSeconds, opts) {
      assertTtl(ttlSeconds);
      const reply = opts?.ifAbsent
        ? await redis.set(k(key), value, { ex: ttlSeconds, nx: true })
        : await redis.set(k(key), value, { ex: ttlSeconds });
      return reply === 'OK';
    },
    async getAndDelete(key) {
      return expectString(await redis.getdel<string>(k(key)));
    },
    async delete(key) {
      await redis.del(k(key));
    },
    async increment(key, ttlSeconds) {
      assertTtl(ttlSeconds);
      const reply = await redis.eval<[number], unknown>(INCREMENT_SCRIPT, [k(key)], [ttlSeconds]);
      if (typeof reply !== 'number') throw new TypeError(`unexpected reply from Upstash: ${typeof reply}`);
      return reply;
    },
  } satisfies Store;
}
