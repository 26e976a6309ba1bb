// THE policy table of the rate limits: one row per limit, with its counters' key prefix, its
// bucket, the variable that sets its numbers, its default and what it counts. lib/env-rate-limit.ts
// reads each row's variable (numbers only: a variable cannot change what a limit counts);
// lib/auth/rate-limit.ts enforces the rows. README's limits table and docs/security.md RL-* say
// the same in prose. Adding a limit: one row here, and its check in rate-limit.ts.
import { ipRateLimitKey } from './client-ip.ts';

/** What a bucket is computed from: the address as typed, and the IP (or UNKNOWN_IP). */
export type Subject = { email: string; ip: string };

export type Policy = {
  /** Key prefix of the counters (under the store's STORE_KEY_PREFIX). */
  prefix: string;
  /** The counter a request is counted in; hashed before it reaches the store. */
  bucket: (subject: Subject) => string;
  /** The environment variable that overrides `defaultRule` (`<count>/<window>`). */
  env: `RATE_LIMIT_${string}`;
  defaultRule: string;
  /** What one count is, for people (README, docs/security.md, .env.example). */
  counts: string;
};

/**
 * The IP of every request whose trusted header is missing or malformed: they share one bucket, so
 * a broken proxy header narrows the IP limits to one for everyone instead of switching them off.
 */
export const UNKNOWN_IP = 'unknown';

const GMAIL_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

/**
 * The limiter bucket of an address, never the address that is emailed or signed in: lower-cased,
 * `+tag` dropped (u+1@x.com and u@x.com share one), and for Gmail the dots of the local part
 * dropped and googlemail.com read as gmail.com (Gmail delivers f.o.o@googlemail.com to foo@gmail.com).
 */
export function emailBucket(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  let local = address.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus); // `+only@` keeps its local part
  if (!GMAIL_DOMAINS.has(domain)) return `${local}@${domain}`;
  return `${local.replaceAll('.', '') || local}@gmail.com`;
}

/** The IP part of a bucket: IPv4 as is, IPv6 by /64, the shared unknown IP as itself. */
const ipBucket = (ip: string) => (ip === UNKNOWN_IP ? UNKNOWN_IP : ipRateLimitKey(ip));

const TABLE = {
  // Caps what any header configuration, or none, can make the app send (no open mailer).
  global: {
    prefix: 'rl:global',
    bucket: () => 'deployment',
    env: 'RATE_LIMIT_GLOBAL',
    defaultRule: '200/1h',
    counts: 'sign-in emails the deployment (this STORE_KEY_PREFIX) sends, from every address and IP',
  },
  // With the ceiling below: an attacker at one IP fills only its own (address, IP) bucket.
  emailIp: {
    prefix: 'rl:email-ip',
    bucket: ({ email, ip }) => `${emailBucket(email)} ${ipBucket(ip)}`,
    env: 'RATE_LIMIT_EMAIL',
    defaultRule: '3/15m',
    counts: 'sign-in emails to one address asked for from one IP (one shared "unknown" IP without one)',
  },
  // Above what one IP can pass through emailIp (3/15m is 12 an hour), so one IP cannot fill it.
  emailCeiling: {
    prefix: 'rl:email',
    bucket: ({ email }) => emailBucket(email),
    env: 'RATE_LIMIT_EMAIL_CEILING',
    defaultRule: '20/1h',
    counts: 'sign-in emails to one address, from all IPs together',
  },
  ip: {
    prefix: 'rl:ip',
    bucket: ({ ip }) => ipBucket(ip),
    env: 'RATE_LIMIT_IP',
    defaultRule: '10/15m',
    counts: 'sign-in emails asked for from one IP (IPv6: one /64), to any address',
  },
  callbackIp: {
    prefix: 'rl:callback-ip',
    bucket: ({ ip }) => ipBucket(ip),
    env: 'RATE_LIMIT_CALLBACK_IP',
    defaultRule: '20/10m',
    counts: 'failed callbacks and failed typed codes from one IP (a sign-in hands its count back)',
  },
  // Counted before the code is checked, right or wrong: a 6-digit code is guessable.
  verifyEmail: {
    prefix: 'rl:verify-email',
    bucket: ({ email }) => emailBucket(email),
    env: 'RATE_LIMIT_VERIFY_EMAIL',
    defaultRule: '10/15m',
    counts: 'typed codes for one address, right or wrong',
  },
} satisfies Record<string, Policy>;

/** The limits this app enforces; each has a rule in getEnv().rateLimit.rules. */
export type PolicyName = keyof typeof TABLE;

export const POLICIES: Readonly<Record<PolicyName, Policy>> = TABLE;

export const POLICY_NAMES = Object.keys(POLICIES) as PolicyName[];
