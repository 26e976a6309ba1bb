// The policy table of the rate limits (lib/auth/rate-limit.ts enforces it; getEnv().rateLimit holds
// each policy's numbers, from RATE_LIMIT_* variables).
import { ipRateLimitKey } from './client-ip.ts';

/** The limits this app enforces; each has a rule in getEnv().rateLimit. */
export type PolicyName = 'email' | 'ip' | 'callbackIp' | 'verifyEmail';

/** The limiter bucket of an address: lower-cased, `+tag` dropped (u+1@x.com and u+2@x.com share one). */
export function emailBucket(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  const plus = address.indexOf('+');
  return plus > 0 && plus < at ? address.slice(0, plus) + address.slice(at) : address;
}

// The policy table: what each limit counts and where its counters live. Identifiers are hashed,
// so Redis never holds an address or an IP in clear and keys have a fixed length.
export const POLICIES = {
  email: { prefix: 'rl:email', bucket: emailBucket },
  ip: { prefix: 'rl:ip', bucket: ipRateLimitKey },
  callbackIp: { prefix: 'rl:callback-ip', bucket: ipRateLimitKey },
  // Every typed code counts, right or wrong: guesses at one address are capped across requests.
  verifyEmail: { prefix: 'rl:verify-email', bucket: emailBucket },
} as const satisfies Record<PolicyName, { prefix: string; bucket: (value: string) => string }>;
