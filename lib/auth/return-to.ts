/** Where people land after signing in when no (safe) destination was asked for. */
export const DEFAULT_RETURN_TO = '/dashboard';

const MAX_LENGTH = 1024;
const MAX_DECODE_LAYERS = 4;

// Internal base for parsing only: the result is a path, joined to APP_URL by the caller.
const BASE = 'https://return-to.invalid';

function layerProblem(value: string): boolean {
  if (/[\x00-\x1F\x7F]/.test(value) || /[^\x20-\x7E]/.test(value)) return true;
  if (value.includes('\\') || !value.startsWith('/') || value.startsWith('//')) return true;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return true;
  }
  if (url.origin !== BASE) return true;
  const out = url.pathname + url.search + url.hash;
  // Dot-segment removal can turn `/.//evil.com` into `//evil.com`.
  if (out.startsWith('//') || out.startsWith('/\\')) return true;
  return /^\/api(\/|$)/i.test(url.pathname);
}

/**
 * The same-origin page path to return to, normalized, or null when `raw` is not one
 * (docs/security.md §5.1): printable ASCII, root-relative, no backslashes, no API routes, checked
 * again on every percent-decoded layer so encoded tricks cannot slip through.
 */
export function safeReturnTo(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  if (/[^\x21-\x7E]/.test(raw)) return null;
  let current = raw;
  for (let depth = 0; depth < MAX_DECODE_LAYERS; depth++) {
    if (layerProblem(current)) return null;
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null; // malformed escape
    }
    if (next === current) {
      const url = new URL(raw, BASE);
      return url.pathname + url.search + url.hash;
    }
    current = next;
  }
  return null;
}
