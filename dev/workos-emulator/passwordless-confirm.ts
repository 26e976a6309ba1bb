// GET /passwordless/:token/confirm, the link a person clicks (docs/workos-contract.md 1.7).
import { findConnection, type Emulator, type RouteContext } from './context.ts';
import { errorPage } from './html.ts';
import { sendEmpty, sendHtml, sendRedirect } from './http.ts';
import { ulid } from './ids.ts';
import { withQuery } from './redirect-uris.ts';
import { profileJson } from './resources.ts';

/** Lifetime of the authorization code put on the redirect. */
export const CODE_TTL_MS = 10 * 60 * 1000;

/** Marks every unused session of `email` as expired; returns how many. */
export function expireSessions(emu: Emulator, email: string): number {
  const wanted = email.trim().toLowerCase();
  let count = 0;
  for (const session of emu.store.sessions.values()) {
    if (session.email.toLowerCase() !== wanted || session.usedAt !== undefined) continue;
    if (session.expiresAt > emu.now()) count++;
    session.expiresAt = Math.min(session.expiresAt, emu.now() - 1);
  }
  return count;
}

function deny(ctx: RouteContext, redirectUri: string, description: string, state?: string): void {
  sendRedirect(
    ctx.res,
    withQuery(redirectUri, { error: 'access_denied', error_description: description, state }),
  );
}

/** Redirects with a fresh code (first use) or with error=access_denied (used, expired, unknown). */
export function confirmLink(ctx: RouteContext): void {
  const { emu, res, params } = ctx;
  const session = emu.store.sessionsByToken.get(params.token ?? '');
  if (!session) {
    const fallback = emu.options.defaultRedirectUri;
    if (fallback) return deny(ctx, fallback, 'The link is invalid.');
    return sendHtml(res, 404, errorPage('Link not found', 'This sign-in link is invalid or was reset.'));
  }
  const now = emu.now();
  if (session.usedAt !== undefined) {
    return deny(ctx, session.redirectUri, 'The link has already been used.', session.state);
  }
  if (session.expiresAt <= now) return deny(ctx, session.redirectUri, 'The link has expired.', session.state);
  const connection = findConnection(emu, session.connectionId);
  if (!connection) return deny(ctx, session.redirectUri, 'The connection no longer exists.', session.state);
  session.usedAt = now;
  const code = ulid(now);
  emu.store.codes.set(code, {
    code,
    profile: profileJson(connection, session.email),
    expiresAt: now + CODE_TTL_MS,
    usedAt: undefined,
  });
  sendRedirect(res, withQuery(session.redirectUri, { code, state: session.state }));
}

/**
 * HEAD on the link (mail scanners, link previews): 200 with no body and no Location, whatever the
 * token's state, and the link stays unused, so the person's later GET still signs in.
 */
export function peekLink({ res }: RouteContext): void {
  res.setHeader('Cache-Control', 'no-store');
  sendEmpty(res, 200);
}
