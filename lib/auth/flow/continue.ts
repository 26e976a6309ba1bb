import 'server-only';
import { getEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { isSameOrigin } from '../../http/origin.ts';
import { errorResponse, seeOther } from '../../http/responses.ts';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import { discardContinueLink, peekContinueLink } from '../continue-links.ts';
import { openWorkOSLink } from '../open-workos-link.ts';
import { requestIp } from '../request-ip.ts';
import { workosBudget } from '../workos.ts';

// The continue token rides in the form; the callback URL this answers with carries code and state.
const PRIVATE = { 'Referrer-Policy': 'no-referrer' };

/**
 * POST /api/auth/continue (t): the person's click on /login/continue. The server opens the WorkOS
 * link and sends the browser on to the callback, where the usual checks (binding, confirmation on
//  * another device) decide. The token works once.
 */
export async function handleContinue(request: Request): Promise<Response> {
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
