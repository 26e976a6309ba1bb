import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import { consumeAttempt, createAttempt, discardAttempt, type Attempt } from './attempts.ts';
import { sha256Hex } from './tokens.ts';

const attempt: Attempt = {
  email: 'a@example.com',
  returnTo: '/dashboard',
  remember: false,
  bindHash: 'h'.repeat(64),
  createdAt: 0,
  organizationId: null,
  connectionId: null,
  origin: 'http://localhost:3000',
};

afterEach(() => vi.useRealTimers());

describe('sign-in attempts', () => {
  it('stores only the hash of a 256-bit state, and gives the attempt back once', async () => {
    const store = createMemoryStore();
    const state = await createAttempt(store, attempt, 600);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await store.get(`pl:state:${state}`)).toBeNull();
    expect(await store.get(`pl:state:${await sha256Hex(state)}`)).not.toBeNull();
    expect(await consumeAttempt(store, state)).toEqual(attempt);
    expect(await consumeAttempt(store, state)).toBeNull();
  });

  it('gives concurrent callbacks one attempt between them', async () => {
    const store = createMemoryStore();
    const state = await createAttempt(store, attempt, 600);
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeAttempt(store, state)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('expires after the configured lifetime (the app-side ceiling)', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const store = createMemoryStore({ now: () => Date.now() });
    const state = await createAttempt(store, attempt, 600);
    vi.setSystemTime(1_000_000 + 601_000);
    expect(await consumeAttempt(store, state)).toBeNull();
  });

  it('can be discarded when WorkOS refuses the request', async () => {
    const store = createMemoryStore();
    const state = await createAttempt(store, attempt, 600);
    await discardAttempt(store, state);
    expect(await consumeAttempt(store, state)).toBeNull();
  });

  it('never reuses a state', async () => {
    const store = createMemoryStore();
    const states = await Promise.all(Array.from({ length: 200 }, () => createAttempt(store, attempt, 600)));
    expect(new Set(states).size).toBe(200);
  });
});
