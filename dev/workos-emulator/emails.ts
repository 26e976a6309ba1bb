// The emails "WorkOS" sends. Real WorkOS templates differ; tests should rely on links and codes only.
import { escapeHtml } from './html.ts';
import type { NewMessage } from './inbox.ts';

export const WORKOS_FROM = 'WorkOS Emulator <no-reply@workos-emulator.localhost>';

/** The email sent by POST /passwordless/sessions/:id/send. */
export function magicLinkEmail(to: string, link: string, expiresAt: Date): NewMessage {
  const until = expiresAt.toISOString();
  return {
    to: [to],
    from: WORKOS_FROM,
    subject: 'Your sign-in link',
    text: `Sign in by opening this link:\n\n${link}\n\nThe link works once and expires at ${until}.\nIf you did not ask for it, ignore this email.\n`,
    html: layout(
      `<p>Click the button below to sign in.</p>
<p><a href="${escapeHtml(link)}" style="display:inline-block;padding:10px 18px;background:#6363f1;color:#fff;border-radius:6px;text-decoration:none">Sign in</a></p>
<p style="color:#666;font-size:13px">This link works once and expires at ${escapeHtml(until)}. If you did not ask for it, ignore this email.</p>`,
    ),
  };
}

/** The email sent by POST /user_management/magic_auth. */
export function magicAuthEmail(to: string, code: string): NewMessage {
  return {
    to: [to],
    from: WORKOS_FROM,
    subject: `Your sign-in code is ${code}`,
    text: `Your one-time sign-in code is ${code}\n\nIt expires in 10 minutes. If you did not ask for it, ignore this email.\n`,
    html: layout(
      `<p>Your one-time sign-in code is</p>
<p style="font-size:28px;letter-spacing:6px;font-weight:bold">${escapeHtml(code)}</p>
<p style="color:#666;font-size:13px">It expires in 10 minutes. If you did not ask for it, ignore this email.</p>`,
    ),
  };
}

function layout(body: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif">${body}</body></html>`;
}
