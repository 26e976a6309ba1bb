import type { SessionData } from '../lib/auth/session-config.ts';

/** A valid session payload for `aud`, issued at `now` (seconds) and good for a minute; `over` changes any field. */
export function sessionData(aud: string, now: number, over: Partial<SessionData> = {}): SessionData {
  return {
    v: 1,
    aud,
    sid: 'sid-1',
    uid: 'prof_1',
    email: 'a@example.com',
    org: null,
    iat: now,
    exp: now + 60,
    ...over,
  };
}
