// Chooses the store from configuration: Upstash when UPSTASH_REDIS_REST_URL/TOKEN (or Vercel's
// KV_REST_API_URL/TOKEN) are set, else the in-process memory store (development only; lib/env.ts
// refuses it in production). Every key gets the environment's prefix (getEnv().storeKeyPrefix).
import 'server-only';
import type { Redis } from '@upstash/redis';
import { getEnv } from '../env.ts';
import { createMemoryStore, type MemoryStore } from './memory.ts';
import type { Store } from './types.ts';
import { createUpstashRedis, createUpstashStore } from './upstash.ts';

export type { Limiter, LimitResponse, SetOptions, Store } from './types.ts';

/** What the rate limiter runs on: @upstash/ratelimit on the shared client, or the memory store. */
export type RateLimitBackend = { kind: 'upstash'; redis: Redis } | { kind: 'memory'; store: MemoryStore };

type Backends = { store: Store; rateLimit: RateLimitBackend };

/** `store` with `prefix` in front of every key: environments sharing one database stay apart. */
export function prefixedStore(store: Store, prefix: string): Store {
  return {
    get: (key) => store.get(prefix + key),
    set: (key, value, ttlSeconds, opts) => store.set(prefix + key, value, ttlSeconds, opts),
    getAndDelete: (key) => store.getAndDelete(prefix + key),
    delete: (key) => store.delete(prefix + key),
    increment: (key, ttlSeconds) => store.increment(prefix + key, ttlSeconds),
    getMany: (keys) => store.getMany(keys.map((key) => prefix + key)),
    hashSet: (key, field, value, ttlSeconds) => store.hashSet(prefix + key, field, value, ttlSeconds),
    hashGetAll: (key) => store.hashGetAll(prefix + key),
    hashDelete: (key, fields) => store.hashDelete(prefix + key, fields),
    listPush: (key, value, maxLength, ttlSeconds) =>
      store.listPush(prefix + key, value, maxLength, ttlSeconds),
    listRange: (key, count) => store.listRange(prefix + key, count),
  };
}

// Kept on globalThis: dev hot reloads and separately bundled route handlers must all see the same
// memory store (an attempt written by one route is consumed by another), and one Upstash client.
const HOLDER = Symbol.for('magic-link-signin.store');
const holder = globalThis as { [HOLDER]?: Backends };

function backends(): Backends {
  const existing = holder[HOLDER];
  if (existing) return existing;
  const { store: config, storeKeyPrefix } = getEnv();
  let created: Backends;
  if (config.kind === 'upstash') {
    const redis = createUpstashRedis({ url: config.url, token: config.token });
    created = {
      store: prefixedStore(createUpstashStore({ redis }), storeKeyPrefix),
      rateLimit: { kind: 'upstash', redis },
    };
  } else {
    const store = createMemoryStore();
    created = { store: prefixedStore(store, storeKeyPrefix), rateLimit: { kind: 'memory', store } };
  }
  holder[HOLDER] = created;
  return created;
}

/** The process-wide store (created on first use from getEnv().store). */
export function getStore(): Store {
  return backends().store;
}

/** The backend the rate limiter runs on; the same Redis client or memory store as getStore(). */
export function getRateLimitBackend(): RateLimitBackend {
  return backends().rateLimit;
}
