import { takeConfirmation } from '@/lib/auth/take-confirmation';
import { clearBinding } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';
import { requestIp } from '@/lib/auth/request-ip';
import { replaceSession } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';
import { DEFAULT_RETURN_TO, safeReturnTo } from '@/lib/auth/return-to';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, seeOther, rejectOtherMethods } from '@/lib/http/responses';
import { logEvent } from '@/lib/log';

// POST /api/auth/confirm: the "yes, sign me in" click after a link opened in a browser that did not
// ask for it. A session this browser already had is replaced and revoked (the page warned of it).
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const confirmation = await takeConfirmation();
  const ip = requestIp(request.headers);
  if (!confirmation) {
    logEvent('auth.confirm_failed', { ip });
    return seeOther('/login?error=confirm_expired', { 'Referrer-Policy': 'no-referrer' });
  }
  const { userId, email, organizationId, remember, returnTo } = confirmation;
  // The page said continuing signs out whoever is signed in here: that session ends everywhere.
  const { replaced } = await replaceSession({ userId, email, organizationId, remember });
  await clearBinding();
  logEvent('auth.confirm_succeeded', {
    email: maskEmail(email),
    ip,
    organizationId,
    replacedSession: replaced !== null,
  });
  return seeOther(`${getEnv().appUrl}${safeReturnTo(returnTo) ?? DEFAULT_RETURN_TO}`, {
    'Referrer-Policy': 'no-referrer',
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
