import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startUpstashLocal, type UpstashLocal } from '../../../dev/upstash-local/index.ts';
import { switchBrowser } from '../../../test/next-headers.ts';
import { createUpstashRedis, createUpstashStore } from '../../store/upstash.ts';

// What a signed-in view costs on Upstash (issue 12): the real @upstash/redis client -> the local
// REST bridge -> a real redis-server, with the bridge counting HTTP requests. The dashboard's
// reads (session check, session index, activity) share one round trip; a person's other sessions
// cost one more (their states); a plain session check is one.

const state = vi.hoisted((): { store: unknown } => ({ store: null }));
vi.mock('../../store/index.ts', () => ({ getStore: () => state.store }));

const { getSession, readSessionCookie, startSession, endSession } = await import('../session.ts');
const { readOverview } = await import('./overview.ts');

let local: UpstashLocal;
let run = 0;

beforeAll(async () => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'overview-test-password-0123456789abcdef');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  local = await startUpstashLocal();
});
afterAll(async () => {
  await local?.stop();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
beforeEach(() => {
  run += 1;
  state.store = createUpstashStore({ redis: createUpstashRedis(local), prefix: `overview-${run}:` });
});

async function signIn(email: string) {
  const jar = switchBrowser();
  await startSession({ userId: 'prof_1', email, organizationId: null, remember: false }, { ip: null });
  return jar;
}

/** HTTP requests the bridge saw while `work` ran. */
async function requestsFor(work: () => Promise<unknown>) {
  local.bridge.resetStats();
  await work();
  return local.bridge.stats().requests;
}

describe('store round trips of a signed-in view, on Upstash', () => {
  it('the dashboard with one session: check, index and activity in one round trip', async () => {
    await signIn('one@example.com');
    const user = await readSessionCookie();
    let overview: Awaited<ReturnType<typeof readOverview>> | undefined;
    expect(await requestsFor(async () => (overview = await readOverview(user!, { activity: true })))).toBe(1);
    expect(overview?.check).toBe('ok');
    expect(overview?.sessions).toHaveLength(1);
    expect(overview?.sessions?.[0]?.current).toBe(true);
    expect(overview?.events).toEqual([]);
  });

  it('the dashboard with two sessions: one more round trip, for the other session state', async () => {
    await signIn('two@example.com');
    await signIn('two@example.com');
    const user = await readSessionCookie();
    let overview: Awaited<ReturnType<typeof readOverview>> | undefined;
    expect(await requestsFor(async () => (overview = await readOverview(user!, { activity: true })))).toBe(2);
    expect(overview?.sessions?.map((s) => s.current).sort()).toEqual([false, true]);
  });

  it('a signed-out session reads as revoked in the same read round trip; its entry is pruned once', async () => {
    const jar = await signIn('gone@example.com');
    const user = await readSessionCookie();
    await endSession();
    switchBrowser(jar);
    let overview: Awaited<ReturnType<typeof readOverview>> | undefined;
    // The reads, then the HDEL of the ended session's index entry.
    expect(await requestsFor(async () => (overview = await readOverview(user!, { activity: true })))).toBe(2);
    expect(overview?.check).toBe('revoked');
    expect(await requestsFor(async () => (overview = await readOverview(user!, { activity: true })))).toBe(1);
    expect(overview?.check).toBe('revoked');
    expect(overview?.sessions).toEqual([]);
  });

  it('a plain session check (any protected page or route) is one round trip', async () => {
    await signIn('check@example.com');
    let user: Awaited<ReturnType<typeof getSession>> = null;
    expect(await requestsFor(async () => (user = await getSession()))).toBe(1);
    expect(user).not.toBeNull();
  });
});
