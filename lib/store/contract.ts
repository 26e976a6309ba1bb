// The behaviour every Store must show, run against each implementation (memory.test.ts,
// upstash.test.ts). Tests use their own random keys, so a shared backend needs no cleanup.
import { describe, expect, it } from 'vitest';
import type { Store } from './types.ts';

/** Lets time pass for the store: a fake clock for memory, real waiting for Redis. */
export type ContractOptions = { wait: (ms: number) => Promise<void> };

// Strings a careless layer would turn into something else: JSON.parse, base64 decoding, numbers.
const TRICKY_VALUES = [
  'aGVsbG8=',
  'T0s=',
  '123',
  '1e3',
  'true',
  'null',
  'OK',
  '',
  '  padded  ',
  '{"email":"a@example.com","n":1}',
  '["x",2]',
  'héllo wörld ✓ 🎉 日本語',
  'line\nbreak\ttab\u0000nul',
];

/** Registers the shared contract suite for one Store implementation. */
export function runStoreContract(name: string, makeStore: () => Store, { wait }: ContractOptions): void {
  describe(`Store contract: ${name}`, () => {
    const fresh = () => ({ store: makeStore(), key: `contract:${crypto.randomUUID()}` });

    it('gets what was set, and null for a missing key', async () => {
      const { store, key } = fresh();
      expect(await store.get(key)).toBeNull();
      expect(await store.set(key, 'v1', 60)).toBe(true);
      expect(await store.get(key)).toBe('v1');
      expect(await store.set(key, 'v2', 60)).toBe(true);
      expect(await store.get(key)).toBe('v2');
    });

    it('returns every value exactly as stored', async () => {
      const { store, key } = fresh();
      for (const [i, value] of TRICKY_VALUES.entries()) {
        await store.set(`${key}:${i}`, value, 60);
        expect(await store.get(`${key}:${i}`)).toBe(value);
        expect(await store.getAndDelete(`${key}:${i}`)).toBe(value);
      }
    });

    it('forgets a key once its TTL has passed, and ifAbsent may write it again', async () => {
      const { store, key } = fresh();
      await store.set(key, 'short', 1);
      await wait(400);
      expect(await store.get(key)).toBe('short');
      expect(await store.set(key, 'other', 60, { ifAbsent: true })).toBe(false);
      await wait(800);
      expect(await store.get(key)).toBeNull();
      expect(await store.set(key, 'again', 60, { ifAbsent: true })).toBe(true);
      expect(await store.get(key)).toBe('again');
    });

    it('ifAbsent writes only when the key does not exist', async () => {
      const { store, key } = fresh();
      expect(await store.set(key, 'first', 60, { ifAbsent: true })).toBe(true);
      expect(await store.set(key, 'second', 60, { ifAbsent: true })).toBe(false);
      expect(await store.get(key)).toBe('first');
      await store.delete(key);
      expect(await store.set(key, 'third', 60, { ifAbsent: true })).toBe(true);
      expect(await store.get(key)).toBe('third');
    });

    it('getAndDelete hands the value out once', async () => {
      const { store, key } = fresh();
      expect(await store.getAndDelete(key)).toBeNull();
      await store.set(key, 'once', 60);
      expect(await store.getAndDelete(key)).toBe('once');
      expect(await store.getAndDelete(key)).toBeNull();
      expect(await store.get(key)).toBeNull();
    });

    it('getAndDelete is atomic: of 20 concurrent callers exactly one gets the value', async () => {
      const { store, key } = fresh();
      await store.set(key, 'state-record', 60);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.getAndDelete(key)));
      expect(results.filter((r) => r !== null)).toEqual(['state-record']);
    });

    it('delete removes a key and ignores a missing one', async () => {
      const { store, key } = fresh();
      await store.set(key, 'x', 60);
      await store.delete(key);
      expect(await store.get(key)).toBeNull();
      await expect(store.delete(key)).resolves.toBeUndefined();
    });

    it('increment counts from 1, atomically under concurrency', async () => {
      const { store, key } = fresh();
      expect(await store.increment(key, 60)).toBe(1);
      expect(await store.increment(key, 60)).toBe(2);
      const results = await Promise.all(Array.from({ length: 20 }, () => store.increment(key, 60)));
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
      expect(await store.get(key)).toBe('22');
    });

    it('increment sets the TTL when it creates the key and never extends it', async () => {
      const { store, key } = fresh();
      expect(await store.increment(key, 1)).toBe(1);
      await wait(600);
      expect(await store.increment(key, 1)).toBe(2);
      await wait(600); // 1.2 s after creation: gone, although the last increment was 0.6 s ago
      expect(await store.get(key)).toBeNull();
      expect(await store.increment(key, 1)).toBe(1);
    });

    it('increment refuses a value that is not a counter', async () => {
      const { store, key } = fresh();
      await store.set(key, 'not-a-number', 60);
      await expect(store.increment(key, 60)).rejects.toThrow();
      expect(await store.get(key)).toBe('not-a-number');
    });

    it('getMany reads several keys at once, null for missing ones, in order', async () => {
      const { store, key } = fresh();
      await store.set(`${key}:a`, 'A', 60);
      await store.set(`${key}:c`, '{"c":3}', 60);
      expect(await store.getMany([`${key}:a`, `${key}:b`, `${key}:c`])).toEqual(['A', null, '{"c":3}']);
      expect(await store.getMany([])).toEqual([]);
    });

    it('hashes: set fields, read them all exactly as stored, delete some, expire as a whole', async () => {
      const { store, key } = fresh();
      expect(await store.hashGetAll(key)).toEqual({});
      expect(await store.hashSet(key, 'one', '{"n":1}', 60)).toBe(1);
      expect(await store.hashSet(key, 'two', '123', 60)).toBe(2);
      expect(await store.hashSet(key, 'one', 'replaced', 60)).toBe(2);
      expect(await store.hashGetAll(key)).toEqual({ one: 'replaced', two: '123' });
      await store.hashDelete(key, ['one', 'missing']);
      expect(await store.hashGetAll(key)).toEqual({ two: '123' });
      await store.hashDelete(key, ['two']);
      expect(await store.hashGetAll(key)).toEqual({});
      await store.hashSet(key, 'short', 'x', 1);
      await wait(1200);
      expect(await store.hashGetAll(key)).toEqual({});
    });

    it('hashSet gives the whole hash a fresh TTL', async () => {
      const { store, key } = fresh();
      await store.hashSet(key, 'a', '1', 1);
      await wait(600);
      await store.hashSet(key, 'b', '2', 2);
      await wait(700); // 1.3 s after the first write: kept by the second one's TTL
      expect(await store.hashGetAll(key)).toEqual({ a: '1', b: '2' });
    });

    it('lists: newest first, trimmed to maxLength, read up to a count, expire as a whole', async () => {
      const { store, key } = fresh();
      expect(await store.listRange(key, 10)).toEqual([]);
      for (const value of ['1', '2', '3', '4', '{"e":5}']) await store.listPush(key, value, 3, 60);
      expect(await store.listRange(key, 10)).toEqual(['{"e":5}', '4', '3']);
      expect(await store.listRange(key, 2)).toEqual(['{"e":5}', '4']);
      await store.listPush(key, 'short', 3, 1);
      await wait(1200);
      expect(await store.listRange(key, 10)).toEqual([]);
    });

    it('a plain value is not read as a hash or a list', async () => {
      const { store, key } = fresh();
      await store.set(key, 'plain', 60);
      await expect(store.hashGetAll(key)).rejects.toThrow(/WRONGTYPE/);
      await expect(store.listRange(key, 1)).rejects.toThrow(/WRONGTYPE/);
    });

    it('rejects a TTL that is not a positive whole number of seconds', async () => {
      const { store, key } = fresh();
      for (const ttl of [0, -1, 1.5, Number.NaN, 10 ** 9])
        await expect(store.set(key, 'x', ttl)).rejects.toThrow(RangeError);
      await expect(store.increment(key, 0)).rejects.toThrow(RangeError);
      expect(await store.get(key)).toBeNull();
    });
  });
}
