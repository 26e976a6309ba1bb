import { errorBody, errorStatus } from '@/lib/auth/errors';
import { clearBinding, readBinding } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';
import { requestIp } from '@/lib/auth/request-ip';
import { DEFAULT_RETURN_TO, safeReturnTo } from '@/lib/auth/return-to';
import { startSession } from '@/lib/auth/session';
import { verifyCode } from '@/lib/auth/verify-code';
import { getEnv } from '@/lib/env';
import { readBody } from '@/lib/http/body';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, NO_STORE, rejectOtherMethods, seeOther } from '@/lib/http/responses';
import { logEvent } from '@/lib/log';

// POST /api/auth/code (form field or JSON key `code`): the code from the Magic Auth email, typed
// on /login/check-email. The address is this browser's binding cookie's, never the request's.
export async function POST(request: Request) {
  const { appUrl } = getEnv();
  if (!isSameOrigin(request.headers, appUrl)) return errorResponse(request, 'forbidden_origin');
  const body = await readBody(request);
  if (!body.ok) return errorResponse(request, body.code);
  const ip = requestIp(request.headers);
  const outcome = await verifyCode(body.fields.code, { ip, binding: (await readBinding()).binding });
  if (!outcome.ok) {
    const retry: Record<string, string> = outcome.retryAfterSeconds
      ? { 'Retry-After': String(outcome.retryAfterSeconds) }
      : {};
    if (body.kind === 'form') {
      const page = outcome.code === 'code_no_request' ? '/login' : '/login/check-email';
      return seeOther(`${page}?error=${outcome.code}`);
    }
    return Response.json(errorBody(outcome.code), {
      status: errorStatus(outcome.code),
      headers: { ...NO_STORE, ...retry },
    });
  }
  const { attempt, userId } = outcome;
  await startSession({
    userId,
    email: attempt.email,
    organizationId: attempt.organizationId,
    remember: attempt.remember,
  });
  await clearBinding();
  logEvent('auth.code_succeeded', {
    email: maskEmail(attempt.email),
    ip,
    organizationId: attempt.organizationId,
  });
  const redirectTo = `${appUrl}${safeReturnTo(attempt.returnTo) ?? DEFAULT_RETURN_TO}`;
  if (body.kind === 'form') return seeOther(redirectTo);
  return Response.json({ success: true, redirectTo }, { headers: NO_STORE });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds: the rate-limit check, one WorkOS budget (at most 10 s), the store.
export const maxDuration = 15;
