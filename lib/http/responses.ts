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
