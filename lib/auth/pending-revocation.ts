import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import { getEnv } from '../env.ts';
import { cookieName, isSecureOrigin } from './session-config.ts';

// When a sign-out cannot record its revocation (the store is down), the browser's session cookie
// is cleared anyway, but a copy of it would work again once the store is back. The session id
// waits here, sealed and HttpOnly, so the next sign-out from this browser (the login page offers
// one) records it. The id alone signs nobody in: a session needs the whole sealed cookie.

/** A session id whose revocation is still to be recorded, and when that session ends (ms). */
export type PendingRevocation = { sid: string; exp: number };

const NAME = 'pl_revoke';
/** At most this many ids are kept (newest first): a cookie stays small. */
export const MAX_PENDING = 5;

function options(maxAge: number) {
  return { httpOnly: true, secure: isSecureOrigin(), sameSite: 'lax' as const, path: '/', maxAge };
}

function isPending(value: unknown, now: number): value is PendingRevocation {
  const item = value as Partial<PendingRevocation> | null;
  return typeof item?.sid === 'string' && typeof item.exp === 'number' && item.exp > now;
}

/** The ids this browser still has to revoke (expired ones dropped; an unreadable cookie is none). */
export async function readPendingRevocations(now = Date.now()): Promise<PendingRevocation[]> {
  const value = (await cookies()).get(cookieName(NAME))?.value;
  if (!value) return [];
  try {
    const data = await unsealData<{ aud?: string; ids?: unknown }>(value, {
      password: getEnv().sessionPasswords,
    });
    if (data.aud !== getEnv().appUrl || !Array.isArray(data.ids)) return [];
    return data.ids.filter((item) => isPending(item, now)).slice(0, MAX_PENDING);
  } catch {
    return [];
  }
}

/** Keeps `ids` for the next sign-out (until the last of those sessions ends), or removes the cookie. */
export async function writePendingRevocations(ids: PendingRevocation[], now = Date.now()): Promise<void> {
  const jar = await cookies();
  const kept = ids.filter((item) => isPending(item, now)).slice(0, MAX_PENDING);
  if (kept.length === 0) {
    if (jar.get(cookieName(NAME))) jar.set(cookieName(NAME), '', options(0));
    return;
  }
  const maxAge = Math.ceil((Math.max(...kept.map((item) => item.exp)) - now) / 1000);
  const { appUrl, sessionPasswords } = getEnv();
  const seal = await sealData({ aud: appUrl, ids: kept }, { password: sessionPasswords, ttl: maxAge + 60 });
  jar.set(cookieName(NAME), seal, options(maxAge));
}
