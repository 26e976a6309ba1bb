import {
  BadRequestException,
  GenericServerException,
  NotFoundException,
  OauthException,
  RateLimitExceededException,
  UnauthorizedException,
  UnprocessableEntityException,
} from '@workos-inc/node';
import { clampRetryAfter } from './workos-retry-after.ts';
import { WorkOSCallError, WorkOSTimeoutError, type WorkOSOperation } from './workos-budget.ts';

/** What a WorkOS failure means for the person and for whoever runs the deployment. */
export type WorkOSFailure =
  | { kind: 'invalid_email' }
  | { kind: 'rate_limited'; retryAfterSeconds: number }
  /** The deployment is misconfigured: the person sees "unavailable", the log says what to fix. */
  | { kind: 'config'; status: number; fix: string }
  /** WorkOS is slow, down or unreachable (or answered something unreadable). */
  | { kind: 'unavailable'; reason: string };

/** What to fix when WorkOS refuses a call as unprocessable (422) or the client (OAuth 4xx). */
const FIXES: Record<WorkOSOperation, string> = {
  list_connections: 'check the organization id and that WORKOS_API_KEY belongs to its WorkOS environment',
  get_organization: 'check the organization id and that WORKOS_API_KEY belongs to its WorkOS environment',
  create_session:
    'check that APP_URL + /api/auth/callback is an allowed Redirect URI in the WorkOS dashboard and that the organization has an active Magic Link connection',
  send_session: 'check that WORKOS_API_KEY belongs to the WorkOS environment that created the session',
  open_link: 'check that the WorkOS link host is reachable from the app',
  create_magic_auth: 'check that Magic Auth is enabled for this WorkOS environment (AuthKit, Authentication)',
  authenticate_code: 'check that WORKOS_CLIENT_ID and WORKOS_API_KEY are from the same WorkOS environment',
  exchange_code: 'check that WORKOS_CLIENT_ID and WORKOS_API_KEY are from the same WorkOS environment',
};

/** What to fix for an HTTP status that means the same whatever the call. */
const STATUS_FIXES: Record<number, string> = {
  401: 'WorkOS refused WORKOS_API_KEY: set the API key of this WorkOS environment',
  403: "WorkOS refused WORKOS_API_KEY for this call: check the key's environment and permissions",
  404: 'WorkOS has no such endpoint: check WORKOS_API_HOSTNAME, WORKOS_API_PORT and WORKOS_API_HTTPS',
  400: 'WorkOS refused the request as malformed: the app and the WorkOS API disagree (report it)',
};

/** An addresses-free copy of a WorkOS message, short enough for one log field. */
function redact(message: string): string {
  return message
    .replace(/\S+@\S+/g, '<address>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/**
 * True for a 422 about the email itself. The SDK keeps only the message, which lists each failed
 * requirement on its own line ("\temail must be an email"), the field name first.
 */
function isEmailRejection(error: UnprocessableEntityException): boolean {
  return error.message.split('\n').some((line) => /^\s*email\b/i.test(line));
}

function config(status: number, operation: WorkOSOperation, detail: string, oauth = false): WorkOSFailure {
  const fix = (!oauth && status !== 422 && STATUS_FIXES[status]) || FIXES[operation];
  return { kind: 'config', status, fix: `${fix} (WorkOS said: ${redact(detail)})` };
}

/**
 * Maps a failure of the sign-in steps to one honest meaning (docs/workos-contract.md, "Error
 * mapping"). Anything that is not a WorkOSCallError (the store, SMTP) is `unavailable`.
 */
export function classifyFailure(failure: unknown): WorkOSFailure {
  if (!(failure instanceof WorkOSCallError))
    return { kind: 'unavailable', reason: failure instanceof Error ? failure.name : 'unknown' };
  return classifyWorkOSError(failure.cause, failure.operation);
}

/** Maps what one WorkOS call threw, given which call it was. */
export function classifyWorkOSError(error: unknown, operation: WorkOSOperation): WorkOSFailure {
  if (error instanceof WorkOSTimeoutError) return { kind: 'unavailable', reason: 'workos_timeout' };
  if (error instanceof RateLimitExceededException)
    return { kind: 'rate_limited', retryAfterSeconds: clampRetryAfter(error.retryAfter) };
  if (error instanceof UnprocessableEntityException) {
    if ((operation === 'create_session' || operation === 'create_magic_auth') && isEmailRejection(error))
      return { kind: 'invalid_email' };
    // send_session's 422 means the session expired or is unknown: a transient failure, not config.
    if (operation === 'send_session') return { kind: 'unavailable', reason: 'workos_session_invalid' };
    return config(422, operation, error.message);
  }
  if (error instanceof UnauthorizedException) return config(401, operation, 'Unauthorized');
  if (error instanceof OauthException) {
    if (error.error === 'invalid_grant') return { kind: 'unavailable', reason: 'workos_invalid_grant' };
    if (error.status >= 500) return { kind: 'unavailable', reason: `workos_${error.status}` };
    if (error.status === 408) return { kind: 'unavailable', reason: 'workos_timeout' };
    return config(error.status, operation, error.error ?? 'OAuth error', true);
  }
  if (error instanceof NotFoundException) return config(404, operation, error.message);
  if (error instanceof BadRequestException) return config(400, operation, error.message);
  if (error instanceof GenericServerException) {
    if (error.status >= 500) return { kind: 'unavailable', reason: `workos_${error.status}` };
    return config(error.status, operation, error.message);
  }
  return { kind: 'unavailable', reason: error instanceof Error ? error.name : 'unknown' };
}
