import { z } from 'zod';
import { ConfigError } from './config-error.ts';
import { parsePasswords } from './env-passwords.ts';
import { parseRateLimit, type RateLimitRule } from './env-rate-limit.ts';

export { ConfigError };

/** Runtime configuration, parsed once from `process.env` (the only module that reads it). */
export type Env = {
  production: boolean;
  /** Public origin (no trailing slash); redirect URIs and origin checks are built from it. */
  appUrl: string;
  /** iron-session passwords by id; the highest id seals, any listed id unseals. */
  sessionPasswords: Record<string, string>;
  workos: { apiKey: string; clientId: string; apiHostname: string; apiPort?: number; apiHttps: boolean };
  store: { kind: 'memory' } | { kind: 'upstash'; url: string; token: string };
  email: { delivery: 'workos' | 'smtp'; smtpUrl?: string; from: string };
  magicLinkTtlSeconds: number;
  rateLimit: { email: RateLimitRule; ip: RateLimitRule; callbackIp: RateLimitRule; timeoutMs: number };
  /** Request header that carries the client IP, set by a trusted proxy (never guessed). */
  clientIpHeader?: string;
};

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  APP_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  VERCEL: optional,
  VERCEL_ENV: optional,
  VERCEL_URL: optional,
  VERCEL_BRANCH_URL: optional,
  VERCEL_PROJECT_PRODUCTION_URL: optional,
  SESSION_PASSWORD: optional,
  WORKOS_API_KEY: optional,
  WORKOS_CLIENT_ID: optional,
  WORKOS_API_HOSTNAME: optional,
  WORKOS_API_PORT: optional.pipe(int(1, 65535).optional()),
  WORKOS_API_HTTPS: optional.pipe(bool.optional()),
  UPSTASH_REDIS_REST_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  UPSTASH_REDIS_REST_TOKEN: optional,
  EMAIL_DELIVERY: optional.pipe(z.enum(['workos', 'smtp']).default('workos')),
  SMTP_URL: optional.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  EMAIL_FROM: optional.pipe(z.string().default('Sign-in <no-reply@localhost>')),
  MAGIC_LINK_TTL_SECONDS: optional.pipe(int(1, 600).default(600)),
  RATE_LIMIT_EMAIL: optional.pipe(z.string().default('3/15m')),
  RATE_LIMIT_IP: optional.pipe(z.string().default('10/15m')),
  RATE_LIMIT_CALLBACK_IP: optional.pipe(z.string().default('20/10m')),
  RATE_LIMIT_TIMEOUT_MS: optional.pipe(int(50, 10_000).default(1000)),
  CLIENT_IP_HEADER: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .optional(),
  ),
  ALLOW_LOCAL_SERVICES: optional.pipe(bool.default(false)),
});

type Raw = z.infer<typeof schema>;
type Source = Record<string, string | undefined>;

const EMULATOR = { apiKey: 'sk_test_local', clientId: 'client_local', hostname: '127.0.0.1', port: 4010 };
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

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

function resolveWorkos(raw: Raw, production: boolean, allowLocal: boolean): Env['workos'] {
  const apiKey = raw.WORKOS_API_KEY ?? (production ? undefined : EMULATOR.apiKey);
  const clientId = raw.WORKOS_CLIENT_ID ?? (production ? undefined : EMULATOR.clientId);
  if (!apiKey?.startsWith('sk_'))
    throw new ConfigError('WORKOS_API_KEY is required and must start with sk_.');
  if (!clientId?.startsWith('client_'))
    throw new ConfigError('WORKOS_CLIENT_ID is required and must start with client_.');
  const usesDefaults = !raw.WORKOS_API_KEY;
  const apiHostname = raw.WORKOS_API_HOSTNAME ?? (usesDefaults ? EMULATOR.hostname : 'api.workos.com');
  const apiPort =
    raw.WORKOS_API_PORT ?? (usesDefaults && !raw.WORKOS_API_HOSTNAME ? EMULATOR.port : undefined);
  const apiHttps = raw.WORKOS_API_HTTPS ?? !LOCAL_HOSTS.has(apiHostname);
  if (production && !allowLocal && (LOCAL_HOSTS.has(apiHostname) || !apiHttps))
    throw new ConfigError('WORKOS_API_HOSTNAME points at a local emulator; refused in production.');
  return { apiKey, clientId, apiHostname, apiPort, apiHttps };
}

function resolveStore(raw: Raw, production: boolean, allowLocal: boolean): Env['store'] {
  const url = raw.UPSTASH_REDIS_REST_URL;
  const token = raw.UPSTASH_REDIS_REST_TOKEN;
  if (url && token) return { kind: 'upstash', url, token };
  if (url || token)
    throw new ConfigError('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together.');
  if (production && !allowLocal)
    throw new ConfigError(
      'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are required in production (the memory store does not hold across instances).',
    );
  return { kind: 'memory' };
}

function rule(name: string, value: string): RateLimitRule {
  const parsed = parseRateLimit(value);
  if (!parsed) throw new ConfigError(`${name} must look like <count>/<window>, e.g. 3/15m (got "${value}").`);
  return parsed;
}

/** Parses and checks configuration; throws ConfigError naming the offending variable. */
export function loadEnv(source: Source = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`${String(issue?.path[0] ?? 'configuration')} is invalid: ${issue?.message ?? ''}`);
  }
  const raw = result.data;
  const production = raw.NODE_ENV === 'production';
  // Local stand-ins are allowed in a production build only when asked for, and never on Vercel.
  const allowLocal = raw.ALLOW_LOCAL_SERVICES && !raw.VERCEL;
  const appUrl = resolveAppUrl(raw);
  const appHost = new URL(appUrl).hostname;
  if (production && appUrl.startsWith('http:') && !LOCAL_HOSTS.has(appHost) && appHost !== '[::1]')
    throw new ConfigError('APP_URL must be https in production (http is only for localhost).');
  if (raw.EMAIL_DELIVERY === 'smtp' && !raw.SMTP_URL)
    throw new ConfigError('SMTP_URL is required when EMAIL_DELIVERY=smtp.');
  return {
    production,
    appUrl,
    sessionPasswords: parsePasswords(raw.SESSION_PASSWORD, production),
    workos: resolveWorkos(raw, production, allowLocal),
    store: resolveStore(raw, production, allowLocal),
    email: { delivery: raw.EMAIL_DELIVERY, smtpUrl: raw.SMTP_URL, from: raw.EMAIL_FROM },
    magicLinkTtlSeconds: raw.MAGIC_LINK_TTL_SECONDS,
    rateLimit: {
      email: rule('RATE_LIMIT_EMAIL', raw.RATE_LIMIT_EMAIL),
      ip: rule('RATE_LIMIT_IP', raw.RATE_LIMIT_IP),
      callbackIp: rule('RATE_LIMIT_CALLBACK_IP', raw.RATE_LIMIT_CALLBACK_IP),
      timeoutMs: raw.RATE_LIMIT_TIMEOUT_MS,
    },
    clientIpHeader: raw.CLIENT_IP_HEADER?.toLowerCase() ?? (raw.VERCEL ? 'x-real-ip' : undefined),
  };
}

let cached: Env | undefined;

/** The process-wide configuration (parsed on first use). */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
