import 'server-only';
import { GenericServerException } from '@workos-inc/node';
import { getEnv } from '../../env.ts';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import { attemptIsLive, consumeAttemptByHash } from '../attempts.ts';
import { discardContinueLinkByHash } from '../continue-links.ts';
import type { AuthErrorCode } from '../errors.ts';
import type { Binding } from '../flow-cookies.ts';
import { maskEmail } from '../mask.ts';
import { recordActivity } from '../sessions/activity.ts';
import { checkVerifyLimits, refundCallbackLimit } from '../rate-limit.ts';
import { sha256Hex } from '../tokens.ts';
import { getWorkOS, workosBudget, workosClientId } from '../workos.ts';
import { WorkOSCallError } from '../workos-budget.ts';
import {
  codeHashOf,
  consumeCodeAttempt,
  countWrongCode,
  discardCodeAttempt,
  readCodeAttempt,
  saveCodeAttempt,
} from './code-attempts.ts';
import type { Verified } from './complete.ts';
import type { PreparedLink } from './link.ts';
import type { SendContext } from './send-context.ts';

// The Magic Auth method: WorkOS creates a 6-digit code (and emails it, unless we deliver our own
// email), the person types it on the check-email page of the browser that asked.

/**
 * Creates this browser's code and remembers it (only its keyed hash), paired with `link` for
 * link+code. Returns the code for our own email; removes what it stored when WorkOS fails.
 */
export async function prepareCode(context: SendContext, secret: string, link: PreparedLink | null) {
  const env = getEnv();
  const { email, returnTo, remember, organizationId } = context.request;
  const magicAuth = await context.budget.call('create_magic_auth', () =>
    getWorkOS().userManagement.createMagicAuth({ email }),
  );
  await saveCodeAttempt(
    getStore(),
    context.bindHash,
    {
      email,
      returnTo,
      remember,
      organizationId,
      origin: env.appUrl,
      codeHash: await codeHashOf(secret, magicAuth.code),
      stateHash: link?.stateHash ?? null,
      continueHash: link?.continueHash ?? null,
    },
    env.magicLinkTtlSeconds,
  );
  const discard = () => discardCodeAttempt(getStore(), context.bindHash).catch(() => undefined);
  return { code: magicAuth.code, discard };
}

/** "123 456", "123-456" and " 123456 " are all 123456: what people paste from an email. */
export function normalizeCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 32) return null;
  const digits = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** WorkOS's one-time-code errors (docs/workos-contract.md §3), each with its own sentence. */
const WORKOS_CODE_ERRORS: Record<string, AuthErrorCode> = {
  invalid_one_time_code: 'code_invalid',
  one_time_code_expired: 'code_expired',
  one_time_code_previously_used: 'code_used',
  one_time_code_too_many_attempts: 'code_locked',
};

function workosCodeError(error: unknown): string | null {
  const cause = error instanceof WorkOSCallError ? error.cause : error;
  return cause instanceof GenericServerException && typeof cause.code === 'string' ? cause.code : null;
}

export type CodeOutcome =
  { ok: true; verified: Verified } | { ok: false; code: AuthErrorCode; retryAfterSeconds?: number };

type Log = { email: string; ip: string | null };

async function wrongCode(bindHash: string, log: Log, email: string): Promise<CodeOutcome> {
  const left = await countWrongCode(getStore(), bindHash, getEnv().magicLinkTtlSeconds);
  logEvent('auth.code_failed', { ...log, reason: 'code_invalid', triesLeft: left });
  await recordActivity(email, 'failed', log.ip);
  return { ok: false, code: left === 0 ? 'code_locked' : 'code_invalid' };
}

/**
 * Checks a typed code for the browser that asked for it: the address comes from its binding
 * cookie, never from the form. Per-address and per-IP limits (the IP's counts only failures), at
 * most MAX_WRONG_CODES wrong codes per attempt (checked here, before WorkOS), then WorkOS
 * authenticateWithMagicAuth. A paired link
 * (link+code) and the code share one attempt: whichever is used first, the other is refused.
 */
export async function verifyCode(
  input: unknown,
  context: { ip: string | null; binding: Binding | null },
): Promise<CodeOutcome> {
  const { binding, ip } = context;
  if (!binding) return { ok: false, code: 'code_no_request' };
  const limit = await checkVerifyLimits({ email: binding.email, ip });
  if (!limit.ok) return limit;
  const outcome = await checkCode(input, binding, ip);
  // The address keeps its count, right or wrong; the IP's failure budget gets a sign-in's back.
  if (outcome.ok) await refundCallbackLimit(ip);
  return outcome;
}

async function checkCode(input: unknown, binding: Binding, ip: string | null): Promise<CodeOutcome> {
  const log = { email: maskEmail(binding.email), ip };
  const store = getStore();
  const bindHash = await sha256Hex(binding.secret);
  const attempt = await readCodeAttempt(store, bindHash, getEnv().appUrl);
  if (!attempt || attempt.email !== binding.email) return { ok: false, code: 'code_no_request' };
  if (attempt.stateHash && !(await attemptIsLive(store, attempt.stateHash))) {
    logEvent('auth.code_failed', { ...log, reason: 'link_used_first' });
    return { ok: false, code: 'code_used' };
  }
  const code = normalizeCode(input);
  if (!code || (await codeHashOf(binding.secret, code)) !== attempt.codeHash)
    return wrongCode(bindHash, log, binding.email);
  try {
    const { user } = await workosBudget().call('authenticate_code', () =>
      getWorkOS().userManagement.authenticateWithMagicAuth({
        clientId: workosClientId(),
        code,
        email: attempt.email,
      }),
    );
    // The shared attempt decides between the code and its link; then this browser's code record.
    const linkLost = attempt.stateHash
      ? (await consumeAttemptByHash(store, attempt.stateHash)) === null
      : false;
    if (linkLost || !(await consumeCodeAttempt(store, bindHash))) return { ok: false, code: 'code_used' };
    if (attempt.continueHash) await discardContinueLinkByHash(store, attempt.continueHash);
    const { email, returnTo, remember, organizationId } = attempt;
    return { ok: true, verified: { userId: user.id, email, returnTo, remember, organizationId } };
  } catch (error) {
    const mapped = WORKOS_CODE_ERRORS[workosCodeError(error) ?? ''];
    logEvent('auth.code_failed', {
      ...log,
      reason: mapped ?? (error instanceof Error ? error.name : 'unknown'),
    });
    await recordActivity(binding.email, mapped === 'code_expired' ? 'expired' : 'failed', ip);
    return { ok: false, code: mapped ?? 'upstream_unavailable' };
  }
}
