// The client IP comes only from a header that a trusted proxy sets (CLIENT_IP_HEADER; on Vercel
// `x-real-ip`). Next 15 removed NextRequest.ip, and anything else a client can send is a lie
// waiting to happen: a rate-limit key built from it would be either spoofable or shared by everyone.

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6_CHARS = /^[0-9a-fA-F:.]{2,45}$/;
// `1.2.3.4:5678` and `[2001:db8::1]:5678` (or bracketed without a port): what some proxies send.
const IPV4_PORT = /^([\d.]{7,15}):\d{1,5}$/;
const BRACKETED = /^\[([^\]]{2,45})\](?::\d{1,5})?$/;

/** Why a configured header gave no IP: absent or empty, or not exactly one address literal. */
export type IpProblem = 'missing' | 'malformed';

/**
 * What the trusted header says: an IP, no header configured (`unconfigured`: the IP is simply not
 * known), or a configured header that is missing or malformed on this request (a proxy problem).
 */
export type IpReading =
  { ip: string; problem?: undefined } | { ip: null; problem: 'unconfigured' | IpProblem; value?: string };

/**
 * Reads the client IP from the trusted header. For `x-forwarded-for` it takes the right-most entry:
 * the one the trusted proxy appended itself (entries to its left were sent by the client). That is
 * right for exactly one proxy hop; behind several, configure the header the outermost proxy sets.
 * A port is dropped; anything else that is not one IPv4/IPv6 literal (`unknown`, `010.0.0.1`,
 * whose leading zero reads as octal to some parsers, a list) is malformed, never guessed at.
 */
export function readClientIp(headers: Headers, trustedHeader?: string): IpReading {
  if (!trustedHeader) return { ip: null, problem: 'unconfigured' };
  const raw = headers.get(trustedHeader);
  if (raw === null || raw.trim() === '') return { ip: null, problem: 'missing' };
  const entry = trustedHeader.toLowerCase() === 'x-forwarded-for' ? raw.split(',').at(-1) : raw;
  const value = entry?.trim() ?? '';
  const ip = normalizeIp(withoutPort(value));
  return ip === null ? { ip: null, problem: 'malformed', value } : { ip };
}

/** The client IP from the trusted header, normalized, or null (see readClientIp). */
export function clientIp(headers: Headers, trustedHeader?: string): string | null {
  return readClientIp(headers, trustedHeader).ip;
}

/** `1.2.3.4:80` → `1.2.3.4`, `[::1]:80` and `[::1]` → `::1`; anything else as it is. */
function withoutPort(value: string): string {
  const v4 = IPV4_PORT.exec(value);
  if (v4) return v4[1]!;
  const v6 = BRACKETED.exec(value);
  // Brackets only ever wrap IPv6: `[1.2.3.4]` stays as it is, and malformed.
  return v6?.[1]?.includes(':') ? v6[1] : value;
}

/** An IPv4 literal as is; IPv6 in its canonical lower-case form, IPv4-mapped IPv6 as IPv4; else null. */
export function normalizeIp(value: string): string | null {
  if (IPV4.test(value)) return value;
  // The character check runs first: the URL parser below must only ever see an address.
  if (!value.includes(':') || !IPV6_CHARS.test(value)) return null;
  let host: string;
  try {
    // WHATWG URL parsing validates and canonicalizes IPv6 (RFC 5952) and runs on the Edge runtime.
    host = new URL(`http://[${value}]/`).hostname;
  } catch {
    return null;
  }
  const ipv6 = host.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(ipv6);
  if (!mapped) return ipv6;
  const high = parseInt(mapped[1]!, 16);
  const low = parseInt(mapped[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/**
 * The rate-limit bucket of a normalized IP: IPv4 as is, IPv6 by its /64 prefix (one subscriber
 * usually holds a whole /64, so per-address buckets would be free to rotate through).
 */
export function ipRateLimitKey(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
