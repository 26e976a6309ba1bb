/** Every failure the sign-in flow can report, one vocabulary for JSON, redirects and the login page. */
export type AuthErrorCode =
  | 'invalid_email'
  | 'invalid_request'
  | 'forbidden_origin'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limit_exceeded'
  | 'upstream_unavailable'
  | 'expired'
  | 'auth_failed'
  | 'confirm_expired'
  | 'code_invalid'
  | 'code_expired'
  | 'code_used'
  | 'code_locked'
  | 'code_no_request'
  | 'not_signed_in'
  | 'session_not_found'
  | 'sessions_unavailable';

type ErrorInfo = { status: number; message: string };

const ERRORS: Record<AuthErrorCode, ErrorInfo> = {
  invalid_email: { status: 400, message: 'Enter a valid email address, like name@example.com.' },
  invalid_request: { status: 400, message: 'The request was not understood. Please try again.' },
  forbidden_origin: { status: 403, message: 'This request did not come from this site.' },
  not_found: { status: 404, message: 'We could not find that sign-in option.' },
  method_not_allowed: { status: 405, message: 'This address does not accept that method.' },
  payload_too_large: { status: 413, message: 'The request is too large.' },
  unsupported_media_type: { status: 415, message: 'Send JSON or a form.' },
  rate_limit_exceeded: {
    status: 429,
    message: 'Too many sign-in requests. Please wait a few minutes before trying again.',
  },
  upstream_unavailable: {
    status: 503,
    message: 'We could not send your sign-in link right now. Please try again in a moment.',
  },
  expired: {
    status: 400,
    message:
      'That sign-in link has expired or was already used. Email security software sometimes opens links before you do. Request a new one below.',
  },
  auth_failed: { status: 400, message: 'We could not sign you in with that link. Request a new one below.' },
  code_invalid: { status: 400, message: 'That code is not right. Check the email and type it again.' },
  code_expired: { status: 400, message: 'That code has expired. Send a new one below.' },
  code_used: { status: 400, message: 'That code was already used. Send a new one below.' },
  code_locked: {
    status: 400,
    message: 'Too many wrong codes: that code no longer works. Send a new one below.',
  },
  code_no_request: {
    status: 400,
    message: 'This browser has no sign-in code waiting. Enter your email to get one.',
  },
  not_signed_in: { status: 401, message: 'You are not signed in. Sign in to manage your sessions.' },
  session_not_found: { status: 404, message: 'That session has already ended.' },
  sessions_unavailable: {
    status: 503,
    message: 'We could not reach your sessions right now. Nothing was changed; please try again in a moment.',
  },
  confirm_expired: {
    status: 400,
    message: 'That confirmation has expired or was already used. Request a new sign-in link below.',
  },
};

/** True when `value` is one of the known error codes. */
export function isAuthErrorCode(value: unknown): value is AuthErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** The HTTP status an error code maps to. */
export function errorStatus(code: AuthErrorCode): number {
  return ERRORS[code].status;
}

/** The sentence shown to a person for an error code. */
export function errorMessage(code: AuthErrorCode): string {
  return ERRORS[code].message;
}

/** The JSON body every API error uses. */
export function errorBody(code: AuthErrorCode) {
  return { success: false as const, error: { code, message: errorMessage(code) } };
}
