import { describe, expect, it } from 'vitest';
import { runStoreContract } from './contract.ts';
import { createMemoryStore } from './memory.ts';

// A fake clock: the contract's waits cost nothing and land exactly where the test says.
let clock = 1_700_000_000_000;
runStoreContract('memory', () => createMemoryStore({ now: () => clock }), {
  wait: (ms) => {
    clock += ms;
    return Promise.resolve();
  },
});

describe('memory store housekeeping', () => {
  it('sweeps expired keys nobody reads again, so it cannot grow without bound', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now, sweepIntervalMs: 1000 });
    for (let i = 0; i < 50; i++) await store.set(`k${i}`, 'v', 1);
    expect(store.size).toBe(50);
    now += 2000;
    await store.set('trigger', 'v', 60);
    expect(store.size).toBe(1);
  });

  it('refuses new keys when full of live entries instead of evicting counters', async () => {
    let now = 0;
    const store = createMemoryStore({ now: () => now, maxEntries: 3 });
    for (const key of ['a', 'b', 'c']) await store.increment(key, 60);
    await expect(store.set('d', 'v', 60)).rejects.toThrow(/full/);
    expect(await store.increment('a', 60)).toBe(2); // existing keys still work
    now += 61_000;
    await expect(store.set('d', 'v', 60)).resolves.toBe(true); // expired entries make room
  });

  it('update reads and writes in one step and leaves the key alone when no value is returned', async () => {
    const store = createMemoryStore();
    expect(store.update('u', 60, (current) => ({ value: `${current}+1`, result: current }))).toBeNull();
    expect(store.update('u', 60, (current) => ({ result: current }))).toBe('null+1');
    expect(await store.get('u')).toBe('null+1');
  });
});
