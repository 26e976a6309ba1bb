import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore, type MemoryStore } from '../../store/memory.ts';
import { sealData } from 'iron-session';
import { cookieJar, switchBrowser } from '../../../test/next-headers.ts';

// The session index and idle clock on the memory store, with a fake clock: sessions are listed,
// go idle after their timeout, are kept alive by use (written at most once per refresh interval),
// are ended one, others or all, and the index stays bounded.

const state = vi.hoisted((): { store: unknown } => ({ store: null }));
vi.mock('../../store/index.ts', () => ({ getStore: () => state.store }));

const { getSession, startSession } = await import('../session.ts');
const { listSessions, revokeSessions, MAX_SESSIONS } = await import('./registry.ts');

let store: MemoryStore;
let writes = 0;
const profile = (email: string, remember = false) => ({
  userId: 'prof_1',
  email,
  organizationId: null,
  remember,
});

beforeAll(() => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'registry-test-password-0123456789abcdef');
  vi.stubEnv('SESSION_IDLE_TIMEOUT_SECONDS', '600');
  vi.stubEnv('SESSION_REMEMBER_IDLE_TIMEOUT_SECONDS', '3600');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
beforeEach(() => {
  vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
  store = createMemoryStore({ now: () => Date.now() });
  writes = 0;
  state.store = {
    ...store,
    set: (...args: Parameters<MemoryStore['set']>) => {
      writes += 1;
      return store.set(...args);
    },
  };
});

const advance = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000);

/** Signs `email` in from a new browser; returns that browser's jar. */
async function signIn(email: string, remember = false) {
  const jar = switchBrowser();
  await startSession(profile(email, remember), { ip: '203.0.113.9' });
  return jar;
}

describe('session index', () => {
  it('lists every session of the person, the current one marked, and no one else', async () => {
    const first = await signIn('a@example.com');
    advance(5);
    const second = await signIn('A@Example.com');
    await signIn('other@example.com');
    switchBrowser(second);
    const user = await getSession();
    expect(user).not.toBeNull();
    const sessions = await listSessions(user!);
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ current: true, ip: '203.0.113.9', device: 'Unknown device' });
    expect(JSON.stringify(sessions)).not.toContain(user!.sessionId);
    switchBrowser(first);
    expect(await getSession()).not.toBeNull();
  });

  it('a session unused past its idle timeout is over; the absolute lifetime is not extended', async () => {
    const jar = await signIn('idle@example.com');
    advance(599);
    expect(await getSession()).not.toBeNull();
    advance(601);
    switchBrowser(jar);
    expect(await getSession()).toBeNull();
  });

  it('use keeps it alive, with at most one write per refresh interval (a quarter of the timeout)', async () => {
    await signIn('busy@example.com');
    writes = 0;
    for (let i = 0; i < 20; i += 1) {
      advance(30); // 10 minutes in all: past the 600 s timeout, but active all along
      expect(await getSession()).not.toBeNull();
    }
    // 600 s of 30 s steps with a 150 s refresh interval: 4 writes, not 20.
    expect(writes).toBe(4);
  });

  it('a cookie sealed before the index (no `rem`) has no idle clock, and revocation still ends it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const data = {
      v: 1,
      aud: 'http://localhost:3000',
      sid: 'legacy-sid',
      uid: 'prof_1',
      email: 'old@example.com',
      org: null,
      iat: now,
      exp: now + 7200,
    };
    const seal = await sealData(data, { password: { 1: 'registry-test-password-0123456789abcdef' } });
    switchBrowser(cookieJar({ session: seal }));
    advance(3600);
    expect(await getSession()).toMatchObject({ sessionId: 'legacy-sid', tracked: false });
    await store.set('session:revoked:legacy-sid', '1', 60);
    expect(await getSession()).toBeNull();
  });

  it('"keep me signed in" has the longer idle timeout', async () => {
    await signIn('long@example.com', true);
    advance(1800);
    expect(await getSession()).not.toBeNull();
  });

  it('ends one session by its public id, all others, or all', async () => {
    const a = await signIn('r@example.com');
    const b = await signIn('r@example.com');
    const c = await signIn('r@example.com');
    switchBrowser(a);
    const userA = (await getSession())!;
    const others = (await listSessions(userA)).filter((s) => !s.current);
    expect(await revokeSessions(userA, { id: others[0]!.id })).toMatchObject({
      found: true,
      count: 1,
      current: false,
    });
    expect(await revokeSessions(userA, { id: 'AAAAAAAAAAAAAAAA' })).toMatchObject({ found: false, count: 0 });
    expect(await revokeSessions(userA, { others: true })).toMatchObject({
      count: 1,
      current: false,
      complete: true,
    });
    for (const jar of [b, c]) {
      switchBrowser(jar);
      expect(await getSession()).toBeNull();
    }
    switchBrowser(a);
    expect(await listSessions(userA)).toHaveLength(1);
    expect(await revokeSessions(userA, { all: true })).toMatchObject({ count: 1, current: true });
    expect(await getSession()).toBeNull();
  });

  it('is bounded: past MAX_SESSIONS, the least recently used session is ended', async () => {
    const oldest = await signIn('many@example.com');
    for (let i = 0; i < MAX_SESSIONS; i += 1) {
      advance(1);
      await signIn('many@example.com');
    }
    const user = (await getSession())!;
    expect(await listSessions(user)).toHaveLength(MAX_SESSIONS);
    switchBrowser(oldest);
    expect(await getSession()).toBeNull();
  });
});
