import { unsealData } from 'iron-session';
import { toSessionUser, type SessionData, type SessionUser } from './session-config.ts';

// Opening the session cookie, shared by the edge middleware and the Node pages and routes (each
// runtime has its own copy of this module, and so its own cache). Unsealing is the dearest step of
// a protected request (key derivation, HMAC, AES), and a browser sends the same sealed value on
// every request until the session ends, so each process keeps the sessions it has opened, keyed
// by the exact sealed value:
// - a hit is the same authenticated bytes that unsealed before, so it carries the same data;
// - expiry and audience are checked on every call (toSessionUser), hit or not; the seal's own
//   iron expiry is the session's `exp` (both are set from the same ttl when it is sealed);
// - only cookies that opened to a valid session are kept: garbage and foreign cookies are never
//   cached, so nobody can fill the cache with cookies they could not get sealed;
// - an entry is only used with the same password set it was opened with (a rotation reloads the
//   environment, which makes a new set);
// - revocation and idle time are not the cookie's business: checkSession asks the store each time.

/** Sessions kept per process: least recently used first out. About 1 KB each. */
export const OPENED_SESSIONS_MAX = 1000;

type Opened = { data: Partial<SessionData>; passwords: Record<string, string> };
const opened = new Map<string, Opened>();

/**
 * The session a sealed cookie value holds, or null when it is absent, tampered, sealed with
 * another password, past its expiry or for another origin than `appUrl`.
 */
export async function openSessionCookie(
  seal: string | undefined,
  appUrl: string,
  passwords: Record<string, string>,
  now = Date.now(),
): Promise<SessionUser | null> {
  if (!seal) return null;
  const hit = opened.get(seal);
  if (hit && hit.passwords === passwords) {
    const user = toSessionUser(hit.data, appUrl, now);
    opened.delete(seal);
    if (user) opened.set(seal, hit); // most recently used goes last
    return user;
  }
  const data = await unsealData<Partial<SessionData>>(seal, { password: passwords });
  const user = toSessionUser(data, appUrl, now);
  if (user) {
    opened.delete(seal);
    opened.set(seal, { data: Object.freeze(data), passwords });
    if (opened.size > OPENED_SESSIONS_MAX) opened.delete(opened.keys().next().value as string);
  }
  return user;
}

/** How many sessions this process holds opened (for tests). */
export const openedSessionCount = () => opened.size;

/** Forgets every opened session (for tests). */
export const forgetOpenedSessions = () => opened.clear();
