import { describe, expect, it, vi } from 'vitest';
import { ConfigError, loadEnv } from './env.ts';

const STRONG = 'Zr8Qm2LxT5vN9pK3wB7yH1cF6dJ4sA0e';
const PROD = {
  NODE_ENV: 'production',
  APP_URL: 'https://app.example.com',
  SESSION_PASSWORD: STRONG,
  WORKOS_API_KEY: 'sk_live_abc',
  WORKOS_CLIENT_ID: 'client_abc',
  UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io',
  UPSTASH_REDIS_REST_TOKEN: 'tok',
};

describe('loadEnv in development', () => {
  it('runs on embedded defaults: emulator, memory store, localhost origin', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const env = loadEnv({ NODE_ENV: 'development', PORT: '3456' });
    expect(env.appUrl).toBe('http://localhost:3456');
    expect(env.workos).toEqual({
      apiKey: 'sk_test_local',
      clientId: 'client_local',
      apiHostname: '127.0.0.1',
      apiPort: 4010,
      apiHttps: false,
      budgetMs: 6_000,
    });
    expect(env.store).toEqual({ kind: 'memory' });
    expect(env.magicLinkTtlSeconds).toBe(600);
    expect(env.rateLimit.rules.emailIp).toEqual({ limit: 3, windowSeconds: 900 });
  });

  it('generates one session password per process and says so exactly once', () => {
    // Start as a fresh process would: no password generated yet.
    delete (globalThis as { __devSessionPassword?: string }).__devSessionPassword;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    warn.mockClear();
    const a = loadEnv({ NODE_ENV: 'development' }).sessionPasswords['1'];
    const b = loadEnv({ NODE_ENV: 'development' }).sessionPasswords['1'];
    expect(a).toBe(b);
    expect(a?.length).toBeGreaterThanOrEqual(32);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/SESSION_PASSWORD is not set/);
  });

  it('parses a rotation map and rejects a weak entry by id', () => {
    const env = loadEnv({
      SESSION_PASSWORD: JSON.stringify({ '2': 'Nw4Xk8Rt2Yp6Lm0Qz3Vb7Hc1Gd5Fs9Ja', '1': STRONG }),
    });
    expect(Object.keys(env.sessionPasswords).sort()).toEqual(['1', '2']);
    expect(() => loadEnv({ SESSION_PASSWORD: JSON.stringify({ '2': 'short', '1': STRONG }) })).toThrow(
      /SESSION_PASSWORD \(id 2\)/,
    );
    expect(() => loadEnv({ SESSION_PASSWORD: '{not json' })).toThrow(/SESSION_PASSWORD/);
  });

  it('refuses a long but guessable password', () => {
    expect(() => loadEnv({ SESSION_PASSWORD: 'x'.repeat(40) })).toThrow(/SESSION_PASSWORD is too weak/);
    expect(() => loadEnv({ SESSION_PASSWORD: '12345678'.repeat(5) })).toThrow(/too weak/);
  });

  it('caps the magic link lifetime at 10 minutes', () => {
    expect(() => loadEnv({ SESSION_PASSWORD: STRONG, MAGIC_LINK_TTL_SECONDS: '601' })).toThrow(
      /MAGIC_LINK_TTL_SECONDS/,
    );
  });
});

describe('loadEnv in production', () => {
  it('accepts a complete configuration', () => {
    const env = loadEnv(PROD);
    expect(env.production).toBe(true);
    expect(env.workos).toMatchObject({ apiHostname: 'api.workos.com', apiHttps: true, apiPort: undefined });
    expect(env.store).toEqual({ kind: 'upstash', url: 'https://eu1.upstash.io', token: 'tok' });
  });

  it.each([
    ['SESSION_PASSWORD', { SESSION_PASSWORD: undefined }],
    ['SESSION_PASSWORD', { SESSION_PASSWORD: 'short-password' }],
    ['SESSION_PASSWORD', { SESSION_PASSWORD: 'a'.repeat(64) }],
    ['WORKOS_API_KEY', { WORKOS_API_KEY: undefined }],
    ['WORKOS_CLIENT_ID', { WORKOS_CLIENT_ID: '' }],
    ['UPSTASH_REDIS_REST_URL', { UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined }],
    ['APP_URL', { APP_URL: undefined }],
    ['APP_URL', { APP_URL: 'http://app.example.com' }],
    ['WORKOS_API_HOSTNAME', { WORKOS_API_HOSTNAME: 'localhost', WORKOS_API_PORT: '4010' }],
    ['SMTP_URL', { EMAIL_DELIVERY: 'smtp' }],
  ])('refuses to start without a sound %s', (name, override) => {
    expect(() => loadEnv({ ...PROD, ...override })).toThrow(ConfigError);
    expect(() => loadEnv({ ...PROD, ...override })).toThrow(name);
  });

  it('allows local stand-ins only when asked, and never on Vercel', () => {
    const local = {
      ...PROD,
      APP_URL: 'http://localhost:3100',
      WORKOS_API_HOSTNAME: 'localhost',
      WORKOS_API_PORT: '4010',
      UPSTASH_REDIS_REST_URL: undefined,
      UPSTASH_REDIS_REST_TOKEN: undefined,
    };
    expect(() => loadEnv(local)).toThrow(ConfigError);
    expect(loadEnv({ ...local, ALLOW_LOCAL_SERVICES: 'true' }).store).toEqual({ kind: 'memory' });
    expect(() => loadEnv({ ...local, ALLOW_LOCAL_SERVICES: 'true', VERCEL: '1' })).toThrow(ConfigError);
  });
});

describe('every problem at once', () => {
  it('lists each bad variable in one error (what a Vercel build prints)', () => {
    let error: unknown;
    try {
      loadEnv({
        NODE_ENV: 'production',
        VERCEL: '1',
        VERCEL_ENV: 'preview',
        RATE_LIMIT_IP: 'lots',
        PORT: 'x',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const names = (error as ConfigError).problems.map((problem) => /^[A-Z_]+/.exec(problem)?.[0]);
    expect(names).toEqual([
      'PORT',
      'APP_URL',
      'SESSION_PASSWORD',
      'WORKOS_API_KEY',
      'WORKOS_CLIENT_ID',
      'UPSTASH_REDIS_REST_URL',
      'RATE_LIMIT_IP',
    ]);
  });
});

describe('Vercel conventions', () => {
  const vercel = { ...PROD, UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined };

  it("accepts the Upstash integration's KV_REST_API_* names", () => {
    const env = loadEnv({ ...vercel, KV_REST_API_URL: 'https://kv.upstash.io', KV_REST_API_TOKEN: 'kv' });
    expect(env.store).toEqual({ kind: 'upstash', url: 'https://kv.upstash.io', token: 'kv' });
    expect(() => loadEnv({ ...vercel, KV_REST_API_URL: 'https://kv.upstash.io' })).toThrow(
      /KV_REST_API_URL and KV_REST_API_TOKEN must be set together/,
    );
  });

  it('prefers UPSTASH_* when both pairs are set', () => {
    const env = loadEnv({ ...PROD, KV_REST_API_URL: 'https://kv.upstash.io', KV_REST_API_TOKEN: 'kv' });
    expect(env.store).toEqual({ kind: 'upstash', url: 'https://eu1.upstash.io', token: 'tok' });
  });

  it('prefixes store keys per environment, so previews and production never share keys', () => {
    expect(loadEnv({ ...PROD, VERCEL: '1', VERCEL_ENV: 'production' }).storeKeyPrefix).toBe('ml:production:');
    expect(loadEnv({ ...PROD, VERCEL: '1', VERCEL_ENV: 'preview' }).storeKeyPrefix).toBe('ml:preview:');
    expect(loadEnv(PROD).storeKeyPrefix).toBe('ml:production:');
    expect(loadEnv({ SESSION_PASSWORD: STRONG, NODE_ENV: 'development' }).storeKeyPrefix).toBe(
      'ml:development:',
    );
    expect(loadEnv({ ...PROD, STORE_KEY_PREFIX: 'acme' }).storeKeyPrefix).toBe('acme:');
    expect(() => loadEnv({ ...PROD, STORE_KEY_PREFIX: 'has space' })).toThrow(/STORE_KEY_PREFIX/);
  });
});

describe('NODE_ENV', () => {
  it('comes from the source passed in, and defaults to development', () => {
    expect(loadEnv({ ...PROD }).production).toBe(true);
    expect(loadEnv({ SESSION_PASSWORD: STRONG }).production).toBe(false);
  });
});

describe('APP_URL resolution', () => {
  it('never comes from a request: configuration, then Vercel, then localhost', () => {
    expect(loadEnv({ ...PROD, APP_URL: 'https://app.example.com/some/path' }).appUrl).toBe(
      'https://app.example.com',
    );
    const vercel = { ...PROD, APP_URL: undefined, VERCEL: '1' };
    expect(
      loadEnv({
        ...vercel,
        VERCEL_ENV: 'preview',
        VERCEL_URL: 'app-abc.vercel.app',
        VERCEL_BRANCH_URL: 'app-git-x.vercel.app',
      }).appUrl,
    ).toBe('https://app-git-x.vercel.app');
    expect(
      loadEnv({
        ...vercel,
        VERCEL_ENV: 'production',
        VERCEL_URL: 'app-abc.vercel.app',
        VERCEL_PROJECT_PRODUCTION_URL: 'app.example.com',
      }).appUrl,
    ).toBe('https://app.example.com');
    expect(loadEnv({ ...vercel, VERCEL_URL: 'app-abc.vercel.app' }).clientIpHeader).toBe('x-real-ip');
    expect(() => loadEnv({ ...vercel, VERCEL_ENV: 'production' })).toThrow(/APP_URL/);
  });
});
