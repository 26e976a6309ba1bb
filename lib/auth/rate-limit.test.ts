import { describe, expect, it, vi } from 'vitest';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { createMemoryStore } from '../store/memory.ts';
import type { Limiter, LimitResponse } from '../store/types.ts';
import {
  checkSignInLimits,
  createRateLimiter,
  emailBucket,
  memoryLimiters,
  type LimiterFactory,
  type PolicyName,
} from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES = { email: rule(3, 60), ip: rule(5, 60), callbackIp: rule(2, 60), verifyEmail: rule(2, 60) };
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

  const failures: Array<[string, Limiter['limit']]> = [
    [
      'resolves success with reason "timeout"',
      () => Promise.resolve({ success: true, reset: 0, reason: 'timeout' }),
    ],
    ['rejects', () => Promise.reject(new Error('ECONNREFUSED'))],
    [
      'throws synchronously',
      () => {
        throw new Error('boom');
      },
    ],
    ['answers garbage', () => Promise.resolve({} as LimitResponse)],
  ];
  it.each(failures)('denies when the limiter %s', async (_, limit) => {
    const reasons: string[] = [];
    const limiter = make(limit, (policy, reason) => reasons.push(`${policy}:${reason}`));
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
    const limiter = make(() =>
      calls++ > 0
        ? Promise.reject(new Error('second check failed'))
        : Promise.resolve({ success: false, reset: Date.now() + 30_000 }),
    );
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toEqual({
      ...DENIED,
      retryAfterSeconds: 30,
    });
  });
});

describe('configured limiter (lib/env.ts defaults, memory store)', () => {
  it('reads the rules from the environment', async () => {
    vi.stubEnv('UPSTASH_REDIS_REST_URL', '');
    vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', '');
    vi.stubEnv('RATE_LIMIT_EMAIL', '2/1m');
    vi.stubEnv('SESSION_PASSWORD', 'a-test-password-that-is-long-enough');
    try {
      const address = email();
      expect((await checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
      expect((await checkSignInLimits({ email: address, ip: null })).ok).toBe(true);
      expect(await checkSignInLimits({ email: address, ip: null })).toMatchObject(DENIED);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
