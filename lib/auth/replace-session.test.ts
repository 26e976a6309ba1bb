import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import type { Store } from '../store/types.ts';
import { cookieJar, currentCookies, switchBrowser } from '../../test/next-headers.ts';

// replaceSession, the "Yes, sign me in" of /login/confirm when this browser is already signed in:
// the new session replaces the old one in this browser, and the old one stops working everywhere
// (revoked; kept for the next sign-out when the store cannot record the revocation).

type State = { writesFail: boolean };
const state = vi.hoisted((): State => ({ writesFail: false }));

const memory = createMemoryStore();
// Reads work, writes fail: the store goes down between the session check and the revocation.
const store: Store = {
  ...memory,
  get: (key) => memory.get(key),
  set: (key, value, ttl, opts) =>
    state.writesFail ? Promise.reject(new Error('store unreachable')) : memory.set(key, value, ttl, opts),
  getAndDelete: (key) => memory.getAndDelete(key),
  delete: (key) => memory.delete(key),
  increment: (key, ttl) => memory.increment(key, ttl),
};
vi.mock('../store/index.ts', () => ({ getStore: () => store }));

const { endSession, getSession, replaceSession, startSession } = await import('./session.ts');
const profile = (email: string) => ({
  userId: `prof_${email[0]}`,
  email,
  organizationId: null,
  remember: false,
});

beforeAll(() => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'replace-session-test-password-0123456789');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
beforeEach(() => {
  state.writesFail = false;
});

/** A browser signed in as `email`, and a copy of its session cookie. */
async function signedIn(email: string) {
  switchBrowser(cookieJar());
  await startSession(profile(email));
  return { jar: currentCookies(), copy: currentCookies().get('session')?.value ?? '' };
}

/** Who a copy of the cookie signs in, in another browser. */
async function whoseCopy(copy: string): Promise<string | null> {
  const back = currentCookies();
  switchBrowser(cookieJar({ session: copy }));
  const user = await getSession();
  switchBrowser(back);
  return user?.email ?? null;
}

describe('replaceSession', () => {
  it('in an anonymous browser: a new session, nothing replaced', async () => {
    switchBrowser(cookieJar());
    const { user, replaced } = await replaceSession(profile('alice@example.com'));
    expect(replaced).toBeNull();
    expect(user.email).toBe('alice@example.com');
    expect((await getSession())?.email).toBe('alice@example.com');
  });

  it("signs bob out everywhere and alice in: bob's copied cookie stops working", async () => {
    const { copy } = await signedIn('bob@example.com');
    expect(await whoseCopy(copy)).toBe('bob@example.com');
    const { user, replaced } = await replaceSession(profile('alice@example.com'));
    expect(replaced?.email).toBe('bob@example.com');
    expect(user.sessionId).not.toBe(replaced?.sessionId);
    expect((await getSession())?.email).toBe('alice@example.com');
    expect(await whoseCopy(copy)).toBeNull();
    expect(currentCookies().get('pl_revoke')).toBeUndefined();
  });

  it('when the revocation cannot be recorded, the old id waits for the next sign-out', async () => {
    const { copy } = await signedIn('carol@example.com');
    state.writesFail = true;
    // startSession writes only the cookie, so the sign-in itself still works.
    const { replaced } = await replaceSession(profile('dave@example.com'));
    expect(replaced?.email).toBe('carol@example.com');
    expect(currentCookies().get('pl_revoke')?.value).toMatch(/^Fe26\.2\*/);
    state.writesFail = false;
    expect(await whoseCopy(copy)).toBe('carol@example.com');
    await expect(endSession()).resolves.toMatchObject({ complete: true });
    expect(await whoseCopy(copy)).toBeNull();
    expect(currentCookies().get('pl_revoke')).toBeUndefined();
  });
});
