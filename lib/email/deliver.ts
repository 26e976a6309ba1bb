import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '../env.ts';
import { getWorkOS } from '../auth/workos.ts';
import type { WorkOSBudget } from '../auth/workos-budget.ts';
import { maskEmail } from '../auth/mask.ts';
import { logEvent } from '../log.ts';
import { recipientRejection } from './smtp-rejection.ts';
import { renderSignInEmail } from './template.ts';

let transport: { url: string; transporter: Transporter } | undefined;

function smtp(url: string): Transporter {
  // Bounded timeouts: a stuck SMTP server must fail the request, not hang it.
  if (transport?.url !== url) {
    const options = new URL(url);
    options.searchParams.set('connectionTimeout', '5000');
    options.searchParams.set('greetingTimeout', '5000');
    options.searchParams.set('socketTimeout', '10000');
    transport = { url, transporter: nodemailer.createTransport(options.toString()) };
  }
  return transport.transporter;
}

/**
 * Delivers a sign-in email and says which happened. With EMAIL_DELIVERY=workos, WorkOS sends it:
 * a Magic Link through sendSession, a Magic Auth code by itself when it was created. With smtp
 * we send our own email (link, code or both). Throws when delivery fails; the caller reports a
 * retryable error. A relay that permanently refuses the recipient (5xx at RCPT TO: no such
 * mailbox) is not a failure: the person gets the same answer as for any address (no
 * mailbox-existence oracle), and one `auth.delivery_rejected` event records the codes.
 */
export async function deliverSignInEmail(
  message: { email: string; expiresAt: Date; link?: string; code?: string; workosSessionId?: string },
  budget: WorkOSBudget,
): Promise<'sent' | 'rejected'> {
  const env = getEnv();
  if (env.email.delivery === 'workos') {
    const { workosSessionId } = message;
    if (workosSessionId)
      await budget.call('send_session', () => getWorkOS().passwordless.sendSession(workosSessionId));
    return 'sent';
  }
  const { link, code, expiresAt } = message;
  const rendered = renderSignInEmail({ link, code, expiresAt, appUrl: env.appUrl });
  try {
    await smtp(env.email.smtpUrl ?? '').sendMail({ from: env.email.from, to: message.email, ...rendered });
    return 'sent';
  } catch (error) {
    const rejection = recipientRejection(error);
    if (!rejection) throw error;
    logEvent('auth.delivery_rejected', { email: maskEmail(message.email), ...rejection });
    return 'rejected';
  }
}
