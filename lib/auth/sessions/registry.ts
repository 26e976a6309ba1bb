import 'server-only';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import { revokeSession } from '../revocation.ts';
import { REMEMBER_TTL_SECONDS, type SessionUser } from '../session-config.ts';
import { randomToken } from '../tokens.ts';
import { idleSeconds, type SessionState } from './check.ts';
import { activeKey, personKey, revokedKey, sessionsKey } from './keys.ts';

// The per-person session index: one hash per person (field: session id), bounded to MAX_SESSIONS
// and kept REMEMBER_TTL_SECONDS past its last write, plus one `session:active:<sid>` key per
// session whose TTL is the idle timeout (checked per request by ./check.ts).

/** Sessions listed per person; signing in beyond this ends the least recently used one. */
export const MAX_SESSIONS = 10;

/** What the index holds per session (written once, at sign-in). */
export type SessionRecord = {
  /** Public handle for the dashboard and the revoke endpoint (the session id never leaves the server). */
  pid: string;
  created: number;
  exp: number;
  device: string;
  ip: string | null;
  remember: boolean;
};

/** One live session as the dashboard and GET /api/auth/sessions show it. */
export type SessionView = {
  id: string;
  current: boolean;
  createdAt: string;
  lastActiveAt: string;
  expiresAt: string;
  device: string;
  ip: string | null;
  remember: boolean;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);

function parseRecord(text: string): SessionRecord | null {
  try {
    const value = JSON.parse(text) as Partial<SessionRecord>;
    return typeof value.pid === 'string' && typeof value.exp === 'number' && typeof value.created === 'number'
      ? (value as SessionRecord)
      : null;
  } catch {
    return null;
  }
}

type Live = { sid: string; record: SessionRecord; lastActive: number };

/**
 * The person's live sessions (not revoked, not idle, not expired); dead ones are pruned. `known`
 * is a state already being read (the session check's): that session is not read again, so a
 * person with one session costs the HGETALL alone.
 */
async function liveSessions(person: string, known?: { sid: string; state: SessionState }): Promise<Live[]> {
  const store = getStore();
  const fields = await store.hashGetAll(sessionsKey(person));
  const sids = Object.keys(fields);
  if (sids.length === 0) return [];
  const others = sids.filter((sid) => sid !== known?.sid);
  const [read, knownState] = await Promise.all([
    others.length > 0 ? store.getMany(others.flatMap((sid) => [revokedKey(sid), activeKey(sid)])) : [],
    known && others.length < sids.length ? known.state : [],
  ]);
  const stateOf = (sid: string) => {
    if (sid === known?.sid) return knownState;
    const i = others.indexOf(sid);
    return [read[2 * i], read[2 * i + 1]];
  };
  const live: Live[] = [];
  const dead: string[] = [];
  const now = nowSeconds();
  for (const sid of sids) {
    const record = parseRecord(fields[sid] ?? '');
    const [revoked = null, active = null] = stateOf(sid);
    if (!record || revoked !== null || active == null || record.exp <= now) dead.push(sid);
    else live.push({ sid, record, lastActive: Number(active) || record.created });
  }
  if (dead.length > 0) await store.hashDelete(sessionsKey(person), dead).catch(() => undefined);
  return live.sort((a, b) => b.lastActive - a.lastActive);
}

/** Ends sessions of the person everywhere: deny-listed until their expiry, and out of the index. */
async function endSessions(person: string, ended: Live[]): Promise<boolean> {
  const store = getStore();
  const recorded = await Promise.all(
    ended.map(async ({ sid, record }) => {
      const ok = await revokeSession(sid, new Date(record.exp * 1000));
      if (ok) await store.delete(activeKey(sid)).catch(() => undefined);
      return ok;
    }),
  );
  const done = ended.filter((_, i) => recorded[i]).map(({ sid }) => sid);
  if (done.length > 0) await store.hashDelete(sessionsKey(person), done);
  return recorded.every(Boolean);
}

/**
 * Adds a new session to its person's index and starts its idle clock. Past MAX_SESSIONS, the least
 * recently used sessions are ended. A store failure is logged: the session then reads as idle
 * (anonymous) on its next request, failing closed.
 */
export async function registerSession(
  user: SessionUser,
  info: { device: string; ip: string | null; remember: boolean },
): Promise<void> {
  const store = getStore();
  const now = nowSeconds();
  const exp = Math.floor(user.expiresAt.getTime() / 1000);
  const record: SessionRecord = { pid: randomToken(12), created: now, exp, ...info };
  try {
    const person = await personKey(user.email);
    // Issued together: one HTTP round trip on Upstash (auto-pipelining).
    const [, held] = await Promise.all([
      store.set(activeKey(user.sessionId), String(now), Math.min(idleSeconds(info.remember), exp - now)),
      store.hashSet(sessionsKey(person), user.sessionId, JSON.stringify(record), REMEMBER_TTL_SECONDS),
    ]);
    // The index is only read back when it may be over the bound (entries of ended sessions count
    // until a listing prunes them).
    const live = held > MAX_SESSIONS ? await liveSessions(person) : [];
    if (live.length > MAX_SESSIONS) {
      const ended = live.slice(MAX_SESSIONS);
      await endSessions(person, ended);
      logEvent('session.evicted', { count: ended.length });
    }
  } catch (error) {
    logEvent('session.register_failed', { reason: error instanceof Error ? error.name : 'unknown' });
  }
}

/**
 * The person's live sessions for display, most recently active first. `person` (their personKey)
 * and `state` (the current session's, being read) let the reads go out beside the session check.
 */
export async function listSessions(
  current: SessionUser,
  options: { person?: string; state?: SessionState } = {},
): Promise<SessionView[]> {
  const person = options.person ?? (await personKey(current.email));
  const known = options.state ? { sid: current.sessionId, state: options.state } : undefined;
  const live = await liveSessions(person, known);
  return live.map(({ sid, record, lastActive }) => ({
    id: record.pid,
    current: sid === current.sessionId,
    createdAt: new Date(record.created * 1000).toISOString(),
    lastActiveAt: new Date(lastActive * 1000).toISOString(),
    expiresAt: new Date(record.exp * 1000).toISOString(),
    device: record.device,
    ip: record.ip,
    remember: record.remember,
  }));
}

/** Which sessions a revoke request ends. */
export type RevokeTarget = { id: string } | { others: true } | { all: true };

/** What a revoke did: how many ended, whether this browser's own was among them, whether all were recorded. */
export type RevokeResult = { found: boolean; count: number; current: boolean; complete: boolean };

/** Ends the current person's sessions chosen by `target` (only ever the current person's). */
export async function revokeSessions(current: SessionUser, target: RevokeTarget): Promise<RevokeResult> {
  const person = await personKey(current.email);
  const live = await liveSessions(person);
  const chosen = live.filter(({ sid, record }) =>
    'all' in target ? true : 'others' in target ? sid !== current.sessionId : record.pid === target.id,
  );
  if ('id' in target && chosen.length === 0)
    return { found: false, count: 0, current: false, complete: true };
  const complete = await endSessions(person, chosen);
  // "all" always includes this browser's own session, listed or not (a cookie from before the index).
  const includesCurrent = 'all' in target || chosen.some(({ sid }) => sid === current.sessionId);
  return { found: true, count: chosen.length, current: includesCurrent, complete };
}
