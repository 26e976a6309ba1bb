import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUpstashLocal, type UpstashLocal } from '../../dev/upstash-local/index.ts';
import { runStoreContract } from './contract.ts';
import type { Store } from './types.ts';
import { createUpstashRedis, createUpstashStore } from './upstash.ts';

// The real @upstash/redis client -> the local REST bridge -> a real redis-server on free ports.
let local: UpstashLocal;
let store: Store;

beforeAll(async () => {
  local = await startUpstashLocal();
  store = createUpstashStore({ redis: createUpstashRedis(local), prefix: 'test:' });
});
afterAll(async () => {
  await local?.stop();
});

runStoreContract('upstash (real Redis through the local bridge)', () => store, {
  wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

describe('upstash store specifics', () => {
  it('writes under the prefix with the TTL Redis reports', async () => {
    const raw = createUpstashRedis(local);
    await store.set('prefixed', 'v', 90);
    expect(await raw.get('test:prefixed')).toBe('v');
    const ttl = await raw.ttl('test:prefixed');
    expect(ttl).toBeGreaterThan(85);
    expect(ttl).toBeLessThanOrEqual(90);
  });

  it('increment costs one HTTP round trip and one Redis command', async () => {
    local.bridge.resetStats();
    await store.increment('one-trip', 60);
    expect(local.bridge.stats()).toEqual({ requests: 1, commands: 1 });
  });

  it('reads issued together (MGET, HGETALL, LRANGE, GET) share one HTTP round trip', async () => {
    await store.hashSet('batch-h', 'f', 'v', 60);
    await store.listPush('batch-l', 'item', 5, 60);
    await store.set('batch-k', 'k', 60);
    local.bridge.resetStats();
    const replies = await Promise.all([
      store.getMany(['batch-k', 'batch-none']),
      store.hashGetAll('batch-h'),
      store.listRange('batch-l', 5),
      store.get('batch-k'),
    ]);
    expect(replies).toEqual([['k', null], { f: 'v' }, ['item'], 'k']);
    expect(local.bridge.stats()).toEqual({ requests: 1, commands: 4 });
  });

  it('an error reply in a batch fails only its own read', async () => {
    await store.set('batch-string', 'not a hash', 60);
    const [wrong, right] = await Promise.allSettled([
      store.hashGetAll('batch-string'),
      store.get('batch-string'),
    ]);
    expect(wrong.status).toBe('rejected');
    expect(String((wrong as PromiseRejectedResult).reason)).toContain('WRONGTYPE');
    expect(right).toEqual({ status: 'fulfilled', value: 'not a hash' });
  });

  it('gives up on a hung request after the request timeout instead of waiting forever', async () => {
    const impatient = createUpstashStore({ redis: createUpstashRedis({ ...local, requestTimeoutMs: 200 }) });
    local.redis.pause();
    try {
      const started = Date.now();
      await expect(impatient.get('hung')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      local.redis.resume();
    }
  });

  it('fails fast with an error (not a null) when Redis is down, and recovers when it is back', async () => {
    await store.set('survives', 'no', 60);
    await local.redis.stop();
    const started = Date.now();
    await expect(store.get('survives')).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
    await local.redis.start();
    await expect.poll(() => store.set('back', 'yes', 60).catch(() => false), { timeout: 3000 }).toBe(true);
    expect(await store.get('survives')).toBeNull(); // nothing is persisted across restarts
  });
});
