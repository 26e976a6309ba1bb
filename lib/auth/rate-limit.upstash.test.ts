// @upstash/ratelimit through the real client, the local REST bridge and a real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startUpstashLocal, type UpstashLocal } from '../../dev/upstash-local/index.ts';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { createUpstashRedis } from '../store/upstash.ts';
import { createRateLimiter, upstashLimiters, type PolicyName } from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES: Record<PolicyName, RateLimitRule> = {
  global: rule(1000, 60),
  emailIp: rule(3, 60),
  emailCeiling: rule(5, 60),
  ip: rule(5, 60),
  callbackIp: rule(2, 60),
  verifyEmail: rule(2, 60),
};
const email = () => `user-${crypto.randomUUID().slice(0, 8)}@example.com`;
const DENIED = { ok: false, code: 'rate_limit_exceeded' };
const UNAVAILABLE = { ok: false, code: 'upstream_unavailable' };

describe('rate limits on Upstash (real Redis through the local bridge)', () => {
  let local: UpstashLocal;
  const upstash = (
    rules: Partial<typeof RULES> = {},
    timeoutMs = 1000,
    url = local.url,
    trustedIpHeader = true,
  ) => {
    const redis = createUpstashRedis({ url, token: local.token });
    // A prefix per limiter: the global budget must not carry over from one test to the next.
    const prefix = `t${crypto.randomUUID().slice(0, 8)}:`;
    const limiters = upstashLimiters(redis, timeoutMs);
    return createRateLimiter({
      limiters: (policy) => limiters({ ...policy, prefix: `${prefix}${policy.prefix}` }),
      rules: { ...RULES, ...rules },
      timeoutMs,
      trustedIpHeader,
    });
  };

  beforeAll(async () => {
    local = await startUpstashLocal();
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('of 20 concurrent requests for one address, allows exactly the configured 3', async () => {
    const limiter = upstash({ emailCeiling: rule(100, 60), ip: rule(100, 60) });
    const address = email();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.checkSignInLimits({ email: address.replace('@', `+${i}@`), ip: null }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject(DENIED);
  });

  it('makes all four sign-in checks in one HTTP round trip once the scripts are loaded', async () => {
    const limiter = upstash();
    await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.50' });
    local.bridge.resetStats();
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.51' })).toEqual({ ok: true });
    expect(local.bridge.stats()).toEqual({ requests: 1, commands: 4 });
  });

  it('folds Gmail dot variants and googlemail.com into one bucket (RL-08)', async () => {
    const limiter = upstash();
    const name = `g${crypto.randomUUID().slice(0, 8)}`;
    const dotted = [...name].join('.');
    for (const variant of [`${name}@gmail.com`, `${dotted}@gmail.com`, `${name}+a@googlemail.com`])
      expect(await limiter.checkSignInLimits({ email: variant, ip: '192.0.2.60' })).toEqual({ ok: true });
    expect(
      await limiter.checkSignInLimits({ email: `${dotted.toUpperCase()}@GoogleMail.com`, ip: '192.0.2.60' }),
    ).toMatchObject(DENIED);
  });

  it('an attacker IP fills only its (address, IP) bucket; the person still gets through (RL-09)', async () => {
    const limiter = upstash();
    const victim = email();
    for (let i = 0; i < 3; i++) await limiter.checkSignInLimits({ email: victim, ip: '203.0.113.61' });
    for (let i = 0; i < 10; i++)
      expect(await limiter.checkSignInLimits({ email: victim, ip: '203.0.113.61' })).toMatchObject(DENIED);
    // Refused requests handed their ceiling counts back: 3 + 2 of the ceiling's 5.
    expect(await limiter.checkSignInLimits({ email: victim, ip: '198.51.100.61' })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: victim, ip: '198.51.100.62' })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: victim, ip: '198.51.100.63' })).toMatchObject(DENIED);
  });

  it('caps sends with the global budget when no IP header is configured (RL-10)', async () => {
    const limiter = upstash({ global: rule(3, 60) }, 1000, local.url, false);
    for (let i = 0; i < 3; i++)
      expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toMatchObject(DENIED);
  });

  it('shares one unknown-IP bucket among requests without a usable IP (RL-11)', async () => {
    const limiter = upstash({ ip: rule(2, 60) });
    for (let i = 0; i < 2; i++)
      expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toMatchObject(DENIED);
  });

  it('counts failed callbacks only: a refunded one leaves the IP its budget (RL-07)', async () => {
    const limiter = upstash();
    for (let i = 0; i < 4; i++) {
      expect(await limiter.checkCallbackLimit('198.51.100.64')).toEqual({ ok: true });
      await limiter.refundCallbackLimit('198.51.100.64');
    }
    expect(await limiter.checkCallbackLimit('198.51.100.64')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.64')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.64')).toMatchObject(DENIED);
  });

  it('counts every typed code for the address; a right one gives the IP its count back', async () => {
    const limiter = upstash({ verifyEmail: rule(3, 60) });
    const [address, ip] = [email(), '198.51.100.65'];
    for (let i = 0; i < 3; i++) {
      expect(await limiter.checkVerifyLimits({ email: address, ip })).toEqual({ ok: true });
      await limiter.refundCallbackLimit(ip);
    }
    expect(await limiter.checkVerifyLimits({ email: address, ip })).toMatchObject(DENIED);
    expect(await limiter.checkCallbackLimit(ip)).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit(ip)).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit(ip)).toMatchObject(DENIED);
  });

  it('lets requests through again once a short window (2 per 1 s) has passed', async () => {
    const limiter = upstash({ emailIp: rule(2, 1) });
    const address = email();
    // Start just after a window boundary, so the first three requests share one window.
    await new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));
    expect((await limiter.checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    expect((await limiter.checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({
      ...DENIED,
      retryAfterSeconds: 1,
    });
    const twoWindowsLater = (Math.floor(Date.now() / 1000) + 2) * 1000 + 10;
    await new Promise((resolve) => setTimeout(resolve, twoWindowsLater - Date.now()));
    expect((await limiter.checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    expect((await limiter.checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
  });

  it('denies at once while redis-server is down, and allows again when it is back', async () => {
    const limiter = upstash();
    const address = email();
    expect((await limiter.checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    await local.redis.stop();
    try {
      const started = performance.now();
      expect(await limiter.checkSignInLimits({ email: address, ip: '192.0.2.7' })).toEqual(UNAVAILABLE);
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await local.redis.start();
    }
    await expect
      .poll(async () => (await limiter.checkSignInLimits({ email: email(), ip: null })).ok, { timeout: 3000 })
      .toBe(true);
  });

  it('denies within the timeout when Redis hangs (RL-05)', async () => {
    const limiter = upstash({}, 300);
    local.redis.pause();
    try {
      const started = performance.now();
      expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.8' })).toEqual(UNAVAILABLE);
      expect(performance.now() - started).toBeLessThan(800);
    } finally {
      local.redis.resume();
    }
  });

  it('denies quickly when Upstash cannot be reached at all', async () => {
    const limiter = upstash({}, 1000, `http://127.0.0.1:${await freePort()}`);
    const started = performance.now();
    expect(await limiter.checkCallbackLimit('192.0.2.9')).toEqual(UNAVAILABLE);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
