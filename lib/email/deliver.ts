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
 * Delivers the magic link: WorkOS sends it (EMAIL_DELIVERY=workos) or we send our own email
 * over SMTP, and says which happened. Throws when delivery fails; the caller reports a retryable error. A relay that
 * permanently refuses the recipient (5xx at RCPT TO: no such mailbox) is not a failure: the
 * person gets the same answer as for any address (no mailbox-existence oracle), and one
 * `auth.delivery_rejected` event records the codes.
 */
export async function deliverMagicLink(
  session: { id: string; email: string; link: string; expiresAt: Date },
  budget: WorkOSBudget,
): Promise<'sent' | 'rejected'> {
  const env = getEnv();
  if (env.email.delivery === 'workos') {
    await budget.call('send_session', () => getWorkOS().passwordless.sendSession(session.id));
    return 'sent';
  }
  const message = renderSignInEmail({ link: session.link, expiresAt: session.expiresAt, appUrl: env.appUrl });
  try {
    await smtp(env.email.smtpUrl ?? '').sendMail({ from: env.email.from, to: session.email, ...message });
    return 'sent';
  } catch (error) {
    const rejection = recipientRejection(error);
    if (!rejection) throw error;
    logEvent('auth.delivery_rejected', { email: maskEmail(session.email), ...rejection });
    return 'rejected';
  }
}
