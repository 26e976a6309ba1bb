import { takeConfirmation } from '@/lib/auth/take-confirmation';
import { maskEmail } from '@/lib/auth/mask';
import { requestIp } from '@/lib/auth/request-ip';
import { getEnv } from '@/lib/env';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, seeOther, rejectOtherMethods } from '@/lib/http/responses';
import { logEvent } from '@/lib/log';

const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

// POST /api/auth/confirm/cancel: the "No, cancel" click on /login/confirm. Burns the pending
// confirmation (the same one-time GETDEL as the "Yes" click, so neither can follow) and signs
// nobody in; any session this browser already has is left as it was.
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const confirmation = await takeConfirmation();
  const ip = requestIp(request.headers);
  if (!confirmation) {
    // Expired, or already used (perhaps by "Yes" in another tab): "nobody was signed in" may be false.
    logEvent('auth.confirm_failed', { ip, action: 'cancel' });
    return seeOther('/login?error=confirm_expired', PRIVATE);
  }
  logEvent('auth.confirm_cancelled', { email: maskEmail(confirmation.email), ip });
  return seeOther('/login/confirm/cancelled', PRIVATE);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
