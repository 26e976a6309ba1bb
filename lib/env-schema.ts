import { z } from 'zod';
import { WORKOS_BUDGET_DEFAULT_MS, WORKOS_BUDGET_MAX_MS } from './env-services.ts';

// The variables lib/env.ts reads, as one zod schema (each documented in .env.example), but for
// the rate-limit rules, whose variables the policy table names.

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

/** Every variable, validated and defaulted. */
export const schema = z.object({
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
  WORKOS_BUDGET_MS: optional.pipe(int(1_000, WORKOS_BUDGET_MAX_MS).default(WORKOS_BUDGET_DEFAULT_MS)),
  UPSTASH_REDIS_REST_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  UPSTASH_REDIS_REST_TOKEN: optional,
  // The names Vercel's Upstash (KV) integration sets.
  KV_REST_API_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  KV_REST_API_TOKEN: optional,
  STORE_KEY_PREFIX: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9:_-]{1,40}$/, 'letters, digits, ":", "_" or "-", at most 40')
      .optional(),
  ),
  EMAIL_DELIVERY: optional.pipe(z.enum(['workos', 'smtp']).default('workos')),
  SMTP_URL: optional.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  EMAIL_FROM: optional.pipe(z.string().default('Sign-in <no-reply@localhost>')),
  // Idle timeouts: a session unused this long is over (its absolute lifetime still applies).
  SESSION_IDLE_TIMEOUT_SECONDS: optional.pipe(int(2, 30 * 86_400).default(2 * 3600)),
  SESSION_REMEMBER_IDLE_TIMEOUT_SECONDS: optional.pipe(int(2, 30 * 86_400).default(7 * 86_400)),
  MAGIC_LINK_TTL_SECONDS: optional.pipe(int(1, 600).default(600)),
  SIGN_IN_METHOD: optional.pipe(z.enum(['link', 'code', 'link+code']).default('link')),
  // The limits' own variables (RATE_LIMIT_EMAIL, RATE_LIMIT_GLOBAL, …) are named by the policy
  // table, lib/auth/rate-limit-policies.ts, and read by lib/env-rate-limit.ts.
  RATE_LIMIT_TIMEOUT_MS: optional.pipe(int(50, 10_000).default(1000)),
  CLIENT_IP_HEADER: optional.pipe(
    z
      .string()
      .regex(/^[A-Za-z0-9-]+$/)
      .optional(),
  ),
  ALLOW_LOCAL_SERVICES: optional.pipe(bool.default(false)),
});

/** The parsed variables. */
export type Raw = z.infer<typeof schema>;
