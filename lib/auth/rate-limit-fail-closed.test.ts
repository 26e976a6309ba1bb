import { describe, expect, it } from 'vitest';
import type { RateLimitRule } from '../env-rate-limit.ts';
import type { Limiter, LimitResponse } from '../store/types.ts';
import { createRateLimiter, POLICIES, type LimiterFactory, type PolicyName } from './rate-limit.ts';

const rule = (limit: number, windowSeconds: number): RateLimitRule => ({ limit, windowSeconds });
const RULES = Object.fromEntries(Object.keys(POLICIES).map((name) => [name, rule(5, 60)])) as Record<
  PolicyName,
  RateLimitRule
>;
const email = () => `user-${crypto.randomUUID().slice(0, 8)}@example.com`;
const DENIED = { ok: false, code: 'rate_limit_exceeded' };
const UNAVAILABLE = { ok: false, code: 'upstream_unavailable' };
const policyOf = (prefix: string) =>
  (Object.keys(POLICIES) as PolicyName[]).find((name) => POLICIES[name].prefix === prefix)!;

/** Limiters whose answers a test decides per policy; refunds are recorded. */
function fake(limit: (policy: PolicyName) => Promise<LimitResponse>) {
  const refunds: PolicyName[] = [];
  const factory: LimiterFactory = ({ prefix }): Limiter => ({
    limit: () => limit(policyOf(prefix)),
    refund: () => Promise.resolve(refunds.push(policyOf(prefix))),
  });
  return { factory, refunds };
}

function make(limit: Limiter['limit'], onUnavailable?: (policy: PolicyName, reason: string) => void) {
  const { factory } = fake(() => limit(''));
  return createRateLimiter({
    limiters: factory,
    rules: RULES,
    timeoutMs: 100,
    trustedIpHeader: true,
    onUnavailable,
  });
}

describe('fail closed (U-LIM)', () => {
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
    // The four sign-in checks (address and IP, ceiling, global, IP) and the callback's.
    expect(reasons).toHaveLength(5);
  });

  it('denies within the deadline when the limiter never answers', async () => {
    const limiter = make(() => new Promise(() => {}));
    const started = performance.now();
    expect(await limiter.checkSignInLimits({ email: email(), ip: null })).toEqual(UNAVAILABLE);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('prefers a definite "too many" over "unavailable" when the checks disagree', async () => {
    const { factory } = fake((policy) =>
      policy === 'emailIp'
        ? Promise.resolve({ success: false, reset: Date.now() + 30_000 })
        : Promise.reject(new Error('other check failed')),
    );
    const limiter = createRateLimiter({
      limiters: factory,
      rules: RULES,
      timeoutMs: 100,
      trustedIpHeader: true,
    });
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toEqual({
      ...DENIED,
      retryAfterSeconds: 30,
    });
  });
});

describe('a refused request counts nowhere', () => {
  it('hands back the counts of the checks that allowed it, and only those', async () => {
    const { factory, refunds } = fake((policy) =>
      Promise.resolve({ success: policy !== 'global', reset: Date.now() + 1000 }),
    );
    const limiter = createRateLimiter({
      limiters: factory,
      rules: RULES,
      timeoutMs: 100,
      trustedIpHeader: true,
    });
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toMatchObject(DENIED);
    expect(refunds.sort()).toEqual(['emailCeiling', 'emailIp', 'ip']);
  });

  it('also when a check is unavailable, and not at all when every check allows', async () => {
    const { factory, refunds } = fake((policy) =>
      policy === 'ip' ? Promise.reject(new Error('down')) : Promise.resolve({ success: true, reset: 0 }),
    );
    const limiter = createRateLimiter({
      limiters: factory,
      rules: RULES,
      timeoutMs: 100,
      trustedIpHeader: true,
    });
    expect(await limiter.checkSignInLimits({ email: email(), ip: '192.0.2.1' })).toEqual(UNAVAILABLE);
    expect(refunds.sort()).toEqual(['emailCeiling', 'emailIp', 'global']);
    const allowing = fake(() => Promise.resolve({ success: true, reset: 0 }));
    const open = createRateLimiter({
      limiters: allowing.factory,
      rules: RULES,
      timeoutMs: 100,
      trustedIpHeader: true,
    });
    expect(await open.checkSignInLimits({ email: email(), ip: null })).toEqual({ ok: true });
    expect(allowing.refunds).toEqual([]);
  });

  it('a refund that fails or hangs changes nothing for the request', async () => {
    const factory: LimiterFactory = () => ({
      limit: () => Promise.resolve({ success: true, reset: 0 }),
      refund: () => new Promise(() => {}),
    });
    const limiter = createRateLimiter({
      limiters: factory,
      rules: RULES,
      timeoutMs: 100,
      trustedIpHeader: true,
    });
    const started = performance.now();
    await limiter.refundCallbackLimit('192.0.2.1');
    expect(performance.now() - started).toBeLessThan(500);
  });
});
