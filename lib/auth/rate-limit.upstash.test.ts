// @upstash/ratelimit through the real client, the local REST bridge and a real redis-server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startUpstashLocal, type UpstashLocal } from '../../dev/upstash-local/index.ts';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { createUpstashRedis } from '../store/upstash.ts';
import { createRateLimiter, upstashLimiters } from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES = { email: rule(3, 60), ip: rule(5, 60), callbackIp: rule(2, 60), verifyEmail: rule(2, 60) };
const email = () => `user-${crypto.randomUUID().slice(0, 8)}@example.com`;
const DENIED = { ok: false, code: 'rate_limit_exceeded' };
const UNAVAILABLE = { ok: false, code: 'upstream_unavailable' };

describe('rate limits on Upstash (real Redis through the local bridge)', () => {
  let local: UpstashLocal;
  const upstash = (rules = RULES, timeoutMs = 1000, url = local.url) => {
    const redis = createUpstashRedis({ url, token: local.token });
    return createRateLimiter({ limiters: upstashLimiters(redis, timeoutMs), rules, timeoutMs });
  };

  beforeAll(async () => {
    local = await startUpstashLocal();
  });
  afterAll(async () => {
    await local?.stop();
  });

  it('of 20 concurrent requests for one address, allows exactly the configured 3', async () => {
    const limiter = upstash();
    const address = email();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.checkSignInLimits({ email: address.replace('@', `+${i}@`), ip: null }),
      ),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    for (const r of results.filter((r) => !r.ok)) expect(r).toMatchObject(DENIED);
  });

  it('checks address and IP in one HTTP round trip once the scripts are loaded', async () => {
    const limiter = upstash();
    await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.50' });
    local.bridge.resetStats();
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.51' })).toEqual({ ok: true });
    expect(local.bridge.stats()).toEqual({ requests: 1, commands: 2 });
  });

  it('lets requests through again once a short window (2 per 1 s) has passed', async () => {
    const limiter = upstash({ ...RULES, email: rule(2, 1) });
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
    const limiter = upstash(RULES, 300);
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
    const limiter = upstash(RULES, 1000, `http://127.0.0.1:${await freePort()}`);
    const started = performance.now();
    expect(await limiter.checkCallbackLimit('192.0.2.9')).toEqual(UNAVAILABLE);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
