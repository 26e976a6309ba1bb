import 'server-only';
import { getEnv } from '../../env.ts';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import type { SessionUser } from '../session-config.ts';
import { activeKey, revokedKey } from './keys.ts';

// The per-request session check: one MGET (revoked? still active?); last-active is rewritten at
// most once per refreshSeconds, never on every page view. The index itself is ./registry.ts.

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The idle timeout of a session, in seconds. */
export function idleSeconds(remember: boolean): number {
  const { sessionIdle } = getEnv();
  return remember ? sessionIdle.rememberSeconds : sessionIdle.normalSeconds;
}

/** How stale last-active may get before a request rewrites it: a quarter of the timeout, at most 5 min. */
export function refreshSeconds(remember: boolean): number {
  return Math.max(1, Math.min(300, Math.floor(idleSeconds(remember) / 4)));
}

/** A session's deny-list entry and idle clock, `[revoked, active]`, in one MGET (issued on call). */
export type SessionState = Promise<(string | null)[]>;

/** Issues the read of a session's state now: see SessionState. */
export function readSessionState(sessionId: string): SessionState {
  return getStore().getMany([revokedKey(sessionId), activeKey(sessionId)]);
}

/** What checkSession found. */
export type SessionCheck = 'ok' | 'revoked' | 'idle' | 'unavailable';

/**
 * Whether a session may go on: not revoked and not idle past its timeout (one MGET, or `state`
 * when the caller already issued it). A live session's last-active is refreshed when older than
 * refreshSeconds. 'unavailable' when the store cannot answer (callers fail closed).
 */
export async function checkSession(
  user: SessionUser,
  state: SessionState = readSessionState(user.sessionId),
): Promise<SessionCheck> {
  const store = getStore();
  let revoked: string | null;
  let active: string | null;
  try {
    [revoked = null, active = null] = await state;
  } catch {
    logEvent('session.check_failed', {});
    return 'unavailable';
  }
  if (revoked !== null) return 'revoked';
  // A cookie from before the index: no idle clock to read (it ends at its absolute expiry).
  if (!user.tracked) return 'ok';
  if (active === null) return 'idle';
  const now = nowSeconds();
  if (now - Number(active) >= refreshSeconds(user.remember)) {
    const left = Math.floor(user.expiresAt.getTime() / 1000) - now;
    // Best effort: a failed refresh costs at most one refresh interval of idle time.
    if (left > 0)
      await store
        .set(activeKey(user.sessionId), String(now), Math.min(idleSeconds(user.remember), left))
        .catch(() => logEvent('session.refresh_failed', {}));
  }
  return 'ok';
}
