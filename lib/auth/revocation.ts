import 'server-only';
import { getStore } from '../store/index.ts';
import { logEvent } from '../log.ts';
import { revokedKey } from './sessions/keys.ts';

// iron-session cookies are self-contained: destroy() only asks this browser to forget the cookie.
// A deny-list of ended session ids makes copies of the cookie useless too (ASVS 7.4.1).
// Checked by lib/auth/sessions/check.ts (checkSession), together with the idle clock.
const key = revokedKey;

/**
 * Marks a session id as ended until its own expiry. True once recorded; false (and an error-level
 * `session.revoke_failed`) when the store could not record it: copies of the cookie would then
 * work again once the store is back, which the caller must not hide.
 */
export async function revokeSession(sessionId: string, expiresAt: Date): Promise<boolean> {
  const ttl = Math.max(1, Math.ceil((expiresAt.getTime() - Date.now()) / 1000));
  try {
    await getStore().set(key(sessionId), '1', ttl);
    return true;
  } catch (error) {
    logEvent('session.revoke_failed', { reason: error instanceof Error ? error.name : 'unknown' });
    return false;
  }
}
