import 'server-only';
import { getEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { isSameOrigin } from '../../http/origin.ts';
import { errorResponse, NO_STORE, seeOther } from '../../http/responses.ts';
import { errorBody, errorStatus } from '../errors.ts';
import { readBinding, writeConfirmToken } from '../flow-cookies.ts';
import { requestIp } from '../request-ip.ts';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../return-to.ts';
import { verifyCallback } from './callback.ts';
import { verifyCode } from './code.ts';
import { finishSignIn } from './complete.ts';

// The HTTP ends of the sign-in flow: each route handler under app/api/auth delegates here in one
// line. The steps themselves (request, verify, complete) are in the modules beside this one.

// Code and state ride in the callback URL: it must never leak through Referer or a cache.
const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

/** GET /api/auth/callback?code&state: WorkOS sends the person here from the emailed link. */
export async function handleCallback(request: Request): Promise<Response> {
  const ip = requestIp(request.headers);
  const outcome = await verifyCallback(new URL(request.url).searchParams, {
    ip,
    binding: await readBinding(),
  });
  if (outcome.kind === 'failed') return seeOther(`/login?error=${outcome.code}`, PRIVATE);
  if (outcome.kind === 'already-signed-in')
    return seeOther(`${getEnv().appUrl}${safeReturnTo(outcome.returnTo) ?? DEFAULT_RETURN_TO}`, PRIVATE);
  if (outcome.kind === 'other-device') {
    await writeConfirmToken(outcome.confirmToken);
    return seeOther('/login/confirm', PRIVATE);
  }
  return seeOther(await finishSignIn(outcome.verified, { ip, event: 'auth.callback_succeeded' }), PRIVATE);
}

/**
 * POST /api/auth/code (form field or JSON key `code`): the emailed code, typed on
 * /login/check-email. The address is this browser's binding cookie's, never the request's.
 */
export async function handleCodeSubmission(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const body = await readBody(request);
  if (!body.ok) return errorResponse(request, body.code);
  const ip = requestIp(request.headers);
  const outcome = await verifyCode(body.fields.code, { ip, binding: (await readBinding()).binding });
  if (!outcome.ok) {
    if (body.kind === 'form') {
      const page = outcome.code === 'code_no_request' ? '/login' : '/login/check-email';
      return seeOther(`${page}?error=${outcome.code}`);
    }
    const retry: Record<string, string> = outcome.retryAfterSeconds
      ? { 'Retry-After': String(outcome.retryAfterSeconds) }
      : {};
    return Response.json(errorBody(outcome.code), {
      status: errorStatus(outcome.code),
      headers: { ...NO_STORE, ...retry },
    });
  }
  const redirectTo = await finishSignIn(outcome.verified, { ip, event: 'auth.code_succeeded' });
  if (body.kind === 'form') return seeOther(redirectTo);
  return Response.json({ success: true, redirectTo }, { headers: NO_STORE });
}
