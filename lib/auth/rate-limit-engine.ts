// How the policies of lib/auth/rate-limit-policies.ts are applied, over any limiter backend.
// Fail closed: a limiter that throws, times out or answers "timeout" denies (docs/security.md F9,
// ASVS 16.5.3), because the request endpoint sends email and an outage must not make it an open relay.
// A refused request counts in no bucket: every check of a request is counted at once (one round
// trip), and when one of them refuses, the counts the others took are handed back.
import type { RateLimitRule } from '../env-rate-limit.ts';
import type { Limiter, LimitResponse } from '../store/types.ts';
import { POLICIES, UNKNOWN_IP, type PolicyName, type Subject } from './rate-limit-policies.ts';
import { sha256Hex } from './tokens.ts';

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
  /**
   * Whether a trusted IP header is configured (CLIENT_IP_HEADER). With one, a request without a
   * usable IP (`ip: null`) is limited as UNKNOWN_IP, one bucket for all such requests; without
   * one, the per-IP policies do not apply (the IP is never known) and the others still do.
   */
  trustedIpHeader: boolean;
  now?: () => number;
  onUnavailable?: (policy: PolicyName, reason: 'timeout' | 'error') => void;
  /** A policy refused a request (the caller logs the global budget's refusals as errors). */
  onDenied?: (policy: PolicyName, retryAfterSeconds: number) => void;
};

/** The checks the flow calls. `ip` is the trusted client IP, or null when there is none. */
export type RateLimiter = {
  /** Requesting a sign-in email: (address, IP), the address's ceiling, the IP, the global budget. */
  checkSignInLimits(input: { email: string; ip: string | null }): Promise<LimitResult>;
  /** Opening a callback: counts against the IP's failure budget until refunded. */
  checkCallbackLimit(ip: string | null): Promise<LimitResult>;
  /** A typed code: counts for the address (kept) and against the IP's failure budget. */
  checkVerifyLimits(input: { email: string; ip: string | null }): Promise<LimitResult>;
  /** A callback or code that signed in: hands its count back to the IP's failure budget. */
  refundCallbackLimit(ip: string | null): Promise<void>;
};

const OK: LimitResult = { ok: true };
const UNAVAILABLE: LimitResult = { ok: false, code: 'upstream_unavailable' };

type Decision = { result: LimitResult; counted: boolean };

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
  const limiters = Object.fromEntries(
    (Object.keys(POLICIES) as PolicyName[]).map((name) => [
      name,
      options.limiters({ prefix: POLICIES[name].prefix, rule: options.rules[name] }),
    ]),
  ) as Record<PolicyName, Limiter>;

  /** `operation` within the deadline: 'timeout' or 'error' when it does not answer in time. */
  async function withDeadline<T>(operation: () => Promise<T>): Promise<T | 'timeout' | 'error'> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<'timeout'>(
      (resolve) => (timer = setTimeout(resolve, options.timeoutMs, 'timeout')),
    );
    let attempt: Promise<T | 'error'>;
    try {
      attempt = operation().catch(() => 'error' as const);
    } catch {
      attempt = Promise.resolve('error' as const);
    }
    // Our own deadline: a client stuck in a retry loop or a hung socket must not hold the request.
    const outcome = await Promise.race([attempt, deadline]);
    clearTimeout(timer);
    return outcome;
  }

  async function decide(policy: PolicyName, identifier: string): Promise<Decision> {
    const outcome = await withDeadline<LimitResponse>(() => limiters[policy].limit(identifier));
    const unavailable = (reason: 'timeout' | 'error'): Decision => {
      options.onUnavailable?.(policy, reason);
      return { result: UNAVAILABLE, counted: false };
    };
    if (outcome === 'timeout' || outcome === 'error') return unavailable(outcome);
    // @upstash/ratelimit's own `timeout` resolves success with reason 'timeout': that is no decision.
    if (outcome.reason === 'timeout') return unavailable('timeout');
    if (typeof outcome.success !== 'boolean') return unavailable('error');
    if (outcome.success) return { result: OK, counted: true };
    // `reset` is the end of the current fixed window, as @upstash/ratelimit reports it.
    const wait = Number.isFinite(outcome.reset)
      ? Math.ceil((outcome.reset - now()) / 1000)
      : options.rules[policy].windowSeconds;
    const retryAfterSeconds = Math.max(1, wait);
    options.onDenied?.(policy, retryAfterSeconds);
    return { result: { ok: false, code: 'rate_limit_exceeded', retryAfterSeconds }, counted: false };
  }

  const identifier = (policy: PolicyName, subject: Subject) => sha256Hex(POLICIES[policy].bucket(subject));

  /** Hands counts back, within the deadline; a refund that fails only leaves a limit stricter. */
  async function refund(entries: Array<[PolicyName, string]>): Promise<void> {
    await Promise.all(entries.map(([policy, id]) => withDeadline(() => limiters[policy].refund(id))));
  }

  async function check(policies: PolicyName[], subject: Subject): Promise<LimitResult> {
    const ids = await Promise.all(policies.map((policy) => identifier(policy, subject)));
    // Started in the same tick, so Upstash auto-pipelining sends all checks in one HTTP request.
    const decisions = await Promise.all(policies.map((policy, i) => decide(policy, ids[i]!)));
    const result = combine(decisions.map((decision) => decision.result));
    if (!result.ok)
      await refund(
        policies.flatMap((policy, i): Array<[PolicyName, string]> =>
          decisions[i]!.counted ? [[policy, ids[i]!]] : [],
        ),
      );
    return result;
  }

  // No trusted header: the IP is never known and the per-IP policies do not apply. With one, a
  // request whose header is missing or malformed is limited as the one shared UNKNOWN_IP.
  const ipLimited = (ip: string | null) => ip !== null || options.trustedIpHeader;
  const subject = (email: string, ip: string | null): Subject => ({ email, ip: ip ?? UNKNOWN_IP });

  return {
    checkSignInLimits: ({ email, ip }) =>
      check(
        ['emailIp', 'emailCeiling', 'global', ...(ipLimited(ip) ? (['ip'] as const) : [])],
        subject(email, ip),
      ),
    checkCallbackLimit: async (ip) => (ipLimited(ip) ? check(['callbackIp'], subject('', ip)) : OK),
    checkVerifyLimits: ({ email, ip }) =>
      check(['verifyEmail', ...(ipLimited(ip) ? (['callbackIp'] as const) : [])], subject(email, ip)),
    refundCallbackLimit: async (ip) => {
      if (ipLimited(ip)) await refund([['callbackIp', await identifier('callbackIp', subject('', ip))]]);
    },
  };
}
