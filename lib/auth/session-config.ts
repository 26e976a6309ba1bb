import type { SessionOptions } from 'iron-session';
import { getEnv } from '../env.ts';

/** Lifetime of a normal session and of a "keep me signed in" one (absolute, never extended). */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;
export const REMEMBER_TTL_SECONDS = 30 * 24 * 60 * 60;

/** What the sealed cookie holds: small on purpose (well under 1 KB sealed). */
export type SessionData = {
  v: 1;
  /**
   * Audience: the origin (APP_URL) that sealed it. Deployments that share SESSION_PASSWORD (a
   * preview and production, two previews) still never accept each other's cookies.
   */
  aud: string;
  /** Random session id (128 bits), the handle for revocation. */
  sid: string;
  /** WorkOS profile id. */
  uid: string;
  email: string;
  org: string | null;
  /** Signed in at, seconds since the epoch. */
  iat: number;
  /** Absolute expiry, seconds since the epoch. */
  exp: number;
  /**
   * "Keep me signed in": picks the idle timeout. Absent in cookies sealed before the session index
   * existed: those are not idle-limited or listed, and end at their absolute expiry (30 days at most).
   */
  rem?: boolean;
};

/** The signed-in person as pages and handlers see them. */
export type SessionUser = {
  sessionId: string;
  userId: string;
  email: string;
  organizationId: string | null;
  signedInAt: Date;
  expiresAt: Date;
  remember: boolean;
  /** In the session index with an idle clock (false only for cookies sealed before it existed). */
  tracked: boolean;
};

/** True when the app is served over https, which turns on `Secure` and the `__Host-` prefix. */
export function isSecureOrigin(appUrl = getEnv().appUrl): boolean {
  return appUrl.startsWith('https:');
}

/** Cookie name with the `__Host-` prefix on https (plain on http://localhost, where browsers disagree). */
export function cookieName(base: string, appUrl = getEnv().appUrl): string {
  return isSecureOrigin(appUrl) ? `__Host-${base}` : base;
}

/** iron-session options for a session of `ttlSeconds`. */
export function sessionOptions(ttlSeconds = SESSION_TTL_SECONDS): SessionOptions {
  const env = getEnv();
  return {
    cookieName: cookieName('session', env.appUrl),
    password: env.sessionPasswords,
    ttl: ttlSeconds,
    cookieOptions: { httpOnly: true, secure: isSecureOrigin(env.appUrl), sameSite: 'lax', path: '/' },
  };
}

/**
 * Turns unsealed data into a user, or null when it is empty, malformed, past its expiry or sealed
 * for another origin than `audience` (this deployment's APP_URL).
 */
export function toSessionUser(
  data: Partial<SessionData> | undefined,
  audience: string,
  now = Date.now(),
): SessionUser | null {
  if (!data || data.v !== 1 || data.aud !== audience) return null;
  const { sid, uid, email, org, iat, exp, rem } = data;
  if (typeof sid !== 'string' || typeof uid !== 'string' || typeof email !== 'string') return null;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp * 1000 <= now) return null;
  return {
    sessionId: sid,
    userId: uid,
    email,
    organizationId: typeof org === 'string' ? org : null,
    signedInAt: new Date(iat * 1000),
    expiresAt: new Date(exp * 1000),
    remember: rem === true,
    tracked: typeof rem === 'boolean',
  };
}
