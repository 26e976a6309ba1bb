/** The longest wait the app passes on to a person or client, whatever WorkOS asked for. */
export const MAX_RETRY_AFTER_SECONDS = 300;

/**
 * A `Retry-After` value (delay-seconds or an HTTP date) as whole seconds from `now`, or null when
 * it is missing or unreadable. Not clamped: see clampRetryAfter.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // Only real HTTP dates (IMF-fixdate and its legacy forms name a weekday or a GMT zone).
  if (!/GMT$|^[A-Za-z]{3},/.test(text)) return null;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Seconds to tell a client to wait: at least 1, at most MAX_RETRY_AFTER_SECONDS, 60 if unknown. */
export function clampRetryAfter(seconds: number | null | undefined): number {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return 60;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds)));
}

/**
 * `fetch` for the WorkOS SDK: an HTTP-date `Retry-After` is rewritten as delay-seconds, because
 * the SDK reads the header with `Number()` and would turn a date into NaN.
 */
export async function normalizeRetryAfterFetch(input: RequestInfo | URL, init?: RequestInit) {
  const response = await fetch(input, init);
  const raw = response.headers.get('retry-after');
  if (raw === null || /^\s*\d+\s*$/.test(raw)) return response;
  const headers = new Headers(response.headers);
  const seconds = parseRetryAfter(raw);
  if (seconds === null) headers.delete('retry-after');
  else headers.set('retry-after', String(seconds));
  const { status, statusText } = response;
  return new Response(response.body, { status, statusText, headers });
}
