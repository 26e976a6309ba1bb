import { describe, expect, it } from 'vitest';
import { parseSignInRequest } from './sign-in-request.ts';

describe('parseSignInRequest', () => {
  it('normalizes the email and defaults returnTo and remember', () => {
    expect(parseSignInRequest({ email: 'User@Example.COM' }, 'json')).toEqual({
      ok: true,
      value: { email: 'user@example.com', returnTo: '/dashboard', remember: false, returnToRejected: false },
    });
  });

  it('reads the plain form encoding', () => {
    const result = parseSignInRequest(
      { email: 'a@example.com', returnTo: '/dashboard?tab=x', remember: 'true' },
      'form',
    );
    expect(result).toMatchObject({ ok: true, value: { returnTo: '/dashboard?tab=x', remember: true } });
  });

  it('replaces an unsafe returnTo string with the default and says so', () => {
    expect(parseSignInRequest({ email: 'a@example.com', returnTo: '//evil.com' }, 'json')).toMatchObject({
      ok: true,
      value: { returnTo: '/dashboard', returnToRejected: true },
    });
  });

  it.each([
    [{}, 'invalid_request'],
    [{ email: null }, 'invalid_request'],
    [{ email: ['a@example.com'] }, 'invalid_request'],
    [{ email: 'a@example.com', returnTo: 5 }, 'invalid_request'],
    [{ email: 'a@example.com', returnTo: `/${'a'.repeat(5000)}` }, 'invalid_request'],
    [{ email: 'a@example.com', isAdmin: true }, 'invalid_request'],
    [JSON.parse('{"email":"a@example.com","__proto__":{"polluted":1}}'), 'invalid_request'],
    [{ email: 'a@example.com', remember: 'yes' }, 'invalid_request'],
    [{ email: 'not-an-email' }, 'invalid_email'],
    [{ email: '' }, 'invalid_email'],
  ])('refuses %j with %s', (fields, code) => {
    expect(parseSignInRequest(fields as Record<string, unknown>, 'json')).toEqual({ ok: false, code });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
