import 'server-only';
import { getEnv } from '../env.ts';
import { getIronSession } from 'iron-session';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { randomToken } from './tokens.ts';
import { openSessionCookie } from './session-cookie.ts';
import {
  cookieName,
  REMEMBER_TTL_SECONDS,
  SESSION_TTL_SECONDS,
  sessionOptions,
  toSessionUser,
  type SessionData,
  type SessionUser,
} from './session-config.ts';
import { revokeSession } from './revocation.ts';
import { describeDevice } from './sessions/device.ts';
import { checkSession } from './sessions/check.ts';
import { registerSession } from './sessions/registry.ts';
import { readPendingRevocations, writePendingRevocations } from './pending-revocation.ts';

/**
 * The session the cookie holds, or null (absent, tampered, expired, another origin's), from the
 * cookie alone: nothing asked of the store, so not yet checked for revocation or idle time.
 */
export async function readSessionCookie(): Promise<SessionUser | null> {
  const env = getEnv();
  const seal = (await cookies()).get(cookieName('session', env.appUrl))?.value;
  return openSessionCookie(seal, env.appUrl, env.sessionPasswords);
}

/**
 * The signed-in user from the session cookie, or null (tampered, expired, revoked, idle past its
 * timeout, or absent; also null when the store cannot say: fail closed).
 */
export async function getSession(): Promise<SessionUser | null> {
  const user = await readSessionCookie();
  if (!user) return null;
  return (await checkSession(user)) === 'ok' ? user : null;
}

/** The signed-in user, or a redirect to the login page that comes back to `returnTo`. */
export async function requireUser(returnTo = '/dashboard'): Promise<SessionUser> {
  const user = await getSession();
  if (!user) redirect(`/login?${new URLSearchParams({ returnTo })}`);
  return user;
}

/** Starts a brand-new session (fresh id, nothing kept from any earlier cookie) for a verified profile. */
export async function startSession(
  profile: {
    userId: string;
    email: string;
    organizationId: string | null;
    remember: boolean;
  },
  context: { ip: string | null } = { ip: null },
): Promise<SessionUser> {
  const ttl = profile.remember ? REMEMBER_TTL_SECONDS : SESSION_TTL_SECONDS;
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions(ttl));
  const now = Math.floor(Date.now() / 1000);
  const data: SessionData = {
    v: 1,
    aud: getEnv().appUrl,
    sid: randomToken(16),
    uid: profile.userId,
    email: profile.email,
    org: profile.organizationId,
    iat: now,
    exp: now + ttl,
    rem: profile.remember,
  };
  // Overwrite every field: a pre-login cookie must not leak into the new session (fixation).
  for (const key of Object.keys(session) as (keyof SessionData)[]) delete session[key];
  Object.assign(session, data);
  await session.save();
  // Opened once here (the seal the response sets, read back), so the first page view after the
  // sign-in finds it in this instance's cache and only the edge middleware unseals it.
  const sealed = (await cookies()).get(cookieName('session', data.aud))?.value;
  await openSessionCookie(sealed, data.aud, getEnv().sessionPasswords).catch(() => null);
  const user = toSessionUser(data, data.aud) as SessionUser;
  const device = describeDevice((await headers()).get('user-agent'));
  await registerSession(user, { device, ip: context.ip, remember: profile.remember });
  return user;
}

/**
 * Starts a brand-new session like `startSession` and ends the one this browser had, if any: its id
 * is revoked, or, when the store cannot record that, kept for the next sign-out. `replaced` is the
 * session that was ended.
 */
export async function replaceSession(
  profile: Parameters<typeof startSession>[0],
  context: Parameters<typeof startSession>[1] = { ip: null },
): Promise<{ user: SessionUser; replaced: SessionUser | null }> {
  const replaced = await getSession();
  const user = await startSession(profile, context);
  if (replaced && !(await revokeSession(replaced.sessionId, replaced.expiresAt))) {
    const todo = await readPendingRevocations();
    await writePendingRevocations([{ sid: replaced.sessionId, exp: replaced.expiresAt.getTime() }, ...todo]);
  }
  return { user, replaced };
}

/** What a sign-out did: whose session it was, and whether every revocation was recorded. */
export type SignOut = { user: SessionUser | null; complete: boolean };

/**
 * Ends the current session: always clears this browser's cookie, and revokes its id so copies of
 * the cookie stop working too, along with ids an earlier sign-out could not record. Ids the store
 * cannot record now wait in this browser for the next sign-out (`complete: false`).
 */
export async function endSession(): Promise<SignOut> {
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions());
  const user = toSessionUser(session, getEnv().appUrl);
  const todo = await readPendingRevocations();
  if (user) todo.unshift({ sid: user.sessionId, exp: user.expiresAt.getTime() });
  // In parallel: each try is bounded by the store's request timeout, and the logout route's budget.
  const recorded = await Promise.all(todo.map((item) => revokeSession(item.sid, new Date(item.exp))));
  const failed = todo.filter((_, index) => !recorded[index]);
  await writePendingRevocations(failed);
  session.destroy();
  return { user, complete: failed.length === 0 };
}
