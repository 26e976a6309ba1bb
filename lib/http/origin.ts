/**
 * Same-origin gate for state-changing requests (ASVS 3.5.1). `Origin` must equal the configured
 * origin exactly; a missing or `null` Origin is refused, and so is any `Sec-Fetch-Site` other than
 * same-origin. The request's own Host is never consulted.
 */
export function isSameOrigin(headers: Headers, appUrl: string): boolean {
  const fetchSite = headers.get('sec-fetch-site');
  if (fetchSite !== null && fetchSite !== 'same-origin') return false;
  const origin = headers.get('origin');
  return origin !== null && origin === appUrl;
}
