// Rate limits for the endpoints that send email or consume links. Fail closed: a limiter that
// throws, times out or answers "timeout" denies (docs/security.md F9, ASVS 16.5.3), because the
// request endpoint sends email and an outage must not turn into an open relay.
import 'server-only';
import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { RateLimitRule } from '../env-rate-limit.ts';
import { getEnv } from '../env.ts';
import { logEvent } from '../log.ts';
import { getRateLimitBackend, type RateLimitBackend } from '../store/index.ts';
import { createMemoryLimiter } from '../store/memory-rate-limit.ts';
import type { MemoryStore } from '../store/memory.ts';
import type { Limiter, LimitResponse } from '../store/types.ts';
import { POLICIES, type PolicyName } from './rate-limit-policies.ts';
import { sha256Hex } from './tokens.ts';

export { emailBucket, type PolicyName } from './rate-limit-policies.ts';

/** The outcome of a check: allowed, over a limit, or undecidable (which denies too). */
export type LimitResult =
  | { ok: true }
  | { ok: false; code: 'rate_limit_exceeded'; retryAfterSeconds: number }
  | { ok: false; code: 'upstream_unavailable' };

/** Builds the limiter for one policy: its counters' key prefix and its rule. */
export type LimiterFactory = (policy: { prefix: string; rule: RateLimitRule }) => Limiter;

/** Everything createRateLimiter needs, so tests can run it without configuration. */
export type RateLimiterOptions = {
  limiters: LimiterFactory;
  rules: Record<PolicyName, RateLimitRule>;
  /** A check that has not answered within this many milliseconds denies. */
  timeoutMs: number;
  now?: () => number;
  onUnavailable?: (policy: PolicyName, reason: 'timeout' | 'error') => void;
};

/** The checks the routes call. */
export type RateLimiter = {
  checkSignInLimits(input: { email: string; ip: string | null }): Promise<LimitResult>;
  checkCallbackLimit(ip: string | null): Promise<LimitResult>;
  checkVerifyLimits(input: { email: string; ip: string | null }): Promise<LimitResult>;
};

const OK: LimitResult = { ok: true };
const UNAVAILABLE: LimitResult = { ok: false, code: 'upstream_unavailable' };

/** Limiters on @upstash/ratelimit: the same sliding window for every instance and region. */
export function upstashLimiters(redis: Redis, timeoutMs: number): LimiterFactory {
  return ({ prefix, rule }) =>
    new Ratelimit({
      redis,
      prefix,
      limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
      // Off: the cache only remembers denials in this one instance, so it adds no correctness and
      // would answer from memory where the tests (and other instances) expect Redis to decide.
      ephemeralCache: false,
      // Resolves {success: true, reason: 'timeout'} on a hang; we treat that as a denial.
      timeout: timeoutMs,
    });
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

/** The strictest of several results: a definite "too many" (longest wait) wins over "unavailable". */
function combine(results: LimitResult[]): LimitResult {
  let retryAfterSeconds = 0;
  for (const result of results)
    if (!result.ok && result.code === 'rate_limit_exceeded')
      retryAfterSeconds = Math.max(retryAfterSeconds, result.retryAfterSeconds);
  if (retryAfterSeconds > 0) return { ok: false, code: 'rate_limit_exceeded', retryAfterSeconds };
  return results.find((result) => !result.ok) ?? OK;
}

/** A rate limiter over the given backend and rules. */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const limiters = {
    email: options.limiters({ prefix: POLICIES.email.prefix, rule: options.rules.email }),
    ip: options.limiters({ prefix: POLICIES.ip.prefix, rule: options.rules.ip }),
    callbackIp: options.limiters({ prefix: POLICIES.callbackIp.prefix, rule: options.rules.callbackIp }),
    verifyEmail: options.limiters({ prefix: POLICIES.verifyEmail.prefix, rule: options.rules.verifyEmail }),
  };

  const unavailable = (policy: PolicyName, reason: 'timeout' | 'error'): LimitResult => {
    options.onUnavailable?.(policy, reason);
    return UNAVAILABLE;
  };

  async function decide(policy: PolicyName, identifier: string): Promise<LimitResult> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(resolve, options.timeoutMs, 'timeout')),
    );
    let attempt: Promise<LimitResponse | 'error'>;
    try {
      attempt = limiters[policy].limit(identifier).catch(() => 'error' as const);
    } catch {
      attempt = Promise.resolve('error' as const);
    }
    // Our own deadline: a client stuck in a retry loop or a hung socket must not hold the request.
    const outcome = await Promise.race([attempt, deadline]);
    clearTimeout(timer);
    if (outcome === 'timeout' || outcome === 'error') return unavailable(policy, outcome);
    // @upstash/ratelimit's own `timeout` resolves success with reason 'timeout': that is no decision.
    if (outcome.reason === 'timeout') return unavailable(policy, 'timeout');
    if (typeof outcome.success !== 'boolean') return unavailable(policy, 'error');
    if (outcome.success) return OK;
    // `reset` is the end of the current fixed window, as @upstash/ratelimit reports it.
    const wait = Number.isFinite(outcome.reset)
      ? Math.ceil((outcome.reset - now()) / 1000)
      : options.rules[policy].windowSeconds;
    return { ok: false, code: 'rate_limit_exceeded', retryAfterSeconds: Math.max(1, wait) };
  }

  async function check(entries: Array<[PolicyName, string]>): Promise<LimitResult> {
    const ids = await Promise.all(
      entries.map(([policy, value]) => sha256Hex(POLICIES[policy].bucket(value))),
    );
    // Started in the same tick, so Upstash auto-pipelining sends all checks in one HTTP request.
    return combine(await Promise.all(entries.map(([policy], i) => decide(policy, ids[i]!))));
  }

  return {
    // No trusted IP (ip === null): skip the IP policy rather than share one bucket with everyone.
    checkSignInLimits: ({ email, ip }) =>
      check(
        ip === null
          ? [['email', email]]
          : [
              ['email', email],
              ['ip', ip],
            ],
      ),
    checkCallbackLimit: async (ip) => (ip === null ? OK : check([['callbackIp', ip]])),
    // A typed code: the callback's per-IP limit plus the per-address one.
    checkVerifyLimits: ({ email, ip }) =>
      check(
        ip === null
          ? [['verifyEmail', email]]
          : [
              ['verifyEmail', email],
              ['callbackIp', ip],
            ],
      ),
  };
}

let configured: RateLimiter | undefined;

function defaultLimiter(): RateLimiter {
  if (configured) return configured;
  const { rateLimit, storeKeyPrefix } = getEnv();
  const { email, ip, callbackIp, verifyEmail, timeoutMs } = rateLimit;
  const limiters = limitersFor(getRateLimitBackend(), timeoutMs);
  configured = createRateLimiter({
    // Counters live under the environment's prefix, like every other key.
    limiters: ({ prefix, rule }) => limiters({ prefix: `${storeKeyPrefix}${prefix}`, rule }),
    rules: { email, ip, callbackIp, verifyEmail },
    timeoutMs,
    onUnavailable: (policy, reason) => logEvent('rate_limit.unavailable', { policy, reason }),
  });
  return configured;
}

/** Per-address and per-IP limits for requesting a link, from configuration (fail closed). */
export function checkSignInLimits(input: { email: string; ip: string | null }): Promise<LimitResult> {
  return defaultLimiter().checkSignInLimits(input);
}

/** Per-IP limit for the callback (docs/security.md RL-07), from configuration (fail closed). */
export function checkCallbackLimit(ip: string | null): Promise<LimitResult> {
  return defaultLimiter().checkCallbackLimit(ip);
}

/** Per-address and per-IP limits for a typed code, from configuration (fail closed). */
export function checkVerifyLimits(input: { email: string; ip: string | null }): Promise<LimitResult> {
  return defaultLimiter().checkVerifyLimits(input);
}
