import 'server-only';
import { getEnv } from '../../env.ts';
import { isSameOrigin } from '../../http/origin.ts';
import { errorResponse, seeOther } from '../../http/responses.ts';
import { logEvent } from '../../log.ts';
import { maskEmail } from '../mask.ts';
import { recordActivity } from '../sessions/activity.ts';
import { requestIp } from '../request-ip.ts';
import { takeConfirmation } from '../take-confirmation.ts';
import { finishSignIn } from './complete.ts';

const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

// POST /api/auth/confirm: the "yes, sign me in" click after a link opened in a browser that did not
// ask for it. A session this browser already had is replaced and revoked (the page warned of it).
export async function handleConfirm(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const confirmation = await takeConfirmation();
  const ip = requestIp(request.headers);
  if (!confirmation) {
    logEvent('auth.confirm_failed', { ip });
    return seeOther('/login?error=confirm_expired', PRIVATE);
  }
  // The page said continuing signs out whoever is signed in here: that session ends everywhere.
  const redirectTo = await finishSignIn(confirmation, { ip, event: 'auth.confirm_succeeded' });
  return seeOther(redirectTo, PRIVATE);
}

// POST /api/auth/confirm/cancel: the "No, cancel" click on /login/confirm. Burns the pending
// confirmation (the same one-time GETDEL as the "Yes" click, so neither can follow) and signs
// nobody in; any session this browser already has is left as it was.
export async function handleConfirmCancel(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const confirmation = await takeConfirmation();
  const ip = requestIp(request.headers);
  if (!confirmation) {
    // Expired, or already used (perhaps by "Yes" in another tab): "nobody was signed in" may be false.
    logEvent('auth.confirm_failed', { ip, action: 'cancel' });
    return seeOther('/login?error=confirm_expired', PRIVATE);
  }
  logEvent('auth.confirm_cancelled', { email: maskEmail(confirmation.email), ip });
  await recordActivity(confirmation.email, 'cancelled', ip);
  return seeOther('/login/confirm/cancelled', PRIVATE);
}
