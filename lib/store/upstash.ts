// The store on Upstash Redis over its REST API (shared by every serverless instance and region).
import { errors, Redis, type Pipeline } from '@upstash/redis';
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

// HSET and the hash's TTL, and LPUSH + LTRIM and the list's TTL, each in one atomic round trip.
const HASH_SET_SCRIPT = `redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return redis.call('HLEN', KEYS[1])`;
const LIST_PUSH_SCRIPT = `redis.call('LPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

function expectStrings(value: unknown): string[] {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
  throw new TypeError('unexpected reply from Upstash: not a list of strings');
}

type QueuedRead = {
  add: (pipeline: Pipeline) => void;
  resolve: (reply: unknown) => void;
  reject: (error: unknown) => void;
};

/**
 * Reads issued in the same tick, as one explicit pipeline: one HTTP request. The client's own
 * auto-pipelining leaves HGETALL and LRANGE out (each would be a round trip of its own), so a
 * signed-in view's MGET, HGETALL and LRANGE would otherwise cost three. A transport failure fails
 * every read of the batch; an error reply fails only its own read.
 */
function readBatcher(redis: Redis) {
  let queue: QueuedRead[] = [];
  async function flush() {
    const batch = queue;
    queue = [];
    const pipeline = redis.pipeline();
    for (const read of batch) read.add(pipeline);
    try {
      const replies = await pipeline.exec<unknown[]>({ keepErrors: true });
      batch.forEach((read, i) => {
        const reply = replies[i];
        if (!reply) read.reject(new TypeError('unexpected reply from Upstash: a pipeline reply is missing'));
        else if (reply.error !== undefined) read.reject(new errors.UpstashError(reply.error));
        else read.resolve(reply.result);
      });
    } catch (error) {
      for (const read of batch) read.reject(error);
    }
  }
  return (add: QueuedRead['add']) =>
    new Promise<unknown>((resolve, reject) => {
      // Two microtasks, as the client's auto-pipelining waits: reads issued by async functions
      // called side by side (each up to its first await) still make the batch.
      if (queue.length === 0)
        void Promise.resolve()
          .then(() => Promise.resolve())
          .then(flush);
      queue.push({ add, resolve, reject });
    });
}

/** Where the store lives, and an optional prefix for all its keys (e.g. one per environment). */
export type UpstashStoreOptions = { redis: Redis; prefix?: string };

function expectString(value: unknown): string | null {
  if (value === null || typeof value === 'string') return value;
  throw new TypeError(`unexpected reply from Upstash: ${typeof value}`);
}

/** A Store on Upstash Redis. */
export function createUpstashStore({ redis, prefix = '' }: UpstashStoreOptions): Store {
  const k = (key: string) => prefix + key;
  const read = readBatcher(redis);
  return {
    async get(key) {
      return expectString(await read((p) => p.get(k(key))));
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
    async getMany(keys) {
      if (keys.length === 0) return [];
      const values = await read((p) => p.mget(...keys.map(k)));
      if (!Array.isArray(values)) throw new TypeError('unexpected reply from Upstash: MGET gave no list');
      return values.map(expectString);
    },
    async hashSet(key, field, value, ttlSeconds) {
      assertTtl(ttlSeconds);
      const reply = await redis.eval<unknown[], unknown>(
        HASH_SET_SCRIPT,
        [k(key)],
        [field, value, ttlSeconds],
      );
      if (typeof reply !== 'number') throw new TypeError(`unexpected reply from Upstash: ${typeof reply}`);
      return reply;
    },
    async hashGetAll(key) {
      // automaticDeserialization: false leaves HGETALL's reply as Redis's flat [field, value, …].
      const flat = expectStrings((await read((p) => p.hgetall(k(key)))) ?? []);
      const fields: Record<string, string> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i] as string] = flat[i + 1] as string;
      return fields;
    },
    async hashDelete(key, fields) {
      if (fields.length > 0) await redis.hdel(k(key), ...fields);
    },
    async listPush(key, value, maxLength, ttlSeconds) {
      assertTtl(ttlSeconds);
      await redis.eval(LIST_PUSH_SCRIPT, [k(key)], [value, maxLength, ttlSeconds]);
    },
    async listRange(key, count) {
      return expectStrings(await read((p) => p.lrange(k(key), 0, count - 1)));
    },
  } satisfies Store;
}
