import 'server-only';
import { getEnv } from '../../env.ts';
import { logEvent } from '../../log.ts';
import type { AuthErrorCode } from '../errors.ts';
import type { Binding } from '../flow-cookies.ts';
import { maskEmail } from '../mask.ts';
import { findMagicLinkConnection, organizationAcceptsEmail } from '../organizations.ts';
import { checkSignInLimits } from '../rate-limit.ts';
import { randomToken, sha256Hex } from '../tokens.ts';
import { workosBudget } from '../workos.ts';
import { classifyFailure } from '../workos-errors.ts';
import type { FlowRequest } from './send-context.ts';
import { sendSignInEmail } from './send.ts';

export type RequestResult =
  { ok: true; binding: Binding } | { ok: false; code: AuthErrorCode; retryAfterSeconds?: number };

type LogFields = { email: string; ip: string | null; organizationId: string | null };

/** A success: the binding cookie for this browser's pending request, counting resends of it. */
function succeeded(request: FlowRequest, secret: string, expiresAt: number, previous: Binding | null) {
  const { email, returnTo, remember, organizationId } = request;
  const again = previous?.email === email && previous.organizationId === organizationId;
  const sends = again ? (previous.sends ?? 1) + 1 : 1;
  const binding = { secret, email, returnTo, remember, organizationId, expiresAt, sends, sentAt: Date.now() };
  return { ok: true, binding } satisfies RequestResult;
}

function failed(error: unknown, log: LogFields): RequestResult {
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
 * Requests a sign-in email: rate limits, the organization's connection and domains, then the
 * method's attempt bound to this browser and its delivery (send.ts), all WorkOS calls within one
 * time budget. Nothing is left behind when a step fails.
 */
export async function requestSignIn(
  request: FlowRequest,
  context: { ip: string | null; binding: Binding | null },
): Promise<RequestResult> {
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
    const send = {
      request,
      bindHash: await sha256Hex(secret),
      connectionId: connection?.id ?? null,
      createdAt: Date.now(),
      budget,
    };
    const expiresAt = await sendSignInEmail(send, secret, log);
    return succeeded(request, secret, expiresAt.getTime(), context.binding);
  } catch (error) {
    return failed(error, log);
  }
}
