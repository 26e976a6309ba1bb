import { completeSignIn } from '@/lib/auth/complete-sign-in';
import { clearBinding, readBinding, writeConfirmToken } from '@/lib/auth/flow-cookies';
import { requestIp } from '@/lib/auth/request-ip';
import { startSession } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { DEFAULT_RETURN_TO, safeReturnTo } from '@/lib/auth/return-to';
import { logEvent } from '@/lib/log';
import { maskEmail } from '@/lib/auth/mask';
import { seeOther, rejectOtherMethods } from '@/lib/http/responses';

// Code and state ride in this URL: it must never leak through Referer or a cache.
const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

// GET /api/auth/callback?code&state: WorkOS sends the person here from the emailed link.
export async function GET(request: Request) {
  const ip = requestIp(request.headers);
  const outcome = await completeSignIn(new URL(request.url).searchParams, {
    ip,
    binding: await readBinding(),
  });
  if (outcome.kind === 'failed') return seeOther(`/login?error=${outcome.code}`, PRIVATE);
  if (outcome.kind === 'other-device') {
    await writeConfirmToken(outcome.confirmToken);
    return seeOther('/login/confirm', PRIVATE);
  }
  const { attempt, userId, organizationId } = outcome;
  await startSession({ userId, email: attempt.email, organizationId, remember: attempt.remember });
  await clearBinding();
  logEvent('auth.callback_succeeded', { email: maskEmail(attempt.email), ip, organizationId });
  return seeOther(`${getEnv().appUrl}${safeReturnTo(attempt.returnTo) ?? DEFAULT_RETURN_TO}`, PRIVATE);
}

export const { POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = rejectOtherMethods('GET');

// Vercel function limit in seconds: the rate-limit check and one WorkOS budget (the code exchange
// and, for an organization, its domains) fit in it (lib/auth/route-budget.test.ts).
export const maxDuration = 15;
