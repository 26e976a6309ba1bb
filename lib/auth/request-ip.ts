import { getEnv } from '../env.ts';
import { clientIp } from './client-ip.ts';

/**
 * The client IP for rate limits and logs, from the trusted proxy header only (CLIENT_IP_HEADER;
 * x-real-ip on Vercel). Null when there is none: anything else a client sends can be forged, and a
 * fallback key would put every caller into one bucket, so the per-IP limit then does not apply.
 */
export function requestIp(headers: Headers): string | null {
  return clientIp(headers, getEnv().clientIpHeader) ?? null;
}
