import 'server-only';
import { logEvent } from '../../log.ts';
import type { SessionUser } from '../session-config.ts';
import { listActivity, type ActivityEvent } from './activity.ts';
import { checkSession, readSessionState, type SessionCheck } from './check.ts';
import { personKey } from './keys.ts';
import { listSessions, type SessionView } from './registry.ts';

/** A signed-in view's store reads: the session check, the person's sessions and (optionally) activity. */
export type Overview = {
  check: SessionCheck;
  /** Null when the store could not list them (logged as `session.list_failed`). */
  sessions: SessionView[] | null;
  /** Null when not asked for, or when the store could not read it. */
  events: ActivityEvent[] | null;
};

const orNull = <T>(promise: Promise<T>, event?: string) =>
  promise.catch((error: unknown) => {
    if (event) logEvent(event, { reason: error instanceof Error ? error.name : 'unknown' });
    return null;
  });

/**
 * Checks the session cookie's `user` and reads what the dashboard shows, with every read issued
 * in the same tick: on Upstash (auto-pipelining) the check's MGET, the index's HGETALL and the
 * activity's LRANGE share one HTTP round trip, and the check's state doubles as the current
 * session's in the listing. Only a person with other sessions costs a second round trip (their
 * states). Callers use `sessions` and `events` only when `check` is 'ok'.
 */
export async function readOverview(user: SessionUser, options: { activity: boolean }): Promise<Overview> {
  const person = await personKey(user.email); // before any read: WebCrypto would split the batch
  const state = readSessionState(user.sessionId);
  const [check, sessions, events] = await Promise.all([
    checkSession(user, state),
    orNull(listSessions(user, { person, state }), 'session.list_failed'),
    options.activity ? orNull(listActivity(user.email, person)) : null,
  ]);
  return { check, sessions, events };
}
