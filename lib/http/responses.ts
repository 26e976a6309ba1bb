import { errorBody, errorMessage, errorStatus, type AuthErrorCode } from '../auth/errors.ts';

/**
 * Cache-Control for every auth response: never stored by a browser or a CDN. (nosniff, frame and
 * referrer headers come from next.config.ts for every response.)
 */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** A JSON error response in the house shape `{ success: false, error: { code, message } }`. */
export function jsonError(code: AuthErrorCode, init: { headers?: Record<string, string> } = {}): Response {
  return Response.json(errorBody(code), {
    status: errorStatus(code),
    headers: { ...NO_STORE, ...init.headers },
  });
}

/**
 * True for a browser's form post or page navigation (browsers always send `Accept: text/html…`
 * for those), false for a JSON client: a JSON body, or an Accept that does not ask for HTML.
 */
export function wantsHtml(request: Request): boolean {
  const type = request.headers.get('content-type')?.toLowerCase() ?? '';
  if (type.startsWith('application/json')) return false;
  return (request.headers.get('accept') ?? '').toLowerCase().includes('text/html');
}

const TITLES: Partial<Record<AuthErrorCode, string>> = {
  forbidden_origin: 'This form was sent from another site',
  method_not_allowed: 'This address is not a page',
  not_found: 'Sign-in option not found',
};

/**
 * A small, self-contained HTML page for a rejected browser request: what happened, and a link
 * back (no scripts, no user input echoed). The status is the error's own.
 */
export function htmlError(
  code: AuthErrorCode,
  init: { headers?: Record<string, string>; back?: { href: string; label: string } } = {},
): Response {
  const back = init.back ?? { href: '/login', label: 'Back to sign-in' };
  const title = TITLES[code] ?? 'We could not do that';
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><meta name="robots" content="noindex">
<style>body{margin:0;min-height:100vh;display:grid;place-items:center;background:#f5f6fa;color:#1c1f2b;font:16px/1.5 system-ui,sans-serif}main{background:#fff;border:1px solid #d9dce6;border-radius:12px;padding:32px;max-width:28rem;margin:16px}h1{font-size:1.4rem;margin:0 0 8px}a{display:inline-block;margin-top:16px;padding:10px 16px;border-radius:8px;background:#4338ca;color:#fff;text-decoration:none}a:focus{outline:3px solid #f59e0b;outline-offset:2px}</style>
</head><body><main><h1>${title}</h1><p role="alert">${errorMessage(code)}</p><a href="${back.href}">${back.label}</a></main></body></html>
`;
  return new Response(html, {
    status: errorStatus(code),
    headers: { 'Content-Type': 'text/html; charset=utf-8', ...NO_STORE, ...init.headers },
  });
}

/** The error as an HTML page for browsers (form posts, navigations) and as JSON for JSON clients. */
export function errorResponse(
  request: Request,
  code: AuthErrorCode,
  init: { headers?: Record<string, string>; back?: { href: string; label: string } } = {},
): Response {
  return wantsHtml(request) ? htmlError(code, init) : jsonError(code, init);
}

/** A 303 See Other to a same-site path or absolute URL (never 307: it would replay a POST body). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE, ...headers } });
}

type Handler = (request: Request) => Response;

/**
 * 405 handlers (`Allow` header as RFC 9110 requires; an HTML page for a browser, JSON otherwise)
 * for the methods a route does not serve. Next's own automatic 405 sends no `Allow`.
 * Use: `export const { GET, PUT } = …`.
 */
export function rejectOtherMethods(allow: 'GET' | 'POST') {
  const reject: Handler = (request) =>
    errorResponse(request, 'method_not_allowed', { headers: { Allow: allow } });
  // No CORS here: OPTIONS only names the method, it grants nothing to other origins.
  const options: Handler = () => new Response(null, { status: 204, headers: { Allow: `${allow}, OPTIONS` } });
  return {
    GET: reject,
    HEAD: reject,
    POST: reject,
    PUT: reject,
    PATCH: reject,
    DELETE: reject,
    OPTIONS: options,
  };
}
