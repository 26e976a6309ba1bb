import 'server-only';
import { getEnv } from '../../env.ts';
import { logEvent } from '../../log.ts';
import { clearBinding } from '../flow-cookies.ts';
import { maskEmail } from '../mask.ts';
import { DEFAULT_RETURN_TO, safeReturnTo } from '../return-to.ts';
import { replaceSession } from '../session.ts';
import { recordActivity } from '../sessions/activity.ts';

/** A sign-in proven by a link, a code or a confirmation click: who, and where they go next. */
export type Verified = {
  userId: string;
  email: string;
  organizationId: string | null;
  remember: boolean;
  returnTo: string;
};

/**
 * The end of every sign-in path: a brand-new session (any session this browser had is ended and
 * revoked, never silently kept), the binding cleared, one log line; returns where to send the person.
 */
export async function finishSignIn(
  verified: Verified,
  context: {
    ip: string | null;
    event: 'auth.callback_succeeded' | 'auth.code_succeeded' | 'auth.confirm_succeeded';
  },
): Promise<string> {
  const { userId, email, organizationId, remember, returnTo } = verified;
  const { replaced } = await replaceSession({ userId, email, organizationId, remember }, { ip: context.ip });
  await recordActivity(
    email,
    context.event === 'auth.confirm_succeeded' ? 'confirmed' : 'signed_in',
    context.ip,
  );
  await clearBinding();
  logEvent(context.event, {
    email: maskEmail(email),
    ip: context.ip,
    organizationId,
    replacedSession: replaced !== null,
  });
  return `${getEnv().appUrl}${safeReturnTo(returnTo) ?? DEFAULT_RETURN_TO}`;
}
