// The rate limits the routes call, configured from the environment: the policy table
// (rate-limit-policies.ts) applied by rate-limit-engine.ts, on Upstash or the memory store.
import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { getEnv } from '../env.ts';
import { logEvent, logEventThrottled } from '../log.ts';
import { getRateLimitBackend, type RateLimitBackend } from '../store/index.ts';
import { createMemoryLimiter } from '../store/memory-rate-limit.ts';
import type { MemoryStore } from '../store/memory.ts';
import {
  createRateLimiter,
  type LimiterFactory,
  type LimitResult,
  type RateLimiter,
} from './rate-limit-engine.ts';

export {
  createRateLimiter,
  type LimiterFactory,
  type LimitResult,
  type RateLimiter,
  type RateLimiterOptions,
} from './rate-limit-engine.ts';
export { emailBucket, POLICIES, type PolicyName } from './rate-limit-policies.ts';

/** Limiters on @upstash/ratelimit: the same sliding window for every instance and region. */
export function upstashLimiters(redis: Redis, timeoutMs: number): LimiterFactory {
  return ({ prefix, rule }) => {
    const ratelimit = new Ratelimit({
      redis,
      prefix,
      limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
      // Off: the cache only remembers denials in this one instance, so it adds no correctness and
      // would answer from memory where the tests (and other instances) expect Redis to decide.
      ephemeralCache: false,
      // Resolves {success: true, reason: 'timeout'} on a hang; we treat that as a denial.
      timeout: timeoutMs,
    });
    return {
      limit: (identifier) => ratelimit.limit(identifier),
      // The sliding window's script skips its limit check for a negative rate and adds it.
      refund: (identifier) => ratelimit.limit(identifier, { rate: -1 }),
    };
  };
}

/** Limiters on the in-process memory store, with the same sliding-window semantics. */
export function memoryLimiters(store: MemoryStore): LimiterFactory {
  return ({ prefix, rule }) => createMemoryLimiter(store, { prefix, ...rule });
}

function limitersFor(backend: RateLimitBackend, timeoutMs: number): LimiterFactory {
  return backend.kind === 'upstash'
    ? upstashLimiters(backend.redis, timeoutMs)
    : memoryLimiters(backend.store);
}

let configured: RateLimiter | undefined;

function defaultLimiter(): RateLimiter {
  if (configured) return configured;
  const { rateLimit, storeKeyPrefix, clientIpHeader } = getEnv();
  const { rules, timeoutMs } = rateLimit;
  const limiters = limitersFor(getRateLimitBackend(), timeoutMs);
  configured = createRateLimiter({
    // Counters live under the environment's prefix, like every other key.
    limiters: ({ prefix, rule }) => limiters({ prefix: `${storeKeyPrefix}${prefix}`, rule }),
    rules,
    timeoutMs,
    trustedIpHeader: clientIpHeader !== undefined,
    onUnavailable: (policy, reason) => logEvent('rate_limit.unavailable', { policy, reason }),
    onDenied: (policy, retryAfterSeconds) => {
      // Every sign-in is refused until the budget refills: someone must look (at most once a minute).
      if (policy === 'global')
        logEventThrottled('rate_limit.global_exhausted', policy, {
          limit: rules.global.limit,
          windowSeconds: rules.global.windowSeconds,
          retryAfterSeconds,
        });
    },
  });
  return configured;
}

/** The sign-in email limits (docs/security.md RL-*), from configuration (fail closed). */
export function checkSignInLimits(input: { email: string; ip: string | null }): Promise<LimitResult> {
  return defaultLimiter().checkSignInLimits(input);
}

/** Per-IP failure limit for the callback (RL-07), from configuration (fail closed). */
export function checkCallbackLimit(ip: string | null): Promise<LimitResult> {
  return defaultLimiter().checkCallbackLimit(ip);
}

/** A callback or code that signed in: not a failure, so its count goes back (RL-07). */
export function refundCallbackLimit(ip: string | null): Promise<void> {
  return defaultLimiter().refundCallbackLimit(ip);
}

/** Per-address and per-IP limits for a typed code, from configuration (fail closed). */
export function checkVerifyLimits(input: { email: string; ip: string | null }): Promise<LimitResult> {
  return defaultLimiter().checkVerifyLimits(input);
}
