import { discardContinueLink, peekContinueLink } from '@/lib/auth/continue-links';
import { openWorkOSLink } from '@/lib/auth/open-workos-link';
import { requestIp } from '@/lib/auth/request-ip';
import { workosBudget } from '@/lib/auth/workos';
import { getEnv } from '@/lib/env';
import { readBody } from '@/lib/http/body';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, rejectOtherMethods, seeOther } from '@/lib/http/responses';
import { logEvent } from '@/lib/log';
import { getStore } from '@/lib/store';

// The continue token rides in the form; the callback URL this answers with carries code and state.
const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

// POST /api/auth/continue (t): the person's click on /login/continue. The server opens the WorkOS
// link and sends the browser on to the callback, where the usual checks (binding, confirmation on
// another device) decide. The token works once.
export async function POST(request: Request) {
  const { appUrl, sessionPasswords } = getEnv();
  if (!isSameOrigin(request.headers, appUrl)) return errorResponse(request, 'forbidden_origin');
  const body = await readBody(request);
  const token = body.ok && typeof body.fields.t === 'string' ? body.fields.t : '';
  const ip = requestIp(request.headers);
  try {
    const link = await peekContinueLink(getStore(), token, appUrl, sessionPasswords);
    if (!link) {
      logEvent('auth.continue_failed', { ip, reason: 'unknown_or_used' });
      return seeOther('/login?error=expired', PRIVATE);
    }
    const callback = await openWorkOSLink(link, appUrl, workosBudget());
    await discardContinueLink(getStore(), token);
    if (!callback) {
      logEvent('auth.continue_failed', { ip, reason: 'workos_refused_link' });
      return seeOther('/login?error=expired', PRIVATE);
    }
    return seeOther(callback.href, PRIVATE);
  } catch (error) {
    logEvent('auth.continue_failed', { ip, reason: error instanceof Error ? error.name : 'unknown' });
    return seeOther('/login?error=upstream_unavailable', PRIVATE);
  }
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds: one WorkOS budget (at most 10 s) and the store.
export const maxDuration = 15;
