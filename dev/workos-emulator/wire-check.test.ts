import { describe, expect, it } from 'vitest';
import { REDIRECT_URI, rejectionOf, responseTap, setupTestEmulator } from './test-support.ts';
import { checkResponse, type WireResponse } from './wire-check.ts';

const t = setupTestEmulator({ reset: true });

const SESSION = {
  object: 'passwordless_session',
  id: 'passwordless_session_01EJBS3JSXFE2DP6JC6ZVBZ095',
  email: 'demo@example.com',
  expires_at: '2020-09-16T15:44:08.475Z',
  link: 'https://api.workos.com/passwordless/ZBxkn2ZTUYqa82ky6QEYecemI/confirm',
};

const json = (method: string, path: string, status: number, body: unknown): WireResponse => ({
  method,
  path,
  status,
  contentType: 'application/json; charset=utf-8',
  location: null,
  text: JSON.stringify(body),
});

const createSession = (body: unknown) => checkResponse(json('POST', '/passwordless/sessions', 201, body));

describe('checkResponse', () => {
  it('accepts a well-formed session and names each broken field of a bad one', () => {
    expect(createSession(SESSION)).toEqual([]);
    expect(createSession({ ...SESSION, id: 'session_01EJBS3JSXFE2DP6JC6ZVBZ095' })).toEqual([
      'POST /passwordless/sessions 201: id: expected a passwordless_session_<ULID> id',
    ]);
    expect(createSession({ ...SESSION, expires_at: '2020-09-16T15:44:08Z' })).toEqual([
      expect.stringMatching(/^POST \/passwordless\/sessions 201: expires_at: /),
    ]);
    expect(createSession({ ...SESSION, link: 'https://api.workos.com/login?t=1' })).toEqual([
      'POST /passwordless/sessions 201: link: expected a passwordless link',
    ]);
    const { link: _link, ...noLink } = SESSION;
    expect(createSession(noLink)).toHaveLength(1);
  });

  it('rejects a route and status that has no schema instead of skipping it', () => {
    expect(checkResponse(json('POST', '/passwordless/sessions', 200, SESSION))).toEqual([
      'POST /passwordless/sessions 200: no wire schema for this route and status',
    ]);
    expect(checkResponse(json('GET', '/directories', 200, {}))).toEqual([
      'GET /directories 200: no wire schema for this route and status',
    ]);
  });

  it('checks the content type, that the body is JSON, and the redirect of a link', () => {
    const html = { ...json('POST', '/passwordless/sessions', 201, SESSION), contentType: 'text/html' };
    expect(checkResponse(html)).toEqual([
      'POST /passwordless/sessions 201: Content-Type is text/html, expected application/json',
    ]);
    expect(checkResponse({ ...json('GET', '/sso/profile', 200, {}), text: '{"object":' })).toEqual([
      'GET /sso/profile 200: the body is not JSON',
    ]);
    const link = { method: 'GET', path: '/passwordless/abcdefghijklmnopqrstuvwxy/confirm', status: 302 };
    const redirect = (location: string | null): WireResponse => ({
      ...link,
      contentType: null,
      location,
      text: '',
    });
    expect(checkResponse(redirect(`${REDIRECT_URI}?code=01H0&state=s`))).toEqual([]);
    expect(checkResponse(redirect(`${REDIRECT_URI}?error=access_denied&error_description=x`))).toEqual([]);
    // The token is not printed: the route pattern names the path.
    expect(checkResponse(redirect(`${REDIRECT_URI}?code=c&error=access_denied`))).toEqual([
      expect.stringMatching(/^GET \/passwordless\/:token\/confirm 302: Location query /),
    ]);
    expect(checkResponse(redirect(null))).toEqual([
      'GET /passwordless/:token/confirm 302: no Location header',
    ]);
  });

  it('holds profiles and connections to the recorded shapes', () => {
    const connection = {
      object: 'connection',
      id: 'conn_01FA3WGCWPCCY1V2FGES2FDNP7',
      organization_id: 'org_01F9293WD2PDEEV4Y625XPZVG7',
      connection_type: 'MagicLink',
      name: 'Foo',
      state: 'active',
      status: 'linked',
      domains: [
        { object: 'connection_domain', id: 'org_domain_01F9293WD8KZAS4ESBK57SZ4D8', domain: 'a.test' },
      ],
      created_at: '2021-07-08T20:21:22.437Z',
      updated_at: '2021-07-08T20:24:38.887Z',
    };
    const get = (body: unknown) => checkResponse(json('GET', '/connections/conn_x', 200, body));
    expect(get(connection)).toEqual([]);
    expect(get({ ...connection, status: 'active' })).toHaveLength(1);
    const oldDomainId = [{ ...connection.domains[0], id: 'conn_domain_01F9293WD8KZAS4ESBK57SZ4D8' }];
    expect(get({ ...connection, domains: oldDomainId })).toEqual([
      'GET /connections/:id 200: domains.0.id: expected a org_domain_<ULID> id',
    ]);
    const list = (body: unknown) => checkResponse(json('GET', '/connections', 200, body));
    const metadata = { before: null, after: null };
    expect(list({ object: 'list', data: [connection], list_metadata: metadata })).toEqual([]);
    // The 2021 recording's camelCase key: the SDK would find no cursor.
    expect(list({ data: [connection], listMetadata: metadata })).toHaveLength(1);
  });
});

describe('the test tap (test-support.ts)', () => {
  it('records the SDK and raw calls, and flags a body the emulator serves in the wrong shape', async () => {
    await t.workos.passwordless.createSession({ type: 'MagicLink', email: 'tap@example.com' });
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 422, body: { nope: true } });
    await rejectionOf(t.workos.sso.listConnections());
    await t.call('GET', '/connections', undefined, { Authorization: 'Bearer sk_test_local' });
    const records = await responseTap.take();
    expect(records.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'POST /passwordless/sessions 201',
      'GET /connections 422',
      'GET /connections 200',
    ]);
    expect(records[0]?.problems).toEqual([]);
    expect(records[1]?.problems).toEqual([
      expect.stringMatching(/^GET \/connections 422: message: /),
      expect.stringMatching(/^GET \/connections 422: errors: /),
    ]);
    expect(records[2]?.problems).toEqual([]);
  });
});
