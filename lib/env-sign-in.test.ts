import { describe, expect, it, vi } from 'vitest';
import { loadEnv } from './env.ts';

// SIGN_IN_METHOD and the settings it depends on (EMAIL_DELIVERY, RATE_LIMIT_VERIFY_EMAIL).

const DEV = { NODE_ENV: 'development' };
vi.spyOn(console, 'warn').mockImplementation(() => undefined);

describe('SIGN_IN_METHOD', () => {
  it('defaults to link, with 10 typed codes per address per 15 minutes', () => {
    const env = loadEnv(DEV);
    expect(env.signInMethod).toBe('link');
    expect(env.rateLimit.rules.verifyEmail).toEqual({ limit: 10, windowSeconds: 900 });
  });

  it('takes code with either delivery', () => {
    expect(loadEnv({ ...DEV, SIGN_IN_METHOD: 'code' }).signInMethod).toBe('code');
    const smtp = {
      ...DEV,
      SIGN_IN_METHOD: 'code',
      EMAIL_DELIVERY: 'smtp',
      SMTP_URL: 'smtp://127.0.0.1:2525',
    };
    expect(loadEnv(smtp).signInMethod).toBe('code');
  });

  it('takes link+code only with our own delivery, and says why otherwise', () => {
    const smtp = { ...DEV, EMAIL_DELIVERY: 'smtp', SMTP_URL: 'smtp://127.0.0.1:2525' };
    expect(loadEnv({ ...smtp, SIGN_IN_METHOD: 'link+code' }).signInMethod).toBe('link+code');
    expect(() => loadEnv({ ...DEV, SIGN_IN_METHOD: 'link+code' })).toThrow(
      /SIGN_IN_METHOD=link\+code needs EMAIL_DELIVERY=smtp/,
    );
  });

  it('refuses an unknown method and a malformed verification limit', () => {
    expect(() => loadEnv({ ...DEV, SIGN_IN_METHOD: 'sms' })).toThrow(/SIGN_IN_METHOD/);
    expect(() => loadEnv({ ...DEV, RATE_LIMIT_VERIFY_EMAIL: 'ten' })).toThrow(/RATE_LIMIT_VERIFY_EMAIL/);
  });
});
