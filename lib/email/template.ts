import { minutesLeft, utcText } from '../time-text.ts';

/** The parts of our own sign-in email (EMAIL_DELIVERY=smtp). */
export type SignInEmail = { subject: string; text: string; html: string };

/** What one sign-in email carries: a link, a code, or both (SIGN_IN_METHOD=link+code). */
export type SignInEmailInput = { link?: string; code?: string; expiresAt: Date; appUrl: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

function subjectOf(host: string, link: boolean, code: string | undefined): string {
  if (link && code) return `Your sign-in link and code for ${host}`;
  return code ? `Your sign-in code for ${host}: ${code}` : `Your sign-in link for ${host}`;
}

/**
 * Renders the branded sign-in email: the link and/or the code, when they expire (the same instant
 * the check-email page shows), and what to do if unexpected.
 */
export function renderSignInEmail(input: SignInEmailInput): SignInEmail {
  const { link, code } = input;
  if (!link && !code) throw new Error('a sign-in email needs a link or a code');
  // The same words and instant as the check-email page, which reads this expiresAt from the binding.
  const minutes = minutesLeft(input.expiresAt.getTime());
  const expiry = utcText(input.expiresAt.getTime(), true);
  const host = new URL(input.appUrl).host;
  const what = link && code ? 'The link and the code work' : link ? 'The link works' : 'The code works';
  const lifetime = `${what} once and expire${link && code ? '' : 's'} in ${minutes} (at ${expiry}).`;
  const text = [
    ...(link ? [`Use this link to sign in to ${host}:`, '', link, ''] : []),
    ...(code ? [`${link ? 'Or type this code' : 'Type this code'} on the sign-in page:`, '', code, ''] : []),
    link && code ? `${lifetime} Use one of them: the other then stops working.` : lifetime,
    `If you did not ask to sign in, you can ignore this email: nobody can sign in without it.`,
  ].join('\n');
  const href = link ? escapeHtml(link) : '';
  const linkHtml = link
    ? `<p><a href="${href}" style="display:inline-block;padding:10px 16px;background:#4338ca;color:#fff;border-radius:8px;text-decoration:none;font-weight:600">Sign in</a></p>
<p>Or paste this link into your browser:<br><span style="word-break:break-all">${href}</span></p>`
    : '';
  const codeHtml = code
    ? `<p>${link ? 'Or type this code' : 'Type this code'} on the sign-in page:</p>
<p style="font-size:28px;letter-spacing:6px;font-weight:700;font-family:ui-monospace,monospace">${escapeHtml(code)}</p>`
    : '';
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#1c1f2b;line-height:1.5">
<h1 style="font-size:20px">Sign in to ${escapeHtml(host)}</h1>
${linkHtml}${codeHtml}
<p style="color:#5a6072">${escapeHtml(lifetime)}
If you did not ask to sign in, you can ignore this email.</p>
</body></html>`;
  return { subject: subjectOf(host, Boolean(link), code), text, html };
}
