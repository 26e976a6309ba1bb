// Time wording shared by our own email and the pages, so both say the same thing about one instant.
// Pure and tiny: the client component app/components/local-time.tsx imports it too.

/**
 * "14:05 UTC", or "2026-12-02 14:05 UTC" with the date. Built from the ISO string rather than Intl,
 * so the server's text and the browser's first render match whatever locale data either has.
 */
export function utcText(ms: number, withDate = false): string {
  const iso = new Date(ms).toISOString();
  return `${withDate ? `${iso.slice(0, 10)} ` : ''}${iso.slice(11, 16)} UTC`;
}

/** "10 minutes", "1 minute", "less than a minute" until `until`: never "0 minutes" or "1 minutes". */
export function minutesLeft(until: number, now = Date.now()): string {
  const left = until - now;
  if (left < 60_000) return 'less than a minute';
  const minutes = Math.round(left / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
