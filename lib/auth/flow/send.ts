import 'server-only';
import { getEnv } from '../../env.ts';
import { deliverSignInEmail } from '../../email/deliver.ts';
import { logEvent } from '../../log.ts';
import { prepareCode } from './code.ts';
import { prepareLink } from './link.ts';
import { recordActivity } from '../sessions/activity.ts';
import type { SendContext } from './send-context.ts';

type LogFields = { email: string; ip: string | null; organizationId: string | null };

/**
 * Sends this browser's sign-in email by SIGN_IN_METHOD: a Magic Link, a Magic Auth code, or one
 * email of ours with both (link+code, paired so that whichever is used first wins). What was
 * stored is removed when a later step fails. Returns when the email's link or code expires.
 */
export async function sendSignInEmail(context: SendContext, secret: string, log: LogFields): Promise<Date> {
  const env = getEnv();
  const method = env.signInMethod;
  const expiresAt = new Date(context.createdAt + env.magicLinkTtlSeconds * 1000);
  const link = method === 'code' ? null : await prepareLink(context);
  let code: Awaited<ReturnType<typeof prepareCode>> | null = null;
  try {
    if (method !== 'link') code = await prepareCode(context, secret, link);
    if (link) logEvent('auth.link_requested', log);
    if (code) logEvent('auth.code_requested', log);
    const sent = await deliverSignInEmail(
      {
        email: context.request.email,
        expiresAt,
        link: link?.link,
        code: code?.code,
        workosSessionId: link?.workosSessionId,
      },
      context.budget,
    );
    if (sent === 'sent')
      logEvent(link ? 'auth.link_delivered' : 'auth.code_delivered', {
        ...log,
        delivery: env.email.delivery,
      });
    await recordActivity(context.request.email, 'requested', log.ip);
    return expiresAt;
  } catch (error) {
    await link?.discard();
    await code?.discard();
    throw error;
  }
}
