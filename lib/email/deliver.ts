import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { getEnv } from '../env.ts';
import { getWorkOS } from '../auth/workos.ts';
import type { WorkOSBudget } from '../auth/workos-budget.ts';
import { renderSignInEmail } from './template.ts';

let transport: Transporter | undefined;

function smtp(url: string): Transporter {
  // Bounded timeouts: a stuck SMTP server must fail the request, not hang it.
  if (!transport) {
    const options = new URL(url);
    options.searchParams.set('connectionTimeout', '5000');
    options.searchParams.set('greetingTimeout', '5000');
    options.searchParams.set('socketTimeout', '10000');
    transport = nodemailer.createTransport(options.toString());
  }
  return transport;
}

/**
 * Delivers the magic link: WorkOS sends it (EMAIL_DELIVERY=workos) or we send our own email
 * over SMTP. Throws when delivery fails; the caller reports a retryable error.
 */
export async function deliverMagicLink(
  session: { id: string; email: string; link: string; expiresAt: Date },
  budget: WorkOSBudget,
): Promise<void> {
  const env = getEnv();
  if (env.email.delivery === 'workos') {
    await budget.call('send_session', () => getWorkOS().passwordless.sendSession(session.id));
    return;
  }
  const message = renderSignInEmail({ link: session.link, expiresAt: session.expiresAt, appUrl: env.appUrl });
  await smtp(env.email.smtpUrl ?? '').sendMail({ from: env.email.from, to: session.email, ...message });
}
