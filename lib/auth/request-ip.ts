import { getEnv } from '../env.ts';
import { clientIp } from './client-ip.ts';

/**
 * The client IP for rate limits and logs, from the trusted proxy header only. Without one (no
 * CLIENT_IP_HEADER, not on Vercel) clients cannot be told apart safely, so they deliberately share
 * one documented bucket rather than trusting spoofable headers.
 */
export function requestIp(headers: Headers): string {
  return clientIp(headers, getEnv().clientIpHeader) ?? 'unattributed';
}
