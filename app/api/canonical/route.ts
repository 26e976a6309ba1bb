import { getEnv } from '@/lib/env';
import { NO_STORE } from '@/lib/http/responses';

// /api/canonical (any method, path in `x-canonical-path`): the 308 to the same path on APP_URL for a page asked
// for on another host (middleware.ts rewrites such requests here). It is a route handler, not a
// middleware redirect, because Next turns a middleware redirect to "its own" origin into a
// relative Location, and under `next start` that origin is localhost whatever Host said, so the
// browser would stay on the wrong host. It only ever points at APP_URL.
function redirect(request: Request): Response {
  const to = request.headers.get('x-canonical-path') ?? '/';
  const target = new URL(getEnv().appUrl);
  // Assigned, never parsed relative to APP_URL: `//evil.example/x` stays a path on APP_URL.
  const [pathname = '/', ...query] = to.startsWith('/') ? to.split('?') : ['/'];
  target.pathname = pathname;
  target.search = query.join('?');
  return new Response(null, { status: 308, headers: { Location: target.href, ...NO_STORE } });
}

export { redirect as GET, redirect as HEAD, redirect as POST, redirect as PUT };
export { redirect as PATCH, redirect as DELETE, redirect as OPTIONS };
