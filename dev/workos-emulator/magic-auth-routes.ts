// AuthKit Magic Auth: docs/workos-contract.md sections 2.2 and 3.
import type { Emulator, Route, RouteContext } from './context.ts';
import { magicAuthEmail } from './emails.ts';
import { codeError, entityNotFound, oauthError, type FieldError } from './errors.ts';
import { sendJson, str } from './http.ts';
import { alphanumericToken, prefixedId, sixDigitCode, ulid } from './ids.ts';
import { signJwt } from './jwt.ts';
import { isPlausibleEmail } from './passwordless-routes.ts';
import { magicAuthJson, userJson } from './resources.ts';
import { checkClient, oauthParams } from './sso-routes.ts';
import type { MagicAuth, User } from './store.ts';

const MAGIC_AUTH_TTL_MS = 10 * 60 * 1000;
const ACCESS_TOKEN_TTL_SECONDS = 300;
export const MAGIC_AUTH_GRANT = 'urn:workos:oauth:grant-type:magic-auth:code';

function invalidParameters(ctx: RouteContext, errors: FieldError[]): void {
  sendJson(ctx.res, 422, { message: 'Validation failed', code: 'invalid_request_parameters', errors });
}

function emailErrors(email: unknown): FieldError[] {
  if (typeof email !== 'string') return [{ field: 'email', code: 'email must be a string' }];
  return isPlausibleEmail(email) ? [] : [{ field: 'email', code: 'email must be an email' }];
}

// Creating a Magic Auth code signs the user up when needed, as the real API's user_id implies.
function findOrCreateUser(emu: Emulator, email: string): User {
  const key = email.toLowerCase();
  const existing = emu.store.users.get(key);
  if (existing) return existing;
  const now = emu.now();
  const user: User = {
    id: prefixedId('user', now),
    email: key,
    emailVerified: false,
    lastSignInAt: undefined,
    createdAt: now,
    updatedAt: now,
  };
  emu.store.users.set(key, user);
  return user;
}

function createMagicAuth(ctx: RouteContext): void {
  const { emu, body } = ctx;
  const errors = emailErrors(body.email);
  if (errors.length > 0) return invalidParameters(ctx, errors);
  const user = findOrCreateUser(emu, body.email as string);
  const now = emu.now();
  const magicAuth: MagicAuth = {
    id: prefixedId('magic_auth', now),
    userId: user.id,
    email: user.email,
    code: sixDigitCode(),
    createdAt: now,
    expiresAt: now + MAGIC_AUTH_TTL_MS,
    usedAt: undefined,
  };
  emu.store.magicAuths.set(magicAuth.id, magicAuth);
  if (emu.options.emailMagicAuthCodes) emu.inbox.add(magicAuthEmail(user.email, magicAuth.code));
  sendJson(ctx.res, 201, magicAuthJson(magicAuth));
}

function getMagicAuth({ emu, res, params }: RouteContext): void {
  const id = params.id ?? '';
  const magicAuth = emu.store.magicAuths.get(id);
  if (!magicAuth) return entityNotFound(res, `MagicAuth not found: '${id}'.`, id);
  sendJson(res, 200, magicAuthJson(magicAuth));
}

/** The newest Magic Auth of `email` with `code`, if any. */
function findMagicAuth(emu: Emulator, email: string, code: string): MagicAuth | undefined {
  const key = email.toLowerCase();
  const matches = [...emu.store.magicAuths.values()].filter((m) => m.email === key && m.code === code);
  return matches.at(-1);
}

function accessToken(emu: Emulator, user: User, now: number): string {
  const iat = Math.floor(now / 1000);
  return signJwt(
    {
      iss: `${emu.publicUrl}/user_management/${emu.options.clientId}`,
      sub: user.id,
      sid: prefixedId('session', now),
      jti: ulid(now),
      iat,
      exp: iat + ACCESS_TOKEN_TTL_SECONDS,
    },
    emu.jwtSecret,
  );
}

function authenticateMagicAuth(ctx: RouteContext, email: unknown, code: unknown): void {
  const { emu, res } = ctx;
  const errors = emailErrors(email);
  if (typeof code !== 'string' || code === '') errors.push({ field: 'code', code: 'code must be a string' });
  if (errors.length > 0) return invalidParameters(ctx, errors);
  const magicAuth = findMagicAuth(emu, email as string, code as string);
  const now = emu.now();
  if (!magicAuth) return codeError(res, 'invalid_one_time_code', 'The one-time code is invalid.');
  if (magicAuth.usedAt !== undefined) {
    return codeError(res, 'one_time_code_previously_used', 'The one-time code has already been used.');
  }
  if (magicAuth.expiresAt <= now)
    return codeError(res, 'one_time_code_expired', 'The one-time code has expired.');
  magicAuth.usedAt = now;
  const user = emu.store.users.get(magicAuth.email);
  if (!user) return codeError(res, 'invalid_one_time_code', 'The one-time code is invalid.');
  Object.assign(user, { emailVerified: true, lastSignInAt: now, updatedAt: now });
  sendJson(res, 200, {
    user: userJson(user),
    access_token: accessToken(emu, user, now),
    refresh_token: alphanumericToken(25),
    authentication_method: 'MagicAuth',
  });
}

function authenticate(ctx: RouteContext): void {
  const params = oauthParams(ctx);
  if (!checkClient(ctx, params)) return;
  const grantType = str(params.grant_type);
  if (grantType === MAGIC_AUTH_GRANT) return authenticateMagicAuth(ctx, params.email, params.code);
  if (!grantType) return oauthError(ctx.res, 'invalid_request', 'grant_type is required.');
  oauthError(
    ctx.res,
    'unsupported_grant_type',
    `The grant type '${grantType}' is not supported by the emulator.`,
  );
}

/** Routes: create/get Magic Auth, authenticate with the magic-auth grant. */
export const magicAuthRoutes: Route[] = [
  { method: 'POST', path: '/user_management/magic_auth', auth: 'api_key', handle: createMagicAuth },
  { method: 'GET', path: '/user_management/magic_auth/:id', auth: 'api_key', handle: getMagicAuth },
  {
    method: 'POST',
    path: '/user_management/authenticate',
    auth: 'none',
    bodyErrors: 'oauth',
    handle: authenticate,
  },
];
