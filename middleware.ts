import { NextResponse, type NextRequest } from 'next/server';
import { getEnv } from './lib/env.ts';
import { isProtectedPath } from './lib/auth/protected-paths.ts';
import { openSessionCookie } from './lib/auth/session-cookie.ts';
import { cookieName } from './lib/auth/session-config.ts';
import { createNonce, pageCsp } from './lib/http/csp.ts';
import { hasMalformedPercentEncoding, rawPathOf } from './lib/http/percent-encoding.ts';
import { errorResponse } from './lib/http/responses.ts';

// Edge middleware (no `runtime` key: Next 16 runs middleware.ts on the Edge runtime).
// It is a fast first gate, not the security boundary: pages call requireUser() themselves.
// Per request: at most one unseal (none for a cookie this instance has opened before, see
// lib/auth/session-cookie.ts), no network calls.

/** A tampered, expired or foreign cookie is simply anonymous. */
async function isSignedIn(request: NextRequest, appUrl: string, passwords: Record<string, string>) {
  const seal = request.cookies.get(cookieName('session', appUrl))?.value;
  return (await openSessionCookie(seal, appUrl, passwords)) !== null;
}

const hosts = new Map<string, string>();
/** APP_URL's host, parsed once per value (not on every request). */
function hostOf(appUrl: string): string {
  let host = hosts.get(appUrl);
  if (host === undefined) hosts.set(appUrl, (host = new URL(appUrl).host));
  return host;
}

/**
 * A page asked for on another host than APP_URL's (a Vercel deployment URL, another alias,
 * 127.0.0.1 for localhost) is answered by app/api/canonical with a 308 to the same path on
 * APP_URL, where the cookies live.
 */
function canonicalHostRewrite(request: NextRequest, appUrl: string): NextResponse | null {
  if (request.headers.get('host')?.toLowerCase() === hostOf(appUrl)) return null;
  // The path travels in a request header: a rewrite's own query does not reach the handler.
  const headers = new Headers(request.headers);
  headers.set('x-canonical-path', `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.rewrite(new URL('/api/canonical', request.url), { request: { headers } });
}

/**
 * The only check on auth API paths: a path Next cannot percent-decode (`/api/auth/passwordless/%ff`)
 * is a 400 here, where Next itself would answer a bare 500 without the security headers. Anything
 * else goes on to the route handler untouched (no canonical-host rewrite, no page CSP).
 */
function apiGate(request: NextRequest): Response {
  if (hasMalformedPercentEncoding(rawPathOf(request.url))) return errorResponse(request, 'invalid_request');
  return NextResponse.next();
}

/**
 * Sends pages to the canonical host, guards protected paths, and adds a per-request CSP nonce;
 * on `/api/auth/*` only refuses malformed percent-encoding.
 */
export async function middleware(request: NextRequest) {
  if (request.nextUrl.pathname.startsWith('/api/')) return apiGate(request);
  const env = getEnv();
  const elsewhere = canonicalHostRewrite(request, env.appUrl);
  if (elsewhere) return elsewhere;
  const { pathname, search } = request.nextUrl;
  if (isProtectedPath(pathname) && !(await isSignedIn(request, env.appUrl, env.sessionPasswords))) {
    const login = new URL('/login', env.appUrl);
    login.searchParams.set('returnTo', `${pathname}${search}`);
    const response = NextResponse.redirect(login, 303);
    response.headers.set('Cache-Control', 'no-store');
    return response;
  }
  const nonce = createNonce();
  const csp = pageCsp(nonce, { dev: !env.production, https: env.appUrl.startsWith('https:') });
  // Next reads the nonce from the request's CSP and puts it on its own scripts. (No `x-nonce`
  // header: no code of ours renders a script.)
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico|robots.txt).*)',
    // Auth API paths with a `%` only: the middleware would otherwise buffer every request body
    // (Next clones it for the middleware) and undo the route's own streaming 8 KiB cap.
    '/api/auth/:path(.*%.*)',
  ],
};
