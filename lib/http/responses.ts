import { errorBody, errorStatus, type AuthErrorCode } from '../auth/errors.ts';

/** Headers for every auth response: never cached, never sniffed. */
export const NO_STORE = { 'Cache-Control': 'no-store' } as const;

/** A JSON error response in the house shape `{ success: false, error: { code, message } }`. */
export function jsonError(code: AuthErrorCode, init: { headers?: Record<string, string> } = {}): Response {
  return Response.json(errorBody(code), {
    status: errorStatus(code),
    headers: { ...NO_STORE, ...init.headers },
  });
}

/** A 303 See Other to a same-site path or absolute URL (never 307: it would replay a POST body). */
export function seeOther(location: string, headers: Record<string, string> = {}): Response {
  return new Response(null, { status: 303, headers: { Location: location, ...NO_STORE, ...headers } });
}

type Handler = () => Response;

/**
 * 405 handlers (JSON body, `Allow` header as RFC 9110 requires) for the methods a route does not
 * serve. Next's own automatic 405 sends no `Allow`. Use: `export const { GET, PUT } = …`.
 */
export function rejectOtherMethods(allow: 'GET' | 'POST') {
  const reject: Handler = () => jsonError('method_not_allowed', { headers: { Allow: allow } });
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
