import { ConfigError } from './config-error.ts';
import { parsePasswords } from './env-passwords.ts';
import type { PolicyName } from './auth/rate-limit-policies.ts';
import { parseRateLimitRules, type RateLimitRule } from './env-rate-limit.ts';
import { schema, type Raw } from './env-schema.ts';
import {
  LOCAL_HOSTS,
  resolveStore,
  resolveWorkos,
  type StoreSettings,
  type WorkOSSettings,
} from './env-services.ts';

export { ConfigError };

/** Runtime configuration, parsed once from `process.env` (the only module that reads it). */
export type Env = {
  production: boolean;
  /** Public origin (no trailing slash); redirect URIs and origin checks are built from it. */
  appUrl: string;
  /** iron-session passwords by id; the highest id seals, any listed id unseals. */
  sessionPasswords: Record<string, string>;
  workos: WorkOSSettings;
  store: StoreSettings;
  /**
   * Prefix of every store key: one Upstash database can serve production, previews and local runs
   * without one environment reading another's attempts, revocations or counters.
   */
  storeKeyPrefix: string;
  email: { delivery: 'workos' | 'smtp'; smtpUrl?: string; from: string };
  magicLinkTtlSeconds: number;
  /** Idle timeouts in seconds: a normal session and a "keep me signed in" one. */
  sessionIdle: { normalSeconds: number; rememberSeconds: number };
  /** `link`: WorkOS Magic Link; `code`: WorkOS Magic Auth, a 6-digit code typed on check-email. */
  signInMethod: 'link' | 'code' | 'link+code';
  rateLimit: {
    /** Each policy's numbers, from the variable the policy table names (or its default). */
    rules: Record<PolicyName, RateLimitRule>;
    timeoutMs: number;
  };
  /** Request header that carries the client IP, set by a trusted proxy (never guessed). */
  clientIpHeader?: string;
};

type Source = Record<string, string | undefined>;

function resolveAppUrl(raw: Raw): string {
  if (raw.APP_URL) return new URL(raw.APP_URL).origin;
  if (raw.VERCEL) {
    // Preview deployments get their own origin; production uses the project's stable domain.
    const host =
      raw.VERCEL_ENV === 'production'
        ? (raw.VERCEL_PROJECT_PRODUCTION_URL ?? raw.VERCEL_URL)
        : (raw.VERCEL_BRANCH_URL ?? raw.VERCEL_URL);
    if (host) return new URL(`https://${host}`).origin;
  }
  if (raw.NODE_ENV === 'production') throw new ConfigError('APP_URL is required in production.');
  return `http://localhost:${raw.PORT}`;
}

/** `<app>:<environment>:`, e.g. `ml:preview:`; STORE_KEY_PREFIX replaces the default. */
function resolveKeyPrefix(raw: Raw): string {
  if (raw.STORE_KEY_PREFIX)
    return raw.STORE_KEY_PREFIX.endsWith(':') ? raw.STORE_KEY_PREFIX : `${raw.STORE_KEY_PREFIX}:`;
  const environment = raw.VERCEL ? (raw.VERCEL_ENV ?? 'preview') : raw.NODE_ENV;
  return `ml:${environment}:`;
}

/** Runs one resolver; a ConfigError becomes a listed problem instead of stopping the others. */
function collect<T>(problems: string[], resolve: () => T): T | undefined {
  try {
    return resolve();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

function parseRaw(source: Source, problems: string[]): Raw {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const bad = new Set<string>();
  for (const issue of result.error.issues) {
    const name = String(issue.path[0] ?? 'configuration');
    if (!bad.has(name)) problems.push(`${name} is invalid: ${issue.message}.`);
    bad.add(name);
  }
  // Go on without the invalid values, so the other checks still report what else is wrong.
  const rest = Object.fromEntries(Object.entries(source).filter(([name]) => !bad.has(name)));
  return schema.parse(rest);
}

/**
 * Parses and checks configuration. Throws one ConfigError listing every bad variable, so a build
 * or a start names everything to fix at once.
 */
export function loadEnv(source: Source = process.env): Env {
  // NODE_ENV is written out literally so that the bundler inlines it: an Edge runtime may have no
  // NODE_ENV at run time, and the middleware must never fall into development defaults there.
  const nodeEnv = source === process.env ? process.env.NODE_ENV : source.NODE_ENV;
  const problems: string[] = [];
  const raw = parseRaw({ ...source, NODE_ENV: nodeEnv }, problems);
  const production = raw.NODE_ENV === 'production';
  // Local stand-ins are allowed in a production build only when asked for, and never on Vercel.
  const allowLocal = raw.ALLOW_LOCAL_SERVICES && !raw.VERCEL;
  const appUrl = collect(problems, () => {
    const url = resolveAppUrl(raw);
    const host = new URL(url).hostname;
    if (production && url.startsWith('http:') && !LOCAL_HOSTS.has(host))
      throw new ConfigError('APP_URL must be https in production (http is only for localhost).');
    return url;
  });
  if (raw.SIGN_IN_METHOD === 'link+code' && raw.EMAIL_DELIVERY !== 'smtp')
    problems.push('SIGN_IN_METHOD=link+code needs EMAIL_DELIVERY=smtp (one email of ours carries both).');
  if (raw.EMAIL_DELIVERY === 'smtp' && !raw.SMTP_URL)
    problems.push('SMTP_URL is required when EMAIL_DELIVERY=smtp.');
  const sessionPasswords = collect(problems, () => parsePasswords(raw.SESSION_PASSWORD, production));
  const workos = collect(problems, () => resolveWorkos(raw, production, allowLocal));
  const store = collect(problems, () => resolveStore(raw, production, allowLocal));
  const rules = collect(problems, () => parseRateLimitRules(source));
  if (problems.length > 0 || !appUrl || !sessionPasswords || !workos || !store || !rules)
    throw new ConfigError(problems);
  const rateLimit = { rules, timeoutMs: raw.RATE_LIMIT_TIMEOUT_MS };
  return {
    production,
    appUrl,
    sessionPasswords,
    workos,
    store,
    storeKeyPrefix: resolveKeyPrefix(raw),
    email: { delivery: raw.EMAIL_DELIVERY, smtpUrl: raw.SMTP_URL, from: raw.EMAIL_FROM },
    magicLinkTtlSeconds: raw.MAGIC_LINK_TTL_SECONDS,
    sessionIdle: {
      normalSeconds: raw.SESSION_IDLE_TIMEOUT_SECONDS,
      rememberSeconds: raw.SESSION_REMEMBER_IDLE_TIMEOUT_SECONDS,
    },
    signInMethod: raw.SIGN_IN_METHOD,
    rateLimit,
    clientIpHeader: raw.CLIENT_IP_HEADER?.toLowerCase() ?? (raw.VERCEL ? 'x-real-ip' : undefined),
  };
}

let cached: Env | undefined;

/** The process-wide configuration (parsed on first use). */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
