// Stand-in for the dashboard's "Redirect URIs" list of a WorkOS environment.

const LOCAL_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether `uri` may receive codes. With no configured list, any http(s) URL on a loopback host may. */
export function isAllowedRedirectUri(uri: string, configured: string[]): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (configured.length === 0) {
    return LOCAL_HOSTNAMES.has(url.hostname) || url.hostname.endsWith('.localhost');
  }
  return configured.some((allowed) =>
    allowed.endsWith('*') ? uri.startsWith(allowed.slice(0, -1)) : uri === allowed,
  );
}

/** Default redirect URI when no list is configured: the app's callback on `npm run dev`'s port. */
export const LOCAL_DEFAULT_REDIRECT_URI = 'http://localhost:3000/api/auth/callback';

/**
 * The environment's default redirect URI (the dashboard's "default"): `explicit` when given (it
 * must be allowed), else the first configured entry that is not a wildcard, else, with no list
 * configured, LOCAL_DEFAULT_REDIRECT_URI. Undefined when the list has only wildcards.
 */
export function resolveDefaultRedirectUri(configured: string[], explicit?: string): string | undefined {
  if (explicit !== undefined) {
    if (!isAllowedRedirectUri(explicit, configured)) {
      throw new Error(`The default redirect URI '${explicit}' is not an allowed redirect URI`);
    }
    return explicit;
  }
  if (configured.length === 0) return LOCAL_DEFAULT_REDIRECT_URI;
  const first = configured[0];
  return first && !first.endsWith('*') ? first : undefined;
}

/** `uri` with query parameters added (kept in the given order, after any the URI already has). */
export function withQuery(uri: string, params: Record<string, string | undefined>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, value);
  }
  return url.toString();
}
