import { UnauthorizedException, UnprocessableEntityException } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { CONN_DORMANT_MAGIC_LINK_ID, CONN_EXAMPLE_MAGIC_LINK_ID, CONN_GOOGLE_OAUTH_ID } from './seed.ts';
import { REDIRECT_URI, openLink, rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

const create = (email: string, extra: Record<string, unknown> = {}) =>
  t.workos.passwordless.createSession({ type: 'MagicLink', email, redirectURI: REDIRECT_URI, ...extra });

describe('POST /passwordless/sessions', () => {
  it('creates a session shaped like the real API', async () => {
    const before = Date.now();
    const session = await create('jane@example.com', { state: 's1' });
    expect(session.object).toBe('passwordless_session');
    expect(session.id).toMatch(/^passwordless_session_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(session.email).toBe('jane@example.com');
    // The SDK leaves expires_at a string at runtime (contract 1.1).
    expect(String(session.expiresAt)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const ttl = new Date(String(session.expiresAt)).getTime() - before;
    expect(ttl).toBeGreaterThan(899_000);
    expect(ttl).toBeLessThan(910_000);
    expect(session.link).toMatch(
      new RegExp(`^${t.emulator.publicUrl.replace(/[.]/g, '\\.')}/passwordless/[A-Za-z0-9]{25}/confirm$`),
    );
  });

  it('honours expires_in within 900..86400', async () => {
    const session = await create('a@example.com', { expiresIn: 86_400 });
    const ttl = new Date(String(session.expiresAt)).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(86_390_000);
  });

  it.each([899, 86_401, 1.5])('rejects expires_in %s with 422 Validation failed', async (expiresIn) => {
    const error = await rejectionOf(create('a@example.com', { expiresIn }));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.status).toBe(422);
    expect(String(error.message)).toContain('expires_in');
  });

  it('answers 422 with errors[] for a missing email and a wrong type', async () => {
    const res = await t.call('POST', '/passwordless/sessions', {}, { Authorization: 'Bearer sk_test_local' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual({
      message: 'Validation failed',
      errors: [
        { field: 'email', code: 'email must be a string' },
        { field: 'type', code: 'type must be a valid enum value' },
      ],
    });
  });

  it('rejects an implausible email through the SDK', async () => {
    const error = await rejectionOf(create('not-an-email'));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.message).toContain('email must be an email');
  });

  it('rejects a redirect URI that is not allowed', async () => {
    const error = await rejectionOf(create('a@example.com', { redirectURI: 'https://evil.example/cb' }));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.message).toContain("redirect_uri 'https://evil.example/cb' is not an allowed");
  });

  it('uses the local default redirect URI when none is sent and no list is configured', async () => {
    const session = await t.workos.passwordless.createSession({ type: 'MagicLink', email: 'a@x.io' });
    const { location } = await openLink(session.link);
    expect(`${location?.origin}${location?.pathname}`).toBe('http://localhost:3000/api/auth/callback');
    expect(location?.searchParams.has('code')).toBe(true);
  });

  it('accepts a known Magic Link connection and rejects others with 422', async () => {
    await expect(create('a@example.com', { connection: CONN_EXAMPLE_MAGIC_LINK_ID })).resolves.toBeTruthy();
    for (const connection of ['conn_unknown', CONN_GOOGLE_OAUTH_ID, CONN_DORMANT_MAGIC_LINK_ID]) {
      const error = await rejectionOf(create('a@example.com', { connection }));
      expect(error, connection).toBeInstanceOf(UnprocessableEntityException);
      expect(error.message).toContain(connection);
    }
  });

  it('answers 401 for a wrong API key', async () => {
    const bad = t.sdk('sk_wrong');
    const error = await rejectionOf(bad.passwordless.createSession({ type: 'MagicLink', email: 'a@b.co' }));
    expect(error).toBeInstanceOf(UnauthorizedException);
    expect(error.requestID).toMatch(/^[0-9a-f-]{36}$/);
    const res = await t.call('POST', '/passwordless/sessions', { email: 'a@b.co', type: 'MagicLink' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('configured redirect URIs', () => {
  const c = setupTestEmulator({ redirectUris: ['https://app.test/callback', 'http://preview.test/*'] });

  it('uses the first one as default and allows only the list', async () => {
    const session = await c.workos.passwordless.createSession({ type: 'MagicLink', email: 'a@example.com' });
    const { location } = await openLink(session.link);
    expect(location?.origin + (location?.pathname ?? '')).toBe('https://app.test/callback');
    const ok = {
      type: 'MagicLink' as const,
      email: 'a@example.com',
      redirectURI: 'http://preview.test/x/cb',
    };
    await expect(c.workos.passwordless.createSession(ok)).resolves.toBeTruthy();
    const bad = { ...ok, redirectURI: REDIRECT_URI };
    await expect(c.workos.passwordless.createSession(bad)).rejects.toBeInstanceOf(
      UnprocessableEntityException,
    );
  });

  it('redirects an unknown token to the default URI with access_denied', async () => {
    const { location } = await openLink(`${c.emulator.url}/passwordless/unknownToken123/confirm`);
    expect(location?.hostname).toBe('app.test');
    expect(location?.searchParams.get('error')).toBe('access_denied');
  });
});
