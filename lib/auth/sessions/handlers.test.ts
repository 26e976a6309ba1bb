import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStore } from '../../store/memory.ts';
import { failingStore } from '../../../test/failing-store.ts';

// The session endpoints and the activity log when the store fails part-way: a clear 503 or a
// notice, never a 500, nothing half-done; a sign-in never fails because its activity could not be
// written.

const APP = 'http://localhost:3000';
const state = vi.hoisted((): { store: unknown; failing: Set<string> } => ({
  store: null,
  failing: new Set(),
}));
vi.mock('../../store/index.ts', () => ({ getStore: () => state.store }));

const memory = createMemoryStore();
state.store = failingStore(memory, (operation) => state.failing.has(operation));

const { startSession } = await import('../session.ts');
const { handleListSessions, handleRevoke } = await import('./handlers.ts');
const { listActivity, recordActivity } = await import('./activity.ts');
const logged: string[] = [];

beforeAll(() => {
  vi.stubEnv('APP_URL', APP);
  vi.stubEnv('SESSION_PASSWORD', 'handlers-test-password-0123456789abcdef');
  vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
  vi.spyOn(console, 'warn').mockImplementation((line: string) => void logged.push(line));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
beforeEach(() => {
  state.failing.clear();
  logged.length = 0;
});

const form = (body: string) =>
  new Request(`${APP}/api/auth/sessions/revoke`, {
    method: 'POST',
    headers: { origin: APP, 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

describe('session endpoints when the store fails', () => {
  it('listing: 503 sessions_unavailable, logged', async () => {
    await startSession({
      userId: 'prof_1',
      email: 'list@example.com',
      organizationId: null,
      remember: false,
    });
    state.failing.add('hashGetAll');
    const response = await handleListSessions(new Request(`${APP}/api/auth/sessions`));
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ error: { code: 'sessions_unavailable' } });
    expect(logged.some((line) => line.includes('session.list_failed'))).toBe(true);
  });

  it('revoking: the form says nothing was changed, and the session goes on', async () => {
    await startSession({
      userId: 'prof_1',
      email: 'revoke@example.com',
      organizationId: null,
      remember: false,
    });
    state.failing.add('hashGetAll');
    const response = await handleRevoke(form('all=true'));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/dashboard?sessions=unavailable');
    state.failing.clear();
    const listed = await handleListSessions(new Request(`${APP}/api/auth/sessions`));
    expect(listed.status).toBe(200);
  });

  it('a session check that cannot reach the store is anonymous (fail closed): 401, not 500', async () => {
    await startSession({
      userId: 'prof_1',
      email: 'closed@example.com',
      organizationId: null,
      remember: false,
    });
    state.failing.add('getMany');
    const response = await handleListSessions(new Request(`${APP}/api/auth/sessions`));
    expect(response.status).toBe(401);
  });
});

describe('activity when the store fails', () => {
  it('a failed write is logged and does not throw; the next one is kept', async () => {
    state.failing.add('listPush');
    await expect(recordActivity('act@example.com', 'signed_in', null)).resolves.toBeUndefined();
    expect(logged.some((line) => line.includes('activity.write_failed'))).toBe(true);
    state.failing.clear();
    await recordActivity('act@example.com', 'failed', '203.0.113.5');
    expect(await listActivity('act@example.com')).toMatchObject([
      { kind: 'failed', outcome: 'failure', ip: '203.0.113.5' },
    ]);
  });
});
