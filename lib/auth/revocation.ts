import 'server-only';
import { getStore } from '../store/index.ts';
import { logEvent } from '../log.ts';

// iron-session cookies are self-contained: destroy() only asks this browser to forget the cookie.
// A deny-list of ended session ids makes copies of the cookie useless too (ASVS 7.4.1).
const key = (sessionId: string) => `session:revoked:${sessionId}`;

/** Marks a session id as ended until its own expiry. Best effort: the cookie is cleared regardless. */
export async function revokeSession(sessionId: string, expiresAt: Date): Promise<void> {
  const ttl = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
  try {
    await getStore().set(key(sessionId), '1', ttl);
  } catch {
    logEvent('session.revoke_failed', {});
  }
}

/** True when the session was ended; also true when the store cannot answer (fail closed). */
export async function isSessionRevoked(sessionId: string): Promise<boolean> {
  try {
    return (await getStore().get(key(sessionId))) !== null;
  } catch {
    logEvent('session.check_failed', {});
    return true;
  }
}
