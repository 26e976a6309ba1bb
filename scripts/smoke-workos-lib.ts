// Helpers of scripts/smoke-workos.ts: configuration, redaction, opening links. Prints nothing.
import type { ResponseTap } from '../dev/workos-emulator/response-tap.ts';

/** What the smoke run needs, from the environment (see scripts/README.md). */
export interface SmokeConfig {
  apiKey: string;
  clientId: string;
  email: string;
  redirectUri: string;
  organizationId: string | undefined;
  foreignEmail: string;
  hostname: string;
  port: number | undefined;
  https: boolean;
  rateLimitMax: number;
}

/** Required variables and what each is for (printed when one is missing). */
export const REQUIRED = {
  WORKOS_API_KEY: 'API key of a WorkOS staging environment (sk_test_…)',
  WORKOS_CLIENT_ID: 'client id of the same environment (client_…)',
  SMOKE_EMAIL: 'an address you own; no email is ever sent, links are opened by the script',
  SMOKE_REDIRECT_URI: "one of the environment's configured redirect URIs",
} as const;

/** Optional variables (printed with the required ones). */
export const OPTIONAL = {
  SMOKE_ORGANIZATION_ID: 'an organization with an active Magic Link connection (org_…)',
  SMOKE_FOREIGN_EMAIL: "an address outside that organization's domains (default smoke-foreign@example.net)",
  SMOKE_RATE_LIMIT_MAX: 'createSession calls the --rate-limit probe makes at most (default 100)',
  WORKOS_API_HOSTNAME: 'API host (default api.workos.com); with WORKOS_API_PORT and WORKOS_API_HTTPS=false',
} as const;

type Env = Record<string, string | undefined>;

/** The configuration, or the names of the missing required variables. */
export function readConfig(env: Env): { ok: true; config: SmokeConfig } | { ok: false; missing: string[] } {
  const missing = Object.keys(REQUIRED).filter((name) => !env[name]?.trim());
  if (missing.length > 0) return { ok: false, missing };
  const port = env.WORKOS_API_PORT ? Number(env.WORKOS_API_PORT) : undefined;
  return {
    ok: true,
    config: {
      apiKey: env.WORKOS_API_KEY ?? '',
      clientId: env.WORKOS_CLIENT_ID ?? '',
      email: env.SMOKE_EMAIL ?? '',
      redirectUri: env.SMOKE_REDIRECT_URI ?? '',
      organizationId: env.SMOKE_ORGANIZATION_ID || undefined,
      foreignEmail: env.SMOKE_FOREIGN_EMAIL || 'smoke-foreign@example.net',
      hostname: env.WORKOS_API_HOSTNAME || 'api.workos.com',
      port: Number.isInteger(port) ? port : undefined,
      https: env.WORKOS_API_HTTPS !== 'false',
      rateLimitMax: Math.max(1, Number(env.SMOKE_RATE_LIMIT_MAX) || 100),
    },
  };
}

/**
 * URLs and long opaque runs (codes, tokens, ids inside messages: 16+ characters with a digit or
 * a capital) replaced, so a line can be shared; snake_case error codes stay readable.
 */
export function redact(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/[A-Za-z0-9_-]{16,}/g, (run) => (/[0-9A-Z]/.test(run) ? '<redacted>' : run));
}

/** `j***@example.com`: the domain is what the findings are about. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 1 ? '***' : `${email[0]}***${email.slice(at)}`;
}

/** True for an SDK error that carries an HTTP status (an answer), false for network errors and bugs. */
export function isApiAnswer(error: unknown): boolean {
  return error instanceof Error && typeof (error as { status?: unknown }).status === 'number';
}

/** `Name 422: message` of an SDK error (message redacted). */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return redact(String(error));
  const status = (error as { status?: unknown }).status;
  return `${error.name}${typeof status === 'number' ? ` ${status}` : ''}: ${redact(error.message)}`;
}

/** What opening a link answered; `code` stays in memory for the exchange and is never printed. */
export interface LinkAnswer {
  status: number;
  /** `redirect URI`, `host <name>` (somewhere else) or `none`. */
  target: string;
  keys: string[];
  error: string | undefined;
  errorDescription: string | undefined;
  code: string | undefined;
}

/** Opens `link` with `redirect: 'manual'` through the tap (GET, or HEAD for a scanner's look). */
export async function openLink(
  tap: ResponseTap,
  link: string,
  redirectUri: string,
  method = 'GET',
): Promise<LinkAnswer> {
  const res = await tap.fetch(link, { method, redirect: 'manual' });
  await res.arrayBuffer();
  const raw = res.headers.get('location');
  const location = raw ? new URL(raw, link) : undefined;
  const expected = new URL(redirectUri);
  let target = 'none';
  if (location) {
    const same = location.origin === expected.origin && location.pathname === expected.pathname;
    target = same ? 'redirect URI' : `host ${location.host}`;
  }
  const params = location?.searchParams;
  return {
    status: res.status,
    target,
    keys: params ? [...new Set(params.keys())] : [],
    error: params?.get('error') ?? undefined,
    errorDescription: params?.get('error_description') ?? undefined,
    code: params?.get('code') ?? undefined,
  };
}

/** `302 to the redirect URI, query keys code,state` plus the error values, if any. */
export function describeLink(answer: LinkAnswer): string {
  const keys = answer.keys.length > 0 ? answer.keys.join(',') : '(none)';
  let line = `${answer.status}, Location: ${answer.target}, query keys ${keys}`;
  if (answer.error !== undefined) line += `; error=${redact(answer.error)}`;
  if (answer.errorDescription !== undefined)
    line += `; error_description="${redact(answer.errorDescription)}"`;
  return line;
}
