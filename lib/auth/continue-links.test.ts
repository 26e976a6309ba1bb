import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import {
  continueLinkIsLive,
  createContinueLink,
  discardContinueLink,
  peekContinueLink,
} from './continue-links.ts';

const passwords = { 1: 'continue-links-test-password-0123456789' };
const origin = 'https://app.example';
const workosLink = 'https://api.workos.com/passwordless/abcDEF123/confirm';

async function setup() {
  const store = createMemoryStore();
  const token = await createContinueLink(store, { workosLink, origin, passwords, ttlSeconds: 600 });
  return { store, token };
}

describe('continue links', () => {
  it('keep the WorkOS link behind a one-time token, stored only hashed and sealed', async () => {
    const { store, token } = await setup();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await continueLinkIsLive(store, token, origin)).toBe(true);
    expect(await peekContinueLink(store, token, origin, passwords)).toBe(workosLink);
    // Looking does not use it up; discarding does.
    expect(await peekContinueLink(store, token, origin, passwords)).toBe(workosLink);
    await discardContinueLink(store, token);
    expect(await continueLinkIsLive(store, token, origin)).toBe(false);
    expect(await peekContinueLink(store, token, origin, passwords)).toBeNull();
  });

  it('belong to the deployment that made them', async () => {
    const { store, token } = await setup();
    expect(await continueLinkIsLive(store, token, 'https://preview.example')).toBe(false);
    expect(await peekContinueLink(store, token, 'https://preview.example', passwords)).toBeNull();
  });

  it('refuse malformed, unknown and forged tokens without touching the store', async () => {
    const { store } = await setup();
    for (const token of ['', 'short', 'x'.repeat(43), `${'a'.repeat(42)}!`]) {
      expect(await continueLinkIsLive(store, token, origin)).toBe(false);
      expect(await peekContinueLink(store, token, origin, passwords)).toBeNull();
    }
  });

  it('never store the raw token or the WorkOS link in clear', async () => {
    const writes: string[] = [];
    const store = createMemoryStore();
    const spy = {
      ...store,
      set: (k: string, v: string, t: number) => (writes.push(k, v), store.set(k, v, t)),
    };
    const token = await createContinueLink(spy, { workosLink, origin, passwords, ttlSeconds: 600 });
    expect(writes.join('\n')).not.toContain(token);
    expect(writes.join('\n')).not.toContain('abcDEF123');
  });
});
