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

/**
 * Requests a magic link: rate limits, organization connection, a stored attempt bound to this
 * browser, then WorkOS createSession and delivery. Nothing is left behind when a step fails.
 */
export async function requestMagicLink(
  request: SignInRequest & { organizationId: string | null },
  context: { ip: string | null; binding: Binding | null },
): Promise<RequestLinkResult> {
  const env = getEnv();
  const log = { email: maskEmail(request.email), ip: context.ip, organizationId: request.organizationId };
  if (request.returnToRejected) logEvent('auth.return_to_rejected', log);
  const limit = await checkSignInLimits({ email: request.email, ip: context.ip });
  if (!limit.ok) {
    logEvent(limit.code === 'rate_limit_exceeded' ? 'auth.rate_limited' : 'auth.rate_limit_unavailable', log);
    return limit;
  }
  let state: string | undefined;
  try {
    const connectionId = request.organizationId
      ? await findMagicLinkConnection(request.organizationId)
      : null;
    if (request.organizationId && !connectionId) {
      logEvent('auth.organization_not_found', log);
      return { ok: false, code: 'not_found' };
    }
    // One secret per browser: every pending link from this browser stays valid in it.
    const secret = context.binding?.secret ?? randomToken(32);
    const attempt = {
      email: request.email,
      returnTo: request.returnTo,
      remember: request.remember,
      bindHash: await sha256Hex(secret),
      createdAt: Date.now(),
      organizationId: request.organizationId,
      connectionId,
    };
    state = await createAttempt(getStore(), attempt, env.magicLinkTtlSeconds);
    const session = await getWorkOS().passwordless.createSession({
      type: 'MagicLink',
      email: request.email,
      redirectURI: `${env.appUrl}/api/auth/callback`,
      state,
      expiresIn: WORKOS_EXPIRES_IN,
      ...(connectionId ? { connection: connectionId } : {}),
    });
    logEvent('auth.link_requested', log);
    const expiresAt = new Date(attempt.createdAt + env.magicLinkTtlSeconds * 1000);
    await deliverMagicLink({ id: session.id, email: request.email, link: session.link, expiresAt });
    logEvent('auth.link_delivered', { ...log, delivery: env.email.delivery });
    const { email, returnTo, remember, organizationId } = request;
    return {
      ok: true,
      binding: { secret, email, returnTo, remember, organizationId, expiresAt: expiresAt.getTime() },
    };
  } catch (error) {
    if (state) await discardAttempt(getStore(), state).catch(() => undefined);
    const failure = workosFailure(error);
    logEvent('auth.request_failed', { ...log, reason: failure.reason });
    return { ok: false, code: failure.code, retryAfterSeconds: failure.retryAfterSeconds };
  }
}
