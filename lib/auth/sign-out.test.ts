import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import { failingStore } from '../../test/failing-store.ts';
import { cookieJar, currentCookies, switchBrowser } from '../../test/next-headers.ts';

// endSession against a store that can go down: this browser's cookie is always cleared; a
// revocation the store could not record is reported (complete: false), kept in this browser and
// recorded by the next sign-out, after which a copy of the old cookie no longer works.

type State = { down: boolean; store: unknown };
const state = vi.hoisted((): State => ({ down: false, store: null }));
vi.mock('../store/index.ts', () => ({ getStore: () => state.store }));

const memory = createMemoryStore();
state.store = failingStore(memory, () => state.down);

const { endSession, getSession, startSession } = await import('./session.ts');
const errors: string[] = [];

beforeAll(() => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'sign-out-test-password-0123456789abcdef');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
beforeEach(() => {
  state.down = false;
  errors.length = 0;
});

/** Signs in a browser and returns its jar and a copy of the session cookie, as a thief would take it. */
async function signedIn(email: string) {
  const jar = cookieJar();
  switchBrowser(jar);
  const user = await startSession({ userId: 'prof_1', email, organizationId: null, remember: false });
  const copy = jar.get('session')?.value ?? '';
  expect(copy).toMatch(/^Fe26\.2\*/);
  return { jar, user, copy };
}

/** Who a copy of the cookie signs in, in another browser. */
async function copyWorks(copy: string): Promise<boolean> {
  switchBrowser(cookieJar({ session: copy }));
  return (await getSession()) !== null;
}

describe('endSession', () => {
  it('with the store up: revoked everywhere, nothing left pending', async () => {
    const { jar, user, copy } = await signedIn('alice@example.com');
    switchBrowser(jar);
    await expect(endSession()).resolves.toEqual({ user, complete: true });
    expect(jar.get('session')).toBeUndefined();
    expect(jar.get('pl_revoke')).toBeUndefined();
    expect(await copyWorks(copy)).toBe(false);
    expect(errors).toEqual([]);
  });

  it('with the store down: cookie cleared, reported incomplete, recorded by the next sign-out', async () => {
    const { jar, user, copy } = await signedIn('bob@example.com');
    state.down = true;
    switchBrowser(jar);
    await expect(endSession()).resolves.toEqual({ user, complete: false });
    expect(jar.get('session')).toBeUndefined();
    const pending = jar.cookies.get('pl_revoke');
    expect(pending?.value).toMatch(/^Fe26\.2\*/);
    // Kept until the session itself would end (12 h), not longer.
    expect(pending?.maxAge).toBeGreaterThan(12 * 3600 - 60);
    expect(pending?.maxAge).toBeLessThanOrEqual(12 * 3600);
    expect(errors.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'error', event: 'session.revoke_failed' }),
    ]);
    // While the store is down every session check fails closed; once it is back, the copy would
    // work again: this is what "incomplete" has to tell the person.
    expect(await copyWorks(copy)).toBe(false);
    state.down = false;
    expect(await copyWorks(copy)).toBe(true);

    // A second sign-out in the first browser (no session any more) records the pending id.
    switchBrowser(jar);
    await expect(endSession()).resolves.toEqual({ user: null, complete: true });
    expect(jar.get('pl_revoke')).toBeUndefined();
    expect(await copyWorks(copy)).toBe(false);
  });

  it('a retry while the store is still down keeps the id pending', async () => {
    const { jar, copy } = await signedIn('carol@example.com');
    state.down = true;
    switchBrowser(jar);
    await endSession();
    const first = jar.get('pl_revoke')?.value;
    await expect(endSession()).resolves.toEqual({ user: null, complete: false });
    expect(jar.get('pl_revoke')?.value).toBeTruthy();
    expect(jar.get('pl_revoke')?.value).not.toBe(first);
    state.down = false;
    await expect(endSession()).resolves.toEqual({ user: null, complete: true });
    expect(await copyWorks(copy)).toBe(false);
  });

  it('an unreadable pending cookie is ignored, not an error', async () => {
    switchBrowser(cookieJar({ pl_revoke: 'Fe26.2*1*garbage' }));
    await expect(endSession()).resolves.toEqual({ user: null, complete: true });
    expect(currentCookies().get('pl_revoke')).toBeUndefined();
  });
});
