import { unseals } from '../../test/count-unseals.ts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../store/memory.ts';
import { cookieJar, currentCookies, switchBrowser } from '../../test/next-headers.ts';

// A sign-in opens the cookie it sets into this instance's cache: the first page view after it
// is not a second unseal in the same process (the edge middleware, a process of its own, still
// opens it once).

vi.mock('iron-session', async (importOriginal) =>
  (await import('../../test/count-unseals.ts')).countingIronSession(importOriginal),
);
const store = createMemoryStore();
vi.mock('../store/index.ts', () => ({ getStore: () => store }));

const { getSession, startSession } = await import('./session.ts');
const { forgetOpenedSessions } = await import('./session-cookie.ts');
const profile = { userId: 'prof_1', email: 'a@example.com', organizationId: null, remember: false };

beforeAll(() => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'start-session-test-password-0123456789ab');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('startSession', () => {
  it('leaves the new cookie opened, so the next request does not unseal it again', async () => {
    switchBrowser(cookieJar());
    const user = await startSession(profile);
    const seal = currentCookies().get('session')?.value ?? '';
    expect(seal).not.toBe('');
    unseals.count = 0;
    expect((await getSession())?.sessionId).toBe(user.sessionId);
    expect(unseals.count).toBe(0);
  });

  it('without the cache the same cookie is unsealed once, and gives the same session', async () => {
    switchBrowser(cookieJar());
    const user = await startSession(profile);
    forgetOpenedSessions();
    unseals.count = 0;
    expect((await getSession())?.sessionId).toBe(user.sessionId);
    expect(unseals.count).toBe(1);
  });

  it("a browser's earlier cookie is not taken for the new session", async () => {
    switchBrowser(cookieJar());
    const first = await startSession(profile);
    const old = currentCookies().get('session')?.value ?? '';
    const second = await startSession(profile);
    expect(second.sessionId).not.toBe(first.sessionId);
    switchBrowser(cookieJar({ session: old }));
    expect((await getSession())?.sessionId).toBe(first.sessionId);
  });
});
