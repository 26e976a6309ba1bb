import { getEnv } from '@/lib/env';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, seeOther, rejectOtherMethods } from '@/lib/http/responses';
import { endSession } from '@/lib/auth/session';
import { logEvent } from '@/lib/log';
import { maskEmail } from '@/lib/auth/mask';
import { requestIp } from '@/lib/auth/request-ip';
import { recordActivity } from '@/lib/auth/sessions/activity';

// POST /api/auth/logout: end the session (other methods: 405 with Allow). This browser's cookie
// is always cleared; the login page then says whether copies of it stopped working too
// (`?signout=complete`) or not yet, because the revocation could not be recorded
// (`?signout=incomplete`, with a button that posts here again to retry).
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const { user, complete } = await endSession();
  const ip = requestIp(request.headers);
  if (user) {
    logEvent('auth.signed_out', { email: maskEmail(user.email), ip, revoked: complete });
    await recordActivity(user.email, 'signed_out', ip);
  }
  return seeOther(`/login?signout=${complete ? 'complete' : 'incomplete'}`, {
    'Clear-Site-Data': '"cache", "storage"',
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
