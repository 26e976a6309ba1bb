import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort, startUpstashLocal, type UpstashLocal } from '../../dev/upstash-local/index.ts';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { createMemoryStore } from '../store/memory.ts';
import type { Limiter } from '../store/types.ts';
import { createUpstashRedis } from '../store/upstash.ts';
import {
  checkSignInLimits,
  createRateLimiter,
  emailBucket,
  memoryLimiters,
  upstashLimiters,
  type LimiterFactory,
  type PolicyName,
} from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES = { email: rule(3, 60), ip: rule(5, 60), callbackIp: rule(2, 60) };
const email = (tag = '') => `user-${crypto.randomUUID().slice(0, 8)}${tag}@example.com`;
const DENIED = { ok: false, code: 'rate_limit_exceeded' };
const UNAVAILABLE = { ok: false, code: 'upstream_unavailable' };

describe('emailBucket', () => {
  it('drops the +tag and lower-cases, and nothing else', () => {
    expect(emailBucket('User+News@Example.COM')).toBe('user@example.com');
    expect(emailBucket('u+1+2@x.com')).toBe('u@x.com');
    expect(emailBucket('first.last@x.com')).toBe('first.last@x.com');
    expect(emailBucket('+only@x.com')).toBe('+only@x.com'); // no empty local part
  });
});

describe('rate limits on the memory backend (a fake clock at a window start)', () => {
  const WINDOW_START = 1_800_000_000_000; // a multiple of 60 s
  function setup(rules = RULES) {
    const clock = { now: WINDOW_START };
    const store = createMemoryStore({ now: () => clock.now });
    const limiter = createRateLimiter({
      limiters: memoryLimiters(store),
      rules,
      timeoutMs: 1000,
      now: () => clock.now,
    });
    return { clock, limiter };
  }

  it('allows the configured count per address, then denies with the seconds until the window ends', async () => {
    const { clock, limiter } = setup();
    const address = email();
    for (let i = 0; i < 3; i++)
      expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({ ok: true });
    clock.now += 15_000;
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({
      ...DENIED,
      retryAfterSeconds: 45,
    });
    clock.now += 44_500;
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({
      ...DENIED,
      retryAfterSeconds: 1,
    });
    expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toEqual({ ok: true });
  });

  it('slides: the previous window still counts, weighted by its overlap, until it has passed', async () => {
    const { clock, limiter } = setup();
    const address = email();
    for (let i = 0; i < 3; i++) await limiter.checkSignInLimits({ email: address, ip: null });
    clock.now += 60_000; // next window, previous one fully weighted: still 3 of 3
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toMatchObject(DENIED);
    clock.now += 30_000; // half way: floor(0.5 * 3) = 1, so 2 more
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({ ok: true });
    expect(await limiter.checkSignInLimits({ email: address, ip: null })).toMatchObject(DENIED);
    clock.now += 90_000; // two windows on: everything forgotten
    for (let i = 0; i < 3; i++)
      expect(await limiter.checkSignInLimits({ email: address, ip: null })).toEqual({ ok: true });
  });

  it('counts u+1@, u+2@, U+3@ against one bucket (RL-02, RL-03)', async () => {
    const { limiter } = setup();
    const base = crypto.randomUUID().slice(0, 8);
    for (const tag of ['+1', '+2', ''])
      expect((await limiter.checkSignInLimits({ email: `${base}${tag}@x.com`, ip: null })).ok).toBe(true);
    expect(
      await limiter.checkSignInLimits({ email: `${base.toUpperCase()}+4@X.COM`, ip: null }),
    ).toMatchObject(DENIED);
  });

  it('limits an IP across addresses; a /64 is one IPv6 client; ip null skips the IP policy', async () => {
    const { limiter } = setup({ ...RULES, ip: rule(2, 60) });
    const check = (ip: string | null) => limiter.checkSignInLimits({ email: email(), ip });
    expect((await check('203.0.113.9')).ok).toBe(true);
    expect((await check('203.0.113.9')).ok).toBe(true);
    expect(await check('203.0.113.9')).toMatchObject(DENIED);
    expect((await check('203.0.113.10')).ok).toBe(true);
    expect((await check('2001:db8:1:2::a')).ok).toBe(true);
    expect((await check('2001:db8:1:2:ffff::b')).ok).toBe(true);
    expect(await check('2001:db8:1:2::c')).toMatchObject(DENIED);
    for (let i = 0; i < 5; i++) expect(await check(null)).toEqual({ ok: true });
  });

  it('limits callbacks per IP and skips without a trusted IP', async () => {
    const { limiter } = setup();
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toMatchObject(DENIED);
    for (let i = 0; i < 5; i++) expect(await limiter.checkCallbackLimit(null)).toEqual({ ok: true });
  });
});

describe('fail closed (U-LIM)', () => {
  const fake =
    (limit: Limiter['limit']): LimiterFactory =>
    () => ({ limit });
  const make = (limit: Limiter['limit'], onUnavailable?: (policy: PolicyName, reason: string) => void) =>
    createRateLimiter({ limiters: fake(limit), rules: RULES, timeoutMs: 100, onUnavailable });

  it.each([
    ['resolves success with reason "timeout"', async () => ({ success: true, reset: 0, reason: 'timeout' })],
    ['rejects', async () => Promise.reject(new Error('ECONNREFUSED'))],
    [
      'throws synchronously',
      () => {
        throw new Error('boom');
      },
    ],
    ['answers garbage', async () => ({}) as never],
  ] as const)('denies when the limiter %s', async (_, limit) => {
    const reasons: string[] = [];
    const limiter = make(limit as Limiter['limit'], (policy, reason) => reasons.push(`${policy}:${reason}`));
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toEqual(UNAVAILABLE);
    expect(await limiter.checkCallbackLimit('192.0.2.1')).toEqual(UNAVAILABLE);
    expect(reasons).toHaveLength(3);
  });

  it('denies within the deadline when the limiter never answers', async () => {
    const limiter = make(() => new Promise(() => {}));
    const started = performance.now();
    expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toEqual(UNAVAILABLE);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('prefers a definite "too many" over "unavailable" when the two checks disagree', async () => {
    let calls = 0;
    const limiter = make(async () => {
      if (calls++ > 0) throw new Error('second check failed');
      return { success: false, reset: Date.now() + 30_000 };
    });
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toEqual({
      ...DENIED,
      retryAfterSeconds: 30,
    });
  });
});

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

describe('configured limiter (lib/env.ts defaults, memory store)', () => {
  it('reads the rules from the environment', async () => {
    vi.stubEnv('UPSTASH_REDIS_REST_URL', '');
    vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', '');
    vi.stubEnv('RATE_LIMIT_EMAIL', '2/1m');
    vi.stubEnv('SESSION_PASSWORD', 'a-test-password-that-is-long-enough');
    const address = email();
    expect((await checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    expect((await checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
    expect(await checkSignInLimits({ email: address, ip: null })).toMatchObject(DENIED);
    vi.unstubAllEnvs();
  });
});
