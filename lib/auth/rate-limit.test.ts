import { describe, expect, it, vi } from 'vitest';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { createMemoryStore } from '../store/memory.ts';
import { checkSignInLimits, createRateLimiter, memoryLimiters, type PolicyName } from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES: Record<PolicyName, RateLimitRule> = {
  global: rule(1000, 60),
  emailIp: rule(3, 60),
  emailCeiling: rule(5, 60),
  ip: rule(5, 60),
  callbackIp: rule(2, 60),
  verifyEmail: rule(2, 60),
};
const email = (tag = '') => `user-${crypto.randomUUID().slice(0, 8)}${tag}@example.com`;
const DENIED = { ok: false, code: 'rate_limit_exceeded' };
const WINDOW_START = 1_800_000_000_000; // a multiple of 60 s

function setup(rules: Partial<Record<PolicyName, RateLimitRule>> = {}, trustedIpHeader = true) {
  const clock = { now: WINDOW_START };
  const denied: PolicyName[] = [];
  const store = createMemoryStore({ now: () => clock.now });
  const limiter = createRateLimiter({
    limiters: memoryLimiters(store),
    rules: { ...RULES, ...rules },
    timeoutMs: 1000,
    trustedIpHeader,
    now: () => clock.now,
    onDenied: (policy) => denied.push(policy),
  });
  const ask = (address: string, ip: string | null) => limiter.checkSignInLimits({ email: address, ip });
  return { clock, limiter, ask, denied };
}

describe('sign-in limits on the memory backend (a fake clock at a window start)', () => {
  it('allows the configured count per (address, IP), then denies with the seconds to the window end', async () => {
    const { clock, ask } = setup();
    const address = email();
    for (let i = 0; i < 3; i++) expect(await ask(address, '192.0.2.1')).toEqual({ ok: true });
    clock.now += 15_000;
    expect(await ask(address, '192.0.2.1')).toEqual({ ...DENIED, retryAfterSeconds: 45 });
    clock.now += 44_500;
    expect(await ask(address, '192.0.2.1')).toEqual({ ...DENIED, retryAfterSeconds: 1 });
    expect(await ask(email(), '192.0.2.1')).toEqual({ ok: true });
  });

  it('slides: the previous window still counts, weighted by its overlap, until it has passed', async () => {
    const { clock, ask } = setup();
    const address = email();
    for (let i = 0; i < 3; i++) await ask(address, null);
    clock.now += 60_000; // next window, previous one fully weighted: still 3 of 3
    expect(await ask(address, null)).toMatchObject(DENIED);
    clock.now += 30_000; // half way: floor(0.5 * 3) = 1, so 2 more
    expect(await ask(address, null)).toEqual({ ok: true });
    expect(await ask(address, null)).toEqual({ ok: true });
    expect(await ask(address, null)).toMatchObject(DENIED);
    clock.now += 90_000; // two windows on: everything forgotten
    for (let i = 0; i < 3; i++) expect(await ask(address, null)).toEqual({ ok: true });
  });

  it('counts +tags, letter case and Gmail dot variants against one bucket (RL-02, RL-03, RL-08)', async () => {
    const { ask } = setup();
    const base = crypto.randomUUID().slice(0, 8);
    for (const tag of ['+1', '+2', '']) expect((await ask(`${base}${tag}@x.com`, null)).ok).toBe(true);
    expect(await ask(`${base.toUpperCase()}+4@X.COM`, null)).toMatchObject(DENIED);
    const gmail = `${base}${base}`;
    for (const variant of [`${gmail}@gmail.com`, `${gmail.slice(0, 3)}.${gmail.slice(3)}@gmail.com`])
      expect((await ask(variant, '192.0.2.2')).ok).toBe(true);
    expect((await ask(`${gmail}+x@googlemail.com`, '192.0.2.2')).ok).toBe(true);
    expect(await ask(`${[...gmail].join('.')}@googlemail.com`, '192.0.2.2')).toMatchObject(DENIED);
  });

  it('cannot be used to lock a person out: an attacker fills only its own (address, IP) bucket (RL-09)', async () => {
    const { ask } = setup();
    const victim = email();
    for (let i = 0; i < 3; i++) expect((await ask(victim, '203.0.113.66')).ok).toBe(true);
    // Hammering on: refused, and a refused request counts in no bucket, not the ceiling either.
    for (let i = 0; i < 20; i++) expect(await ask(victim, '203.0.113.66')).toMatchObject(DENIED);
    expect(await ask(victim, '198.51.100.20')).toEqual({ ok: true });
    expect(await ask(victim, '198.51.100.20')).toEqual({ ok: true });
  });

  it('caps one address across IPs at the ceiling (RATE_LIMIT_EMAIL_CEILING)', async () => {
    const { ask, denied } = setup();
    const address = email();
    for (let i = 1; i <= 5; i++) expect((await ask(address, `192.0.2.${i}`)).ok).toBe(true);
    expect(await ask(address, '192.0.2.6')).toMatchObject(DENIED);
    expect(denied).toEqual(['emailCeiling']);
    expect(await ask(email(), '192.0.2.6')).toEqual({ ok: true });
  });

  it('hands back what a refused request counted: a request over the IP limit costs its address nothing', async () => {
    const { ask } = setup({ ip: rule(2, 60), emailCeiling: rule(1, 60) });
    const address = email();
    expect((await ask(email(), '192.0.2.9')).ok).toBe(true);
    expect((await ask(email(), '192.0.2.9')).ok).toBe(true);
    expect(await ask(address, '192.0.2.9')).toMatchObject(DENIED);
    // The ceiling of 1 is still there for the address, and then used up.
    expect(await ask(address, '192.0.2.10')).toEqual({ ok: true });
    expect(await ask(address, '192.0.2.11')).toMatchObject(DENIED);
  });

  it('caps the deployment with the global budget, whatever the IP and with none (RL-10)', async () => {
    const { ask, denied } = setup({ global: rule(3, 60) }, false);
    for (let i = 0; i < 3; i++) expect((await ask(email(), null)).ok).toBe(true);
    expect(await ask(email(), null)).toMatchObject(DENIED);
    expect(denied).toEqual(['global']);
    const withIps = setup({ global: rule(3, 60) });
    for (let i = 1; i <= 3; i++) expect((await withIps.ask(email(), `192.0.2.${i}`)).ok).toBe(true);
    expect(await withIps.ask(email(), '198.51.100.1')).toMatchObject(DENIED);
  });

  it('limits an IP across addresses; a /64 is one IPv6 client', async () => {
    const { ask } = setup({ ip: rule(2, 60) });
    const check = (ip: string) => ask(email(), ip);
    expect((await check('203.0.113.9')).ok).toBe(true);
    expect((await check('203.0.113.9')).ok).toBe(true);
    expect(await check('203.0.113.9')).toMatchObject(DENIED);
    expect((await check('203.0.113.10')).ok).toBe(true);
    expect((await check('2001:db8:1:2::a')).ok).toBe(true);
    expect((await check('2001:db8:1:2:ffff::b')).ok).toBe(true);
    expect(await check('2001:db8:1:2::c')).toMatchObject(DENIED);
  });

  it('without a trusted header, skips the IP limit; with one, an unusable IP shares one bucket (RL-11)', async () => {
    const open = setup({ ip: rule(2, 60) }, false);
    for (let i = 0; i < 5; i++) expect(await open.ask(email(), null)).toEqual({ ok: true });
    const { ask } = setup({ ip: rule(2, 60) }, true);
    expect((await ask(email(), null)).ok).toBe(true);
    expect((await ask(email(), null)).ok).toBe(true);
    expect(await ask(email(), null)).toMatchObject(DENIED);
    expect((await ask(email(), '192.0.2.1')).ok).toBe(true);
  });
});

describe('callback and code limits on the memory backend', () => {
  it('counts failed callbacks per IP; a refunded (successful) one does not count (RL-07)', async () => {
    const { limiter } = setup();
    for (let i = 0; i < 5; i++) {
      expect(await limiter.checkCallbackLimit('198.51.100.1')).toEqual({ ok: true });
      await limiter.refundCallbackLimit('198.51.100.1');
    }
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toEqual({ ok: true });
    expect(await limiter.checkCallbackLimit('198.51.100.1')).toMatchObject(DENIED);
    expect(await limiter.checkCallbackLimit('198.51.100.2')).toEqual({ ok: true });
  });

  it('skips callbacks without a trusted header, and shares the unknown bucket with one', async () => {
    const open = setup({}, false);
    for (let i = 0; i < 5; i++) expect(await open.limiter.checkCallbackLimit(null)).toEqual({ ok: true });
    const { limiter } = setup();
    await limiter.checkCallbackLimit(null);
    await limiter.checkCallbackLimit(null);
    expect(await limiter.checkCallbackLimit(null)).toMatchObject(DENIED);
  });

  it('counts every typed code for the address, right or wrong; the IP gets a right one back', async () => {
    const { limiter } = setup({ verifyEmail: rule(3, 60) });
    const address = email();
    const ip = '198.51.100.3';
    for (let i = 0; i < 3; i++) {
      expect(await limiter.checkVerifyLimits({ email: address, ip })).toEqual({ ok: true });
      await limiter.refundCallbackLimit(ip);
    }
    expect(await limiter.checkVerifyLimits({ email: address, ip })).toMatchObject(DENIED);
    expect(await limiter.checkVerifyLimits({ email: email(), ip })).toEqual({ ok: true });
    expect(await limiter.checkVerifyLimits({ email: email(), ip })).toEqual({ ok: true });
    expect(await limiter.checkVerifyLimits({ email: email(), ip })).toMatchObject(DENIED);
  });
});

describe('configured limiter (lib/env.ts, memory store)', () => {
  it('reads the rules from the variables the policy table names', async () => {
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
