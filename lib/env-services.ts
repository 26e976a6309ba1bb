import { ConfigError } from './config-error.ts';

/** Where the WorkOS SDK sends requests, with what credentials, and how long a request may wait. */
export type WorkOSSettings = {
  apiKey: string;
  clientId: string;
  apiHostname: string;
  apiPort?: number;
  apiHttps: boolean;
  /** Total time one request may spend on WorkOS: every call, retry and Retry-After wait. */
  budgetMs: number;
};

export type StoreSettings = { kind: 'memory' } | { kind: 'upstash'; url: string; token: string };

/** The already-validated variables the resolvers read. */
export type ServiceVariables = {
  WORKOS_API_KEY?: string;
  WORKOS_CLIENT_ID?: string;
  WORKOS_API_HOSTNAME?: string;
  WORKOS_API_PORT?: number;
  WORKOS_API_HTTPS?: boolean;
  WORKOS_BUDGET_MS: number;
  UPSTASH_REDIS_REST_URL?: string;
  UPSTASH_REDIS_REST_TOKEN?: string;
  KV_REST_API_URL?: string;
  KV_REST_API_TOKEN?: string;
};

/** WORKOS_BUDGET_MS: its default, and the most a deployment may set (the routes' maxDuration fit it). */
export const WORKOS_BUDGET_DEFAULT_MS = 6_000;
export const WORKOS_BUDGET_MAX_MS = 10_000;

const EMULATOR = { apiKey: 'sk_test_local', clientId: 'client_local', hostname: '127.0.0.1', port: 4010 };

/** Host names that mean "this machine". */
export const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** WorkOS settings: the embedded emulator's when nothing is set outside production. */
export function resolveWorkos(
  raw: ServiceVariables,
  production: boolean,
  allowLocal: boolean,
): WorkOSSettings {
  const apiKey = raw.WORKOS_API_KEY ?? (production ? undefined : EMULATOR.apiKey);
  const clientId = raw.WORKOS_CLIENT_ID ?? (production ? undefined : EMULATOR.clientId);
  const problems: string[] = [];
  if (!apiKey?.startsWith('sk_')) problems.push('WORKOS_API_KEY is required and must start with sk_.');
  if (!clientId?.startsWith('client_'))
    problems.push('WORKOS_CLIENT_ID is required and must start with client_.');
  if (!apiKey || !clientId || problems.length > 0) throw new ConfigError(problems);
  const usesDefaults = !raw.WORKOS_API_KEY;
  const apiHostname = raw.WORKOS_API_HOSTNAME ?? (usesDefaults ? EMULATOR.hostname : 'api.workos.com');
  const apiPort =
    raw.WORKOS_API_PORT ?? (usesDefaults && !raw.WORKOS_API_HOSTNAME ? EMULATOR.port : undefined);
  const apiHttps = raw.WORKOS_API_HTTPS ?? !LOCAL_HOSTS.has(apiHostname);
  if (production && !allowLocal && (LOCAL_HOSTS.has(apiHostname) || !apiHttps))
    throw new ConfigError('WORKOS_API_HOSTNAME points at a local emulator; refused in production.');
  return { apiKey, clientId, apiHostname, apiPort, apiHttps, budgetMs: raw.WORKOS_BUDGET_MS };
}

/** Upstash REST settings (UPSTASH_* or Vercel's KV_REST_API_* names), or the memory store locally. */
export function resolveStore(raw: ServiceVariables, production: boolean, allowLocal: boolean): StoreSettings {
  // UPSTASH_* wins; Vercel's Upstash integration names (KV_REST_API_*) are the fallback pair.
  const upstash = raw.UPSTASH_REDIS_REST_URL || raw.UPSTASH_REDIS_REST_TOKEN;
  const [urlName, tokenName] = upstash
    ? ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']
    : ['KV_REST_API_URL', 'KV_REST_API_TOKEN'];
  const url = upstash ? raw.UPSTASH_REDIS_REST_URL : raw.KV_REST_API_URL;
  const token = upstash ? raw.UPSTASH_REDIS_REST_TOKEN : raw.KV_REST_API_TOKEN;
  if (url && token) return { kind: 'upstash', url, token };
  if (url || token) throw new ConfigError(`${urlName} and ${tokenName} must be set together.`);
  if (production && !allowLocal)
    throw new ConfigError(
      'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN (or KV_REST_API_URL and KV_REST_API_TOKEN) are required in production: the memory store does not hold across instances.',
    );
  return { kind: 'memory' };
}
