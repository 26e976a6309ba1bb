import 'server-only';
import { getEnv } from '../env.ts';
import { logEvent } from '../log.ts';
import { deliverMagicLink } from '../email/deliver.ts';
import { getStore } from '../store/index.ts';
import { createAttempt, discardAttempt } from './attempts.ts';
import { discardCodeAttempt, saveCodeAttempt } from './code-attempts.ts';
import { createContinueLink, discardContinueLink } from './continue-links.ts';
import type { AuthErrorCode } from './errors.ts';
import type { Binding } from './flow-cookies.ts';
import { maskEmail } from './mask.ts';
import { findMagicLinkConnection, organizationAcceptsEmail } from './organizations.ts';
import { checkSignInLimits } from './rate-limit.ts';
import type { SignInRequest } from './sign-in-request.ts';
import { randomToken, sha256Hex } from './tokens.ts';
import { getWorkOS, workosBudget } from './workos.ts';
import type { WorkOSBudget } from './workos-budget.ts';
import { classifyFailure } from './workos-errors.ts';

export type RequestLinkResult =
  { ok: true; binding: Binding } | { ok: false; code: AuthErrorCode; retryAfterSeconds?: number };

// WorkOS accepts expires_in from 900 s; the app's own attempt TTL (<= 600 s) is what decides.
const WORKOS_EXPIRES_IN = 900;

type LinkRequest = SignInRequest & { organizationId: string | null };
type LogFields = { email: string; ip: string | null; organizationId: string | null };

/** Stores the attempt, asks WorkOS for the link and delivers it; the attempt is removed on failure. */
async function sendLink(
  request: LinkRequest,
  connectionId: string | null,
  secret: string,
  context: { log: LogFields; budget: WorkOSBudget },
) {
  const env = getEnv();
  const createdAt = Date.now();
  const { email, returnTo, remember, organizationId } = request;
  const bindHash = await sha256Hex(secret);
  const attempt = { email, returnTo, remember, bindHash, createdAt, organizationId, connectionId };
  const state = await createAttempt(getStore(), { ...attempt, origin: env.appUrl }, env.magicLinkTtlSeconds);
  let continueToken: string | null = null;
  try {
    const session = await context.budget.call('create_session', () =>
      getWorkOS().passwordless.createSession({
        type: 'MagicLink',
        email,
        redirectURI: `${env.appUrl}/api/auth/callback`,
        state,
        expiresIn: WORKOS_EXPIRES_IN,
        ...(connectionId ? { connection: connectionId } : {}),
      }),
    );
    logEvent('auth.link_requested', context.log);
    const expiresAt = new Date(createdAt + env.magicLinkTtlSeconds * 1000);
    // Our own email carries a scanner-proof link to this app, never the WorkOS link itself.
    if (env.email.delivery === 'smtp') {
      const ttlSeconds = env.magicLinkTtlSeconds;
      const { appUrl: origin, sessionPasswords: passwords } = env;
      continueToken = await createContinueLink(getStore(), {
        workosLink: session.link,
        origin,
        passwords,
        ttlSeconds,
      });
    }
    const link = continueToken ? `${env.appUrl}/login/continue?t=${continueToken}` : session.link;
    const delivered = { id: session.id, email, link, expiresAt };
    if ((await deliverMagicLink(delivered, context.budget)) === 'sent')
      logEvent('auth.link_delivered', { ...context.log, delivery: env.email.delivery });
    return expiresAt;
  } catch (error) {
    // Whatever WorkOS did or sent, a link whose attempt is gone only ever says "expired".
    await discardAttempt(getStore(), state).catch(() => undefined);
    if (continueToken) await discardContinueLink(getStore(), continueToken).catch(() => undefined);
    throw error;
  }
}

/**
 * SIGN_IN_METHOD=code: remembers the request for this browser, then WorkOS Magic Auth creates a
 * 6-digit code and emails it. The code is typed on the check-email page (verify-code.ts).
 */
async function sendCode(
  request: LinkRequest,
  secret: string,
  context: { log: LogFields; budget: WorkOSBudget },
) {
  const env = getEnv();
  const { email, returnTo, remember, organizationId } = request;
  const bindHash = await sha256Hex(secret);
  const attempt = { email, returnTo, remember, organizationId, origin: env.appUrl };
  await saveCodeAttempt(getStore(), bindHash, attempt, env.magicLinkTtlSeconds);
  try {
    await context.budget.call('create_magic_auth', () =>
      getWorkOS().userManagement.createMagicAuth({ email }),
    );
  } catch (error) {
    await discardCodeAttempt(getStore(), bindHash).catch(() => undefined);
    throw error;
  }
  logEvent('auth.code_requested', context.log);
  return new Date(Date.now() + env.magicLinkTtlSeconds * 1000);
}

/** A success: the binding cookie for this browser's pending link, counting resends of the same request. */
function succeeded(request: LinkRequest, secret: string, expiresAt: number, previous: Binding | null) {
  const { email, returnTo, remember, organizationId } = request;
  const again = previous?.email === email && previous.organizationId === organizationId;
  const sends = again ? (previous.sends ?? 1) + 1 : 1;
  const binding = { secret, email, returnTo, remember, organizationId, expiresAt, sends, sentAt: Date.now() };
  return { ok: true, binding } satisfies RequestLinkResult;
}

function failed(error: unknown, log: LogFields): RequestLinkResult {
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case 'invalid_email':
      logEvent('auth.request_failed', { ...log, reason: 'workos_rejected_email' });
      return { ok: false, code: 'invalid_email' };
    case 'rate_limited':
      logEvent('auth.request_failed', { ...log, reason: 'workos_rate_limited' });
      return { ok: false, code: 'rate_limit_exceeded', retryAfterSeconds: failure.retryAfterSeconds };
    case 'config':
      logEvent('auth.config_error', { ...log, status: failure.status, fix: failure.fix });
      return { ok: false, code: 'upstream_unavailable' };
    case 'unavailable':
      logEvent('auth.request_failed', { ...log, reason: failure.reason });
      return { ok: false, code: 'upstream_unavailable' };
  }
}

/**
 * Requests a magic link: rate limits, the organization's connection and domains, a stored attempt
 * bound to this browser, then WorkOS createSession and delivery, all WorkOS calls within one time
 * budget. Nothing is left behind when a step fails.
 */
export async function requestMagicLink(
  request: LinkRequest,
  context: { ip: string | null; binding: Binding | null },
): Promise<RequestLinkResult> {
  const log = { email: maskEmail(request.email), ip: context.ip, organizationId: request.organizationId };
  if (request.returnToRejected) logEvent('auth.return_to_rejected', log);
  const limit = await checkSignInLimits({ email: request.email, ip: context.ip });
  if (!limit.ok) {
    logEvent(limit.code === 'rate_limit_exceeded' ? 'auth.rate_limited' : 'auth.rate_limit_unavailable', log);
    return limit;
  }
  // One secret per browser: every pending link from this browser stays valid in it.
  const secret = context.binding?.secret ?? randomToken(32);
  const budget = workosBudget();
  try {
    const { organizationId, email } = request;
    const connection = organizationId ? await findMagicLinkConnection(organizationId, budget) : null;
    if (organizationId && !connection) {
      logEvent('auth.organization_not_found', log);
      return { ok: false, code: 'not_found' };
    }
    if (organizationId && !(await organizationAcceptsEmail(organizationId, email, budget, connection))) {
      // The same answer as a success: the form must not tell who belongs to the organization.
      // No attempt is stored and no email sent; a resend from check-email ends here again.
      logEvent('auth.organization_domain_mismatch', log);
      return succeeded(request, secret, Date.now() + getEnv().magicLinkTtlSeconds * 1000, context.binding);
    }
    const expiresAt =
      getEnv().signInMethod === 'code'
        ? await sendCode(request, secret, { log, budget })
        : await sendLink(request, connection?.id ?? null, secret, { log, budget });
    return succeeded(request, secret, expiresAt.getTime(), context.binding);
  } catch (error) {
    return failed(error, log);
  }
}
