import 'server-only';
import { GenericServerException } from '@workos-inc/node';
import { getEnv } from '../env.ts';
import { logEvent } from '../log.ts';
import { getStore } from '../store/index.ts';
import { consumeCodeAttempt, countWrongCode, readCodeAttempt, type CodeAttempt } from './code-attempts.ts';
import type { AuthErrorCode } from './errors.ts';
import type { Binding } from './flow-cookies.ts';
import { maskEmail } from './mask.ts';
import { checkCallbackLimit } from './rate-limit.ts';
import { sha256Hex } from './tokens.ts';
import { getWorkOS, workosBudget, workosClientId } from './workos.ts';
import { WorkOSCallError } from './workos-budget.ts';

export type CodeOutcome =
  | { ok: true; attempt: CodeAttempt; userId: string }
  | { ok: false; code: AuthErrorCode; retryAfterSeconds?: number };

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

/**
 * Checks a typed code for the browser that asked for it: the address comes from its binding
 * cookie, never from the form. Per-IP limit, at most MAX_WRONG_CODES wrong codes per attempt,
 * then WorkOS authenticateWithMagicAuth; the attempt is used once.
 */
export async function verifyCode(
  input: unknown,
  context: { ip: string | null; binding: Binding | null },
): Promise<CodeOutcome> {
  const limit = await checkCallbackLimit(context.ip);
  if (!limit.ok) return limit;
  const { binding, ip } = context;
  if (!binding) return { ok: false, code: 'code_no_request' };
  const log = { email: maskEmail(binding.email), ip };
  const store = getStore();
  const { appUrl, magicLinkTtlSeconds } = getEnv();
  const bindHash = await sha256Hex(binding.secret);
  const attempt = await readCodeAttempt(store, bindHash, appUrl);
  if (!attempt || attempt.email !== binding.email) return { ok: false, code: 'code_no_request' };
  const code = normalizeCode(input);
  if (!code) return { ok: false, code: 'code_invalid' };
  try {
    const { user } = await workosBudget().call('authenticate_code', () =>
      getWorkOS().userManagement.authenticateWithMagicAuth({
        clientId: workosClientId(),
        code,
        email: attempt.email,
      }),
    );
    if (!(await consumeCodeAttempt(store, bindHash))) return { ok: false, code: 'code_used' };
    return { ok: true, attempt, userId: user.id };
  } catch (error) {
    const mapped = WORKOS_CODE_ERRORS[workosCodeError(error) ?? ''];
    if (!mapped) {
      logEvent('auth.code_failed', { ...log, reason: error instanceof Error ? error.name : 'unknown' });
      return { ok: false, code: 'upstream_unavailable' };
    }
    const left = mapped === 'code_invalid' ? await countWrongCode(store, bindHash, magicLinkTtlSeconds) : 1;
    logEvent('auth.code_failed', { ...log, reason: mapped, triesLeft: left });
    return { ok: false, code: left === 0 ? 'code_locked' : mapped };
  }
}
