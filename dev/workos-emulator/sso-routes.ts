// SSO code exchange and profile: docs/workos-contract.md section 2.1.
import type { Route, RouteContext } from './context.ts';
import { oauthError, unauthorized } from './errors.ts';
import { bearerToken, sendJson, str, type Params } from './http.ts';
import { alphanumericToken } from './ids.ts';

const ACCESS_TOKEN_TTL_SECONDS = 600;

/** Query string and body merged (the API accepts the parameters in either), body winning. */
export function oauthParams(ctx: RouteContext): Params {
  return { ...ctx.query, ...ctx.body };
}

/** True when client_id and client_secret are this environment's; answers invalid_client otherwise. */
export function checkClient(ctx: RouteContext, params: Params): boolean {
  const { options } = ctx.emu;
  const ok = str(params.client_id) === options.clientId && str(params.client_secret) === options.apiKey;
  if (!ok) oauthError(ctx.res, 'invalid_client', 'Invalid client ID or secret.');
  return ok;
}

function token(ctx: RouteContext): void {
  const { emu, res } = ctx;
  const params = oauthParams(ctx);
  if (!checkClient(ctx, params)) return;
  const grantType = str(params.grant_type);
  if (!grantType) return oauthError(res, 'invalid_request', 'grant_type is required.');
  if (grantType !== 'authorization_code') {
    return oauthError(res, 'unsupported_grant_type', `The grant type '${grantType}' is not supported.`);
  }
  const code = str(params.code);
  if (!code) return oauthError(res, 'invalid_request', 'code is required.');
  const record = emu.store.codes.get(code);
  const now = emu.now();
  if (!record || record.usedAt !== undefined || record.expiresAt <= now) {
    return oauthError(res, 'invalid_grant', `The code '${code}' has expired or is invalid.`);
  }
  record.usedAt = now;
  const accessToken = alphanumericToken(32);
  emu.store.accessTokens.set(accessToken, {
    token: accessToken,
    profile: record.profile,
    expiresAt: now + ACCESS_TOKEN_TTL_SECONDS * 1000,
  });
  sendJson(res, 200, {
    token_type: 'Bearer',
    access_token: accessToken,
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    profile: record.profile,
  });
}

function profile({ emu, req, res }: RouteContext): void {
  const record = emu.store.accessTokens.get(bearerToken(req) ?? '');
  if (!record || record.expiresAt <= emu.now()) return unauthorized(res);
  sendJson(res, 200, record.profile);
}

/** Routes: POST /sso/token (form, JSON or query) and GET /sso/profile. */
export const ssoRoutes: Route[] = [
  { method: 'POST', path: '/sso/token', auth: 'none', bodyErrors: 'oauth', handle: token },
  { method: 'GET', path: '/sso/profile', auth: 'none', handle: profile },
];
