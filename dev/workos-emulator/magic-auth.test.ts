import { GenericServerException, OauthException, UnprocessableEntityException } from '@workos-inc/node';
import { NotFoundException } from '@workos-inc/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeJwtPayload } from './jwt.ts';
import { rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator();
afterEach(() => {
  vi.useRealTimers();
});

const COOKIE_PASSWORD = 'a-cookie-password-of-at-least-32-chars!';

describe('POST /user_management/magic_auth', () => {
  it('creates a 6-digit, 10-minute code, signs the user up and emails the code', async () => {
    const before = Date.now();
    const magicAuth = await t.workos.userManagement.createMagicAuth({ email: 'Ann@Example.com' });
    expect(magicAuth).toMatchObject({ object: 'magic_auth', email: 'ann@example.com' });
    expect(magicAuth.id).toMatch(/^magic_auth_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(magicAuth.userId).toMatch(/^user_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(magicAuth.code).toMatch(/^\d{6}$/);
    const ttl = new Date(magicAuth.expiresAt).getTime() - before;
    expect(ttl).toBeGreaterThan(599_000);
    expect(ttl).toBeLessThan(610_000);
    const [email] = await t.emails('ann@example.com');
    expect(email?.subject).toContain(magicAuth.code);
    expect(email?.text).toContain(magicAuth.code);
    expect(await t.workos.userManagement.getMagicAuth(magicAuth.id)).toEqual(magicAuth);
    const again = await t.workos.userManagement.createMagicAuth({ email: 'ann@example.com' });
    expect(again.userId).toBe(magicAuth.userId);
  });

  it('rejects an invalid email with 422 and an unknown id with 404', async () => {
    const error = await rejectionOf(t.workos.userManagement.createMagicAuth({ email: 'nope' }));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.code).toBe('invalid_request_parameters');
    await expect(t.workos.userManagement.getMagicAuth('magic_auth_x')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });
});

describe('POST /user_management/authenticate (magic-auth grant)', () => {
  it('authenticates once with a decodable JWT access token', async () => {
    const { code, userId } = await t.workos.userManagement.createMagicAuth({ email: 'bo@example.com' });
    const result = await t.workos.userManagement.authenticateWithMagicAuth({
      code,
      email: 'bo@example.com',
      session: { sealSession: true, cookiePassword: COOKIE_PASSWORD },
    });
    expect(result.authenticationMethod).toBe('MagicAuth');
    expect(result.user).toMatchObject({
      id: userId,
      email: 'bo@example.com',
      emailVerified: true,
      object: 'user',
    });
    expect(result.user.lastSignInAt).toMatch(/Z$/);
    expect(result.refreshToken).toMatch(/^[A-Za-z0-9]{25}$/);
    // sealSession makes the SDK decodeJwt() the access token, so this proves it is well-formed.
    expect(result.sealedSession).toEqual(expect.any(String));
    const claims = decodeJwtPayload(result.accessToken);
    expect(claims).toMatchObject({ sub: userId });
    expect(Number(claims.exp)).toBeGreaterThan(Number(claims.iat));
    const reuse = await rejectionOf(
      t.workos.userManagement.authenticateWithMagicAuth({ code, email: 'bo@example.com' }),
    );
    expect(reuse).toBeInstanceOf(GenericServerException);
    expect(reuse).toMatchObject({ status: 400, code: 'one_time_code_previously_used' });
  });

  it('answers invalid_one_time_code for a wrong code or another email', async () => {
    const { code } = await t.workos.userManagement.createMagicAuth({ email: 'cy@example.com' });
    const wrong = code === '000000' ? '000001' : '000000';
    for (const attempt of [
      { code: wrong, email: 'cy@example.com' },
      { code, email: 'other@example.com' },
    ]) {
      const error = await rejectionOf(t.workos.userManagement.authenticateWithMagicAuth(attempt));
      expect(error).toBeInstanceOf(GenericServerException);
      expect(error).toMatchObject({ status: 400, code: 'invalid_one_time_code' });
    }
  });

  it('answers one_time_code_expired after 10 minutes', async () => {
    const { code } = await t.workos.userManagement.createMagicAuth({ email: 'di@example.com' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    const error = await rejectionOf(
      t.workos.userManagement.authenticateWithMagicAuth({ code, email: 'di@example.com' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'one_time_code_expired' });
  });

  it('accepts a form-encoded body', async () => {
    const { code } = await t.workos.userManagement.createMagicAuth({ email: 'ed@example.com' });
    const form = new URLSearchParams({
      grant_type: 'urn:workos:oauth:grant-type:magic-auth:code',
      client_id: 'client_local',
      client_secret: 'sk_test_local',
      code,
      email: 'ed@example.com',
    });
    const res = await t.fetch(`${t.emulator.url}/user_management/authenticate`, {
      method: 'POST',
      body: form,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      authentication_method: 'MagicAuth',
      user: { email: 'ed@example.com' },
    });
  });

  it('answers invalid_client for a wrong client id and unsupported_grant_type for other grants', async () => {
    const other = t.sdk(undefined, { clientId: 'client_other' });
    const error = await rejectionOf(
      other.userManagement.authenticateWithMagicAuth({ code: '1', email: 'a@b.co' }),
    );
    expect(error).toBeInstanceOf(OauthException);
    expect(error).toMatchObject({ status: 400, error: 'invalid_client' });
    const password = await rejectionOf(
      t.workos.userManagement.authenticateWithPassword({ email: 'a@b.co', password: 'x' }),
    );
    expect(password).toMatchObject({ status: 400, error: 'unsupported_grant_type' });
  });

  it('validates code and email', async () => {
    const error = await rejectionOf(
      t.workos.userManagement.authenticateWithMagicAuth({ code: '', email: 'x' }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityException);
  });
});
