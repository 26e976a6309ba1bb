// The security corpora in test/data (docs/security.md §5-6) and the oracles the HTTP suites derive from them.
// The files are samples of larger held-back sets: nothing here depends on particular case ids.
import { readFileSync } from 'node:fs';

export type BodyCase = {
  id: string;
  description: string;
  method: string;
  path: string;
  /** Lower-case names; null = do not send. May hold {{APP_ORIGIN}} and {{i}}. */
  headers: Record<string, string | null>;
  transfer?: 'content-length' | 'chunked';
  body?: string | null;
  body_base64?: string;
  body_generator?: [string, number][];
  expect: { status?: number; status_any?: number[] };
  /** 'none', 'one_email' or 'one_email_if_202' (held-back sets may name others). */
  side_effects?: string;
  invariants?: string[];
  refs?: string[];
};

export type EmailCase = {
  id: string;
  input: unknown;
  category: string;
  expected: 'valid' | 'invalid';
  normalized?: string;
  reason?: string;
  note?: string;
};

export type RedirectCase = {
  id: string;
  input: unknown;
  category: string;
  expected: 'accept' | 'reject';
  normalized?: string;
  reason?: string;
  note?: string;
};

function load<T>(name: string): T[] {
  const data = JSON.parse(readFileSync(new URL(`../test/data/${name}`, import.meta.url), 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${name}: expected a top-level JSON array`);
  return data as T[];
}

export const bodyCases = (): BodyCase[] => load<BodyCase>('sample-bodies.json');
export const emailCases = (): EmailCase[] => load<EmailCase>('sample-emails.json');
export const redirectCases = (): RedirectCase[] => load<RedirectCase>('sample-redirects.json');

/** A short label for a corpus input in a test title (control characters made visible). */
export function show(input: unknown, max = 60): string {
  const text =
    typeof input === 'string' ? JSON.stringify(input) : `(${typeof input}) ${JSON.stringify(input)}`;
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

// ---------------------------------------------------------------------------------------------
// Addresses: every address in a body case is rewritten to a fresh one (per case), so success cases
// never share the 3-per-15-minutes bucket and "no email arrived" is checked on an address nobody
// else uses. The rewrite keeps the domain, the case of the local part and the surrounding syntax.

const ADDRESS =
  /(?<![A-Za-z0-9._%+'-])([A-Za-z0-9._%+'-]{1,64})(@|%40)([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})+)/g;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type Rewritten<T> = { value: T; addresses: string[] };

/** Replaces every address in `text` with a fresh one carrying `tag`; returns the new (lower-case) addresses. */
export function rewriteAddresses(text: string, tag: string): Rewritten<string> {
  const addresses: string[] = [];
  const value = text.replace(ADDRESS, (whole, local: string, at: string, domain: string) => {
    // Never push a boundary case (64-octet local part) over the limit: leave it as it is.
    if (local.length + tag.length + 1 > 64 || local.startsWith('.') || local.endsWith('.')) return whole;
    const upper = /[A-Z]/.test(local) && local === local.toUpperCase();
    const fresh = `${local}-${upper ? tag.toUpperCase() : tag}`;
    addresses.push(safeDecode(`${fresh}@${domain}`).toLowerCase());
    return `${fresh}${at}${domain}`;
  });
  return { value, addresses };
}

function charsetOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}

export type PreparedBodyCase = {
  method: string;
  path: string;
  headers: Record<string, string | null>;
  body: Buffer | null;
  transfer: 'content-length' | 'chunked';
  /** Fresh addresses that replaced the corpus ones (lower-case). */
  addresses: string[];
  /** The body as text (UTF-8) when it is small enough to reason about, else null. */
  text: string | null;
};

/** Fills in the placeholders and the fresh addresses of one body case. */
export function prepareBodyCase(
  c: BodyCase,
  appOrigin: string,
  counter: number,
  tag: string,
): PreparedBodyCase {
  const fill = (s: string) => s.replaceAll('{{APP_ORIGIN}}', appOrigin).replaceAll('{{i}}', String(counter));
  const headers: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(c.headers ?? {}))
    headers[name.toLowerCase()] = value === null ? null : fill(value);
  const addresses: string[] = [];
  const rewrite = (s: string) => {
    const result = rewriteAddresses(fill(s), tag);
    addresses.push(...result.addresses);
    return result.value;
  };
  let body: Buffer | null = null;
  if (c.body_generator) {
    // Rewrite each piece before repetition: the 10 MB case stays cheap to build.
    body = Buffer.concat(
      c.body_generator.map(([piece, times]) => Buffer.from(rewrite(piece).repeat(times), 'utf8')),
    );
  } else if (c.body_base64 !== undefined) {
    const raw = Buffer.from(c.body_base64, 'base64');
    const charset = charsetOf(headers['content-type']);
    // Raw bytes: rewrite ASCII addresses in place (latin1 keeps every byte), UTF-16 as UTF-16.
    const encoding: BufferEncoding = charset === 'utf-16le' || charset === 'utf-16' ? 'utf16le' : 'latin1';
    body = Buffer.from(rewrite(raw.toString(encoding)), encoding);
  } else if (typeof c.body === 'string') {
    body = Buffer.from(rewrite(c.body), 'utf8');
  }
  return {
    method: c.method ?? 'POST',
    path: fill(c.path ?? '/api/auth/passwordless'),
    headers,
    body,
    transfer: c.transfer ?? 'content-length',
    addresses: [...new Set(addresses)],
    text: body && body.length <= 64 * 1024 ? body.toString('utf8') : null,
  };
}

/** The media type of a Content-Type the request endpoint treats as the HTML form (urlencoded, UTF-8). */
export function isFormContentType(contentType: string | null | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  const charset = charsetOf(contentType);
  return (
    type === 'application/x-www-form-urlencoded' &&
    (charset === undefined || charset === 'utf-8' || charset === 'utf8')
  );
}

// ---------------------------------------------------------------------------------------------
// returnTo: the reference policy of docs/security.md §5.1, used only as the oracle for values the app
// sees after the query string was decoded once (the raw /login?returnTo= variant). The corpus
// verdicts themselves are used everywhere else.

function levelProblem(s: string, origin: string): string | null {
  if (/[\x00-\x1F\x7F]/.test(s)) return 'control_char';
  if (/[^\x20-\x7E]/.test(s)) return 'non_ascii';
  if (s.includes('\\')) return 'backslash';
  if (!s.startsWith('/')) return 'not_root_relative';
  if (s.startsWith('//')) return 'protocol_relative';
  let u: URL;
  try {
    u = new URL(s, origin);
  } catch {
    return 'unparseable';
  }
  if (u.origin !== origin) return 'cross_origin';
  const out = u.pathname + u.search + u.hash;
  if (out.startsWith('//') || out.startsWith('/\\')) return 'normalizes_to_protocol_relative';
  if (/^\/api(\/|$)/i.test(u.pathname)) return 'api_route';
  return null;
}

/** docs/security.md §5.1 reference `safeReturnTo`: the normalized path, or null when rejected. */
export function referenceSafeReturnTo(raw: unknown, origin = 'https://app.example.com'): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 1024) return null;
  if (/[^\x21-\x7E]/.test(raw)) return null;
  let cur = raw;
  for (let depth = 0; depth < 4; depth++) {
    if (levelProblem(cur, origin)) return null;
    let next: string;
    try {
      next = decodeURIComponent(cur);
    } catch {
      return null;
    }
    if (next === cur) {
      const u = new URL(raw, origin);
      return u.pathname + u.search + u.hash;
    }
    cur = next;
  }
  return null;
}

/** What a redirect case must end up as: the corpus's normalized path, or the default. */
export function expectedReturnTo(c: RedirectCase): string {
  return c.expected === 'accept' ? (c.normalized as string) : '/dashboard';
}

// ---------------------------------------------------------------------------------------------
// Email policy helpers.

/**
 * The per-address rate-limit bucket: lower-case, `+tag` dropped, Gmail's dots and googlemail.com
 * folded (docs/security.md §2.1 step 6; the app's own is emailBucket in lib/auth/rate-limit-policies.ts).
 */
export function limiterKey(address: string): string {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  const domain = lower.slice(at + 1);
  let local = lower.slice(0, at);
  if (local.indexOf('+') > 0) local = local.slice(0, local.indexOf('+'));
  if (domain !== 'gmail.com' && domain !== 'googlemail.com') return `${local}@${domain}`;
  return `${local.replaceAll('.', '') || local}@gmail.com`;
}
