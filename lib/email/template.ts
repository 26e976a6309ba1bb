import { minutesLeft, utcText } from '../time-text.ts';

/** The parts of our own sign-in email (EMAIL_DELIVERY=smtp). */
export type SignInEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Renders the branded sign-in email: the link, when it expires, and what to do if unexpected. */
export function renderSignInEmail(input: { link: string; expiresAt: Date; appUrl: string }): SignInEmail {
  // The same words and instant as the check-email page, which reads this expiresAt from the binding.
  const minutes = minutesLeft(input.expiresAt.getTime());
  const expiry = utcText(input.expiresAt.getTime(), true);
  const host = new URL(input.appUrl).host;
  const subject = `Your sign-in link for ${host}`;
  const text = [
    `Use this link to sign in to ${host}:`,
    '',
    input.link,
    '',
    `The link works once and expires in ${minutes} (at ${expiry}).`,
    'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
  ].join('\n');
  const link = escapeHtml(input.link);
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1c1f2b;line-height:1.5">
<h1 style="font-size:20px">Sign in to ${escapeHtml(host)}</h1>
<p><a href="${link}" style="display:inline-block;padding:10px 16px;background:#4338ca;color:#fff;border-radius:8px;text-decoration:none;font-weight:600">Sign in</a></p>
<p>Or paste this link into your browser:<br><span style="word-break:break-all">${link}</span></p>
<p style="color:#5a6072">The link works once and expires in ${minutes} (at ${escapeHtml(expiry)}).
If you did not ask to sign in, you can ignore this email.</p>
</body></html>`;
  return { subject, text, html };
}
