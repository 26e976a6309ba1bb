import 'server-only';
import { RateLimitExceededException, UnprocessableEntityException } from '@workos-inc/node';
import { getEnv } from '../env.ts';
import { logEvent } from '../log.ts';
import { deliverMagicLink } from '../email/deliver.ts';
import { getStore } from '../store/index.ts';
import { createAttempt, discardAttempt } from './attempts.ts';
import type { AuthErrorCode } from './errors.ts';
import type { Binding } from './flow-cookies.ts';
import { maskEmail } from './mask.ts';
import { findMagicLinkConnection } from './organizations.ts';
import { checkSignInLimits } from './rate-limit.ts';
import type { SignInRequest } from './sign-in-request.ts';
import { randomToken, sha256Hex } from './tokens.ts';
import { getWorkOS } from './workos.ts';

export type RequestLinkResult =
  { ok: true; binding: Binding } | { ok: false; code: AuthErrorCode; retryAfterSeconds?: number };

// WorkOS accepts expires_in from 900 s; the app's own attempt TTL (<= 600 s) is what decides.
const WORKOS_EXPIRES_IN = 900;

function workosFailure(error: unknown): { code: AuthErrorCode; retryAfterSeconds?: number; reason: string } {
  if (error instanceof UnprocessableEntityException)
    return { code: 'invalid_email', reason: 'workos_rejected' };
  if (error instanceof RateLimitExceededException)
    return {
      code: 'rate_limit_exceeded',
      retryAfterSeconds: error.retryAfter ?? 60,
      reason: 'workos_rate_limited',
    };
  return { code: 'upstream_unavailable', reason: error instanceof Error ? error.name : 'unknown' };
}

type LinkRequest = SignInRequest & { organizationId: string | null };
type LogFields = { email: string; ip: string | null; organizationId: string | null };

/** Stores the attempt, asks WorkOS for the link and delivers it; the attempt is removed on failure. */
async function sendLink(request: LinkRequest, connectionId: string | null, secret: string, log: LogFields) {
  const env = getEnv();
  const createdAt = Date.now();
  const { email, returnTo, remember, organizationId } = request;
  const bindHash = await sha256Hex(secret);
  const attempt = {
    email,
    returnTo,
    remember,
    bindHash,
    createdAt,
    organizationId,
    connectionId,
    origin: env.appUrl,
  };
  const state = await createAttempt(getStore(), attempt, env.magicLinkTtlSeconds);
  try {
    const session = await getWorkOS().passwordless.createSession({
      type: 'MagicLink',
      email,
      redirectURI: `${env.appUrl}/api/auth/callback`,
      state,
      expiresIn: WORKOS_EXPIRES_IN,
      ...(connectionId ? { connection: connectionId } : {}),
    });
    logEvent('auth.link_requested', log);
    const expiresAt = new Date(createdAt + env.magicLinkTtlSeconds * 1000);
    await deliverMagicLink({ id: session.id, email, link: session.link, expiresAt });
    logEvent('auth.link_delivered', { ...log, delivery: env.email.delivery });
    return expiresAt;
  } catch (error) {
    await discardAttempt(getStore(), state).catch(() => undefined);
    throw error;
  }
}

/**
 * Requests a magic link: rate limits, organization connection, a stored attempt bound to this
 * browser, then WorkOS createSession and delivery. Nothing is left behind when a step fails.
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
  try {
    const { organizationId } = request;
    const connectionId = organizationId ? await findMagicLinkConnection(organizationId) : null;
    if (organizationId && !connectionId) {
      logEvent('auth.organization_not_found', log);
      return { ok: false, code: 'not_found' };
    }
    // One secret per browser: every pending link from this browser stays valid in it.
    const secret = context.binding?.secret ?? randomToken(32);
    const expiresAt = await sendLink(request, connectionId, secret, log);
    const { email, returnTo, remember } = request;
    return {
      ok: true,
      binding: { secret, email, returnTo, remember, organizationId, expiresAt: expiresAt.getTime() },
    };
  } catch (error) {
    const failure = workosFailure(error);
    logEvent('auth.request_failed', { ...log, reason: failure.reason });
    return { ok: false, code: failure.code, retryAfterSeconds: failure.retryAfterSeconds };
  }
}
