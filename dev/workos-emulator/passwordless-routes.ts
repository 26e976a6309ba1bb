// Passwordless (Magic Link): docs/workos-contract.md section 1.
import { resolveConnection, type Resolved } from './connection-routing.ts';
import type { Emulator, Route, RouteContext } from './context.ts';
import { magicLinkEmail } from './emails.ts';
import { unprocessable, validationFailed, type FieldError } from './errors.ts';
import { sendJson, str, type Params } from './http.ts';
import { alphanumericToken, prefixedId } from './ids.ts';
import { confirmLink, peekLink } from './passwordless-confirm.ts';
import { isAllowedRedirectUri } from './redirect-uris.ts';
import { iso } from './resources.ts';
import type { PasswordlessSession } from './store.ts';

const MIN_EXPIRES_IN = 900;
const MAX_EXPIRES_IN = 86_400;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** Plausible address check (not RFC 5322; WorkOS's own rule is unknown). */
export function isPlausibleEmail(value: string): boolean {
  return value.length <= 320 && EMAIL_PATTERN.test(value);
}

function optionalString(body: Params, field: string, errors: FieldError[]): void {
  const value = body[field];
  if (value !== undefined && value !== null && typeof value !== 'string') {
    errors.push({ field, code: `${field} must be a string` });
  }
}

// Messages follow the class-validator wording of the recorded real 422 ("email must be a string").
function validateCreate(body: Params): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof body.email !== 'string') errors.push({ field: 'email', code: 'email must be a string' });
  else if (!isPlausibleEmail(body.email)) errors.push({ field: 'email', code: 'email must be an email' });
  if (body.type !== 'MagicLink') errors.push({ field: 'type', code: 'type must be a valid enum value' });
  const expiresIn = body.expires_in;
  if (expiresIn !== undefined && expiresIn !== null) {
    if (typeof expiresIn !== 'number' || !Number.isInteger(expiresIn)) {
      errors.push({ field: 'expires_in', code: 'expires_in must be an integer number' });
    } else if (expiresIn < MIN_EXPIRES_IN) {
      errors.push({ field: 'expires_in', code: `expires_in must not be less than ${MIN_EXPIRES_IN}` });
    } else if (expiresIn > MAX_EXPIRES_IN) {
      errors.push({ field: 'expires_in', code: `expires_in must not be greater than ${MAX_EXPIRES_IN}` });
    }
  }
  for (const field of ['redirect_uri', 'state', 'connection']) optionalString(body, field, errors);
  return errors;
}

function resolveRedirect(emu: Emulator, requested: string | undefined): Resolved<string> {
  const configured = emu.options.redirectUris;
  if (requested === undefined || requested === '') {
    const fallback = emu.options.defaultRedirectUri;
    if (fallback) return { ok: true, value: fallback };
    return {
      ok: false,
      message: 'No redirect_uri was given and the environment has no default redirect URI.',
    };
  }
  if (isAllowedRedirectUri(requested, configured)) return { ok: true, value: requested };
  return { ok: false, message: `The redirect_uri '${requested}' is not an allowed redirect URI.` };
}

function sessionJson(emu: Emulator, s: PasswordlessSession) {
  const link = `${emu.publicUrl}/passwordless/${s.token}/confirm`;
  return { object: 'passwordless_session', id: s.id, email: s.email, expires_at: iso(s.expiresAt), link };
}

function createSession({ emu, res, body }: RouteContext): void {
  const errors = validateCreate(body);
  if (errors.length > 0) return validationFailed(res, errors);
  const redirect = resolveRedirect(emu, str(body.redirect_uri));
  if (!redirect.ok) return unprocessable(res, redirect.message);
  const connection = resolveConnection(emu, str(body.connection), body.email as string);
  if (!connection.ok) return unprocessable(res, connection.message);
  const now = emu.now();
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : emu.options.sessionExpiresIn;
  const session: PasswordlessSession = {
    id: prefixedId('passwordless_session', now),
    email: body.email as string,
    token: alphanumericToken(25),
    redirectUri: redirect.value,
    state: str(body.state),
    connectionId: connection.value.id,
    createdAt: now,
    expiresAt: now + expiresIn * 1000,
    usedAt: undefined,
  };
  emu.store.addSession(session);
  sendJson(res, 201, sessionJson(emu, session));
}

function sendSession({ emu, res, params }: RouteContext): void {
  const id = params.id ?? '';
  const session = emu.store.sessions.get(id);
  if (!session || session.usedAt !== undefined || session.expiresAt <= emu.now()) {
    return unprocessable(res, `The passwordless session '${id}' has expired or is invalid.`);
  }
  const link = sessionJson(emu, session).link;
  emu.inbox.add(magicLinkEmail(session.email, link, new Date(session.expiresAt)));
  sendJson(res, 201, { success: true });
}

/** Routes: create session, send session, and the link itself. */
export const passwordlessRoutes: Route[] = [
  { method: 'POST', path: '/passwordless/sessions', auth: 'api_key', handle: createSession },
  { method: 'POST', path: '/passwordless/sessions/:id/send', auth: 'api_key', handle: sendSession },
  { method: 'GET', path: '/passwordless/:token/confirm', auth: 'none', handle: confirmLink },
  { method: 'HEAD', path: '/passwordless/:token/confirm', auth: 'none', handle: peekLink },
];
