import { getEnv } from '../env.ts';
import { logEventThrottled } from '../log.ts';
import { readClientIp } from './client-ip.ts';

/** At most this much of an unusable header value goes into the log, and only these characters. */
const SAMPLE = 45;

/**
 * The client IP for rate limits and logs, from the trusted proxy header only (CLIENT_IP_HEADER;
 * x-real-ip on Vercel). Null when there is none: anything else a client sends can be forged.
 * Without a configured header the per-IP limits do not apply; with one, a request whose value is
 * missing or malformed is logged (`rate_limit.ip_unusable`, at most once a minute per reason) and
 * limited as one shared unknown IP (lib/auth/rate-limit-engine.ts), never let through unlimited.
 */
export function requestIp(headers: Headers): string | null {
  const header = getEnv().clientIpHeader;
  const reading = readClientIp(headers, header);
  if (reading.ip === null && reading.problem !== 'unconfigured')
    logEventThrottled('rate_limit.ip_unusable', reading.problem, {
      header,
      reason: reading.problem,
      // What the proxy sent, enough to recognise `unknown` or `ip:port`, never a whole header.
      value: reading.value?.replace(/[^0-9A-Za-z.:[\]_-]/g, '?').slice(0, SAMPLE),
    });
  return reading.ip;
}
