import { sealData } from 'iron-session';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unseals } from '../../test/count-unseals.ts';
import { sessionData } from '../../test/session-data.ts';
import type { SessionData } from './session-config.ts';

// unsealData is counted, not replaced: the cookies below are real iron seals.
vi.mock('iron-session', async (importOriginal) =>
  (await import('../../test/count-unseals.ts')).countingIronSession(importOriginal),
);

const { OPENED_SESSIONS_MAX, forgetOpenedSessions, openSessionCookie, openedSessionCount } =
  await import('./session-cookie.ts');

const APP = 'https://app.example.com';
const passwords = { '1': 'first-password-0123456789-abcdefghij' };
const now = Math.floor(Date.now() / 1000);
const session = (over: Partial<SessionData> = {}): SessionData =>
  sessionData(APP, now, { rem: false, ...over });
const seal = (data: SessionData, password: Record<string, string> = passwords) =>
  sealData(data, { password, ttl: 60 });

afterEach(() => {
  forgetOpenedSessions();
  unseals.count = 0;
});

describe('openSessionCookie', () => {
  it('unseals a cookie once, then answers from the cache with the same user', async () => {
    const cookie = await seal(session());
    const first = await openSessionCookie(cookie, APP, passwords);
    const second = await openSessionCookie(cookie, APP, passwords);
    expect(first?.sessionId).toBe('sid-1');
    expect(second).toEqual(first);
    expect(unseals.count).toBe(1);
  });

  it('still checks expiry on a cached session, and forgets it once expired', async () => {
    const cookie = await seal(session({ exp: now + 30 }));
    expect(await openSessionCookie(cookie, APP, passwords)).not.toBeNull();
    expect(await openSessionCookie(cookie, APP, passwords, (now + 31) * 1000)).toBeNull();
    expect(openedSessionCount()).toBe(0);
  });

  it('checks the audience on a cached session: another origin gets no user', async () => {
    const cookie = await seal(session());
    expect(await openSessionCookie(cookie, APP, passwords)).not.toBeNull();
    expect(await openSessionCookie(cookie, 'https://preview.example.com', passwords)).toBeNull();
    expect(unseals.count).toBe(1);
  });

  it('never caches a cookie that does not open: tampered, foreign or expired', async () => {
    const good = await seal(session());
    const tampered = `${good.slice(0, 40)}${good[40] === 'A' ? 'B' : 'A'}${good.slice(41)}`;
    const foreign = await seal(session(), { '1': 'someone-elses-password-0123456789-xyz' });
    const expired = await seal(session({ exp: now - 1 }));
    for (const cookie of [tampered, foreign, expired, 'not-a-seal'])
      expect(await openSessionCookie(cookie, APP, passwords)).toBeNull();
    expect(openedSessionCount()).toBe(0);
    await openSessionCookie(tampered, APP, passwords);
    expect(unseals.count).toBe(5);
  });

  it('opens nothing without a cookie', async () => {
    expect(await openSessionCookie(undefined, APP, passwords)).toBeNull();
    expect(await openSessionCookie('', APP, passwords)).toBeNull();
    expect(unseals.count).toBe(0);
  });

  it('unseals again under another password set (a rotation), which may refuse it', async () => {
    const cookie = await seal(session());
    expect(await openSessionCookie(cookie, APP, passwords)).not.toBeNull();
    const rotated = { '2': 'second-password-0123456789-abcdefghi' };
    expect(await openSessionCookie(cookie, APP, rotated)).toBeNull();
    expect(unseals.count).toBe(2);
  });

  it('holds at most OPENED_SESSIONS_MAX sessions, dropping the least recently used', async () => {
    const first = await seal(session({ sid: 'sid-first' }));
    await openSessionCookie(first, APP, passwords);
    const second = await seal(session({ sid: 'sid-second' }));
    await openSessionCookie(second, APP, passwords);
    await openSessionCookie(first, APP, passwords); // used again: now the second is the oldest
    const cookies = await Promise.all(
      Array.from({ length: OPENED_SESSIONS_MAX - 1 }, (_, i) => seal(session({ sid: `sid-${i}` }))),
    );
    for (const cookie of cookies) await openSessionCookie(cookie, APP, passwords);
    expect(openedSessionCount()).toBe(OPENED_SESSIONS_MAX);
    unseals.count = 0;
    await openSessionCookie(first, APP, passwords);
    expect(unseals.count).toBe(0);
    await openSessionCookie(second, APP, passwords);
    expect(unseals.count).toBe(1);
  });
});
