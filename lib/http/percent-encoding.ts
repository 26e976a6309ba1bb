/**
 * True when some segment of a raw (still encoded) URL path cannot be percent-decoded: a `%` not
 * followed by two hex digits (`%`, `%zz`), or escapes that are not valid UTF-8 (`%ff`, `%c3%28`,
 * overlong `%c0%af`). Next decodes dynamic segments (`[orgId]`) with `decodeURIComponent` before a
 * route handler runs and answers such a path with a bare 500, so the middleware refuses it first.
 */
export function hasMalformedPercentEncoding(rawPath: string): boolean {
  if (!rawPath.includes('%')) return false;
  for (const segment of rawPath.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return true;
    }
  }
  return false;
}

/** The request target's path exactly as sent (the WHATWG URL parser keeps escapes as written). */
export function rawPathOf(url: string): string {
  return new URL(url).pathname;
}
