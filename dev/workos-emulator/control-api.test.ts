import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from './index.ts';
import { REDIRECT_URI, openLink, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

const create = (email = 'f@example.com') =>
  t.workos.passwordless.createSession({ type: 'MagicLink', email, redirectURI: REDIRECT_URI, state: 's' });

describe('request log, reset, health', () => {
  it('records API requests newest first with secrets redacted', async () => {
    const session = await create('log@example.com');
    const { location } = await openLink(session.link);
    await t.workos.sso.getProfileAndToken({
      code: location?.searchParams.get('code') ?? '',
      clientId: 'client_local',
    });
    const all = (await (await t.call('GET', '/_emulator/requests')).json()) as LoggedRequest[];
    expect(all.map((r) => `${r.method} ${r.path.split('/')[1]} ${r.status}`)).toEqual([
      'POST sso 200',
      'GET passwordless 302',
      'POST passwordless 201',
    ]);
    const [token] = (await (
      await t.call('GET', '/_emulator/requests?path=/sso/token')
    ).json()) as LoggedRequest[];
    expect(token?.body).toMatchObject({ client_id: 'client_local', client_secret: '[redacted]' });
    expect(JSON.stringify(all)).not.toContain('sk_test_local');
    expect(all[2]?.body).toMatchObject({ email: 'log@example.com', type: 'MagicLink' });
  });

  it('reset forgets sessions, codes, emails, faults and requests', async () => {
    const session = await create();
    await t.workos.passwordless.sendSession(session.id);
    await t.call('POST', '/_emulator/faults', { path: '/nothing', status: 500 });
    expect((await t.call('POST', '/_emulator/reset')).status).toBe(200);
    expect(await t.emails()).toEqual([]);
    expect(await (await t.call('GET', '/_emulator/faults')).json()).toEqual([]);
    expect(await (await t.call('GET', '/_emulator/requests')).json()).toEqual([]);
    const { location } = await openLink(session.link);
    expect(location?.searchParams.get('error')).toBe('access_denied');
  });

  it('reports health', async () => {
    const res = await t.call('GET', '/_emulator/health');
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe('HTTP hygiene', () => {
  it('answers unknown routes, malformed JSON and oversized bodies with JSON', async () => {
    const auth = { Authorization: 'Bearer sk_test_local' };
    for (const [res, status] of [
      [await t.call('GET', '/nope'), 404],
      [await t.call('POST', '/passwordless/sessions', '{"email":', auth), 400],
      [await t.call('POST', '/passwordless/sessions', '[1]', auth), 400],
      [await t.call('POST', '/passwordless/sessions', `"${'x'.repeat(1_100_000)}"`, auth), 413],
      [await t.call('POST', '/_emulator/faults', '{oops'), 400],
    ] as const) {
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(await res.json()).toHaveProperty('message');
    }
  });

  it('accepts and ignores Idempotency-Key', async () => {
    const headers = { Authorization: 'Bearer sk_test_local', 'Idempotency-Key': 'retry-123' };
    const body = { email: 'i@example.com', type: 'MagicLink', redirect_uri: REDIRECT_URI };
    const a = await t.call('POST', '/passwordless/sessions', body, headers);
    const b = await t.call('POST', '/passwordless/sessions', body, headers);
    expect([a.status, b.status]).toEqual([201, 201]);
  });
});
