import 'server-only';
import { ConnectionType } from '@workos-inc/node';
import { getEnv } from '../../env.ts';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import { consumeAttempt, type Attempt } from '../attempts.ts';
import { createConfirmation } from '../confirmations.ts';
import type { Binding } from '../flow-cookies.ts';
import { maskEmail } from '../mask.ts';
import { organizationAcceptsEmail } from '../organizations.ts';
import { checkCallbackLimit, refundCallbackLimit } from '../rate-limit.ts';
import { getSession } from '../session.ts';
import { recordActivity } from '../sessions/activity.ts';
import { sha256Hex } from '../tokens.ts';
import { getWorkOS, workosBudget, workosClientId } from '../workos.ts';
import type { WorkOSBudget } from '../workos-budget.ts';
import { classifyFailure } from '../workos-errors.ts';
import type { Verified } from './complete.ts';

export type CallbackOutcome =
  | { kind: 'same-browser'; verified: Verified }
  | { kind: 'other-device'; confirmToken: string }
  | { kind: 'already-signed-in'; returnTo: string }
  | { kind: 'failed'; code: 'expired' | 'auth_failed' | 'rate_limit_exceeded' };

const STATE = /^[A-Za-z0-9_-]{43}$/;
const CODE = /^[A-Za-z0-9_-]{1,512}$/;

/** Exactly one value per parameter (a repeated one is parameter pollution, ASVS 15.3.7). */
function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  return values.length === 1 ? (values[0] ?? null) : null;
}

/** WorkOS's `error` values that mean the link itself is spent (anything else: sign-in failed). */
const SPENT_LINK_ERRORS = new Set(['access_denied', 'expired', 'invalid_grant']);

async function exchange(code: string, attempt: Attempt, budget: WorkOSBudget) {
  const { profile } = await budget.call('exchange_code', () =>
    getWorkOS().sso.getProfileAndToken({ code, clientId: workosClientId() }),
  );
  // The code is not bound to our state (no PKCE here): check it belongs to this attempt (docs/security.md F5).
  const sameEmail = profile.email.toLowerCase() === attempt.email;
  const rightConnection = attempt.connectionId
    ? profile.connectionId === attempt.connectionId
    : profile.connectionType === ConnectionType.MagicLink;
  return sameEmail && rightConnection ? profile : null;
}

/** A WorkOS `error` value fit for a log field: short, and only letters, digits and "_". */
function loggable(value: string | undefined): string {
  const clean = (value ?? '').replace(/[^A-Za-z0-9_]/g, '').slice(0, 40);
  return clean || 'empty';
}

/** The log reason of a failed code exchange; a misconfigured deployment is also logged as such. */
function exchangeFailed(error: unknown): string {
  const failure = classifyFailure(error);
  if (failure.kind === 'config') {
    logEvent('auth.config_error', { operation: 'exchange_code', status: failure.status, fix: failure.fix });
    return 'exchange_config_error';
  }
  return failure.kind === 'unavailable' ? `exchange_${failure.reason}` : `exchange_${failure.kind}`;
}

type Context = { ip: string | null; binding: { present: boolean; binding: Binding | null } };
type Failure = Extract<CallbackOutcome, { kind: 'failed' }>;

/** Logs a failed callback; when the attempt named its address, it goes into that person's activity too. */
async function failed(
  context: Context,
  code: Failure['code'],
  reason: string,
  email?: string,
): Promise<Failure> {
  logEvent('auth.callback_failed', { reason, ip: context.ip, email: email ? maskEmail(email) : undefined });
  if (email) await recordActivity(email, code === 'expired' ? 'expired' : 'failed', context.ip);
  return { kind: 'failed', code };
}

async function checkParameters(params: URLSearchParams, context: Context): Promise<CallbackOutcome> {
  const store = getStore();
  const state = single(params, 'state');
  if (params.has('error')) {
    // WorkOS reports a failed link, whatever its `error` says (and however often it says it):
    // burn our attempt too so the state cannot linger.
    if (state && STATE.test(state)) await consumeAttempt(store, state);
    const errors = params.getAll('error');
    const spent = errors.length === 1 && SPENT_LINK_ERRORS.has(errors[0] ?? '');
    return failed(context, spent ? 'expired' : 'auth_failed', `workos_error_${loggable(errors[0])}`);
  }
  const code = single(params, 'code');
  if (!state || !code || !STATE.test(state) || !CODE.test(code))
    return failed(context, 'auth_failed', 'bad_parameters');
  // Consumed before the code exchange: of two concurrent callbacks, only one gets this far.
  const attempt = await consumeAttempt(store, state);
  if (!attempt) return failed(context, 'expired', 'unknown_or_used_state');
  // Made on another deployment sharing this store (a preview and production): not ours to finish.
  if (attempt.origin !== getEnv().appUrl)
    return failed(context, 'auth_failed', 'origin_mismatch', attempt.email);
  const { present, binding } = context.binding;
  const sameBrowser = binding !== null && (await sha256Hex(binding.secret)) === attempt.bindHash;
  if (present && !sameBrowser) return failed(context, 'auth_failed', 'binding_mismatch', attempt.email);
  const budget = workosBudget();
  const profile = await exchange(code, attempt, budget).catch((error: unknown) => exchangeFailed(error));
  if (!profile || typeof profile === 'string')
    return failed(context, 'auth_failed', profile ?? 'profile_mismatch', attempt.email);
  // Plain sign-in routed by WorkOS to an organization's connection carries that organization.
  const organizationId = attempt.organizationId ?? profile.organizationId ?? null;
  if (organizationId && !(await organizationAcceptsEmail(organizationId, attempt.email, budget))) {
    logEvent('auth.organization_domain_mismatch', {
      email: maskEmail(attempt.email),
      ip: context.ip,
      organizationId,
    });
    return failed(context, 'auth_failed', 'organization_domain_mismatch', attempt.email);
  }
  const { email, returnTo, remember } = attempt;
  if (sameBrowser)
    return {
      kind: 'same-browser',
      verified: { userId: profile.id, email, organizationId, remember, returnTo },
    };
  // An earlier link, opened after a newer one signed this browser in as the same person: nothing to
  // confirm and nothing to change (the attempt is used up all the same).
  const current = await getSession();
  if (current && current.email === email && current.organizationId === organizationId) {
    logEvent('auth.callback_already_signed_in', { email: maskEmail(email), ip: context.ip });
    return { kind: 'already-signed-in', returnTo };
  }
  // Another device: never sign in on a GET. Park the verified profile behind a one-time click.
  const confirmToken = await createConfirmation(store, {
    userId: profile.id,
    email,
    organizationId,
    returnTo,
    remember,
    origin: attempt.origin,
  });
  logEvent('auth.confirm_shown', { email: maskEmail(email), ip: context.ip });
  await recordActivity(email, 'confirm_shown', context.ip);
  return { kind: 'other-device', confirmToken };
}

/**
 * Handles WorkOS's redirect: rate limit, then the attempt is consumed before the code exchange,
 * the profile verified against it, and the outcome decided by the browser binding. The limit
 * counts failures only (RL-07): counted up front, so concurrent ones cannot slip past it, and
 * handed back when the link was good.
 */
export async function verifyCallback(params: URLSearchParams, context: Context): Promise<CallbackOutcome> {
  const limit = await checkCallbackLimit(context.ip);
  // A limiter that cannot answer is no "too many": the person is sent to sign in again.
  if (!limit.ok)
    return failed(context, limit.code === 'rate_limit_exceeded' ? limit.code : 'auth_failed', limit.code);
  let outcome: CallbackOutcome;
  try {
    outcome = await checkParameters(params, context);
  } catch (error) {
    outcome = await failed(
      context,
      'auth_failed',
      `unavailable_${error instanceof Error ? error.name : 'error'}`,
    );
  }
  if (outcome.kind !== 'failed') await refundCallbackLimit(context.ip);
  return outcome;
}
