import 'server-only';
import { getEnv } from '../env.ts';
import { errorStatus, type AuthErrorCode } from '../auth/errors.ts';
import { ORGANIZATION_ID } from '../auth/organizations.ts';
import { readBinding, writeBinding } from '../auth/flow-cookies.ts';
import { requestIp } from '../auth/request-ip.ts';
import { requestMagicLink } from '../auth/request-link.ts';
import { parseSignInRequest } from '../auth/sign-in-request.ts';
import { readBody, type BodyKind } from './body.ts';
import { isSameOrigin } from './origin.ts';
import { jsonError, NO_STORE, seeOther } from './responses.ts';

const SUCCESS_MESSAGE = 'Check your email: if the address can receive mail, a sign-in link is on its way.';

/** Where a plain HTML form goes back to with an error, keeping what the person typed. */
function formError(code: AuthErrorCode, fields: Record<string, unknown>, organizationId: string | null) {
  const query = new URLSearchParams({ error: code });
  for (const name of ['email', 'returnTo'] as const) {
    const value = fields[name];
    if (typeof value === 'string' && value.length <= 320) query.set(name, value);
  }
  if (organizationId) query.set('org', organizationId);
  return seeOther(`/login?${query}`);
}

function failure(
  kind: BodyKind | null,
  code: AuthErrorCode,
  fields: Record<string, unknown>,
  org: string | null,
  retryAfter?: number,
) {
  if (kind === 'form' && errorStatus(code) !== 403) return formError(code, fields, org);
  return jsonError(code, { headers: retryAfter ? { 'Retry-After': String(retryAfter) } : {} });
}

/**
 * POST /api/auth/passwordless[/orgId]: same-origin JSON or form in, one identical success answer
 * for every valid address out (JSON 200, or 303 to the check-your-email page for the form).
 */
export async function handleSignInRequest(
  request: Request,
  organizationId: string | null,
): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return jsonError('forbidden_origin');
  if (organizationId !== null && !ORGANIZATION_ID.test(organizationId)) return jsonError('not_found');
  const body = await readBody(request);
  if (!body.ok) return failure(body.kind, body.code, {}, organizationId);
  const parsed = parseSignInRequest(body.fields, body.kind);
  if (!parsed.ok) return failure(body.kind, parsed.code, body.fields, organizationId);
  const { binding } = await readBinding();
  const result = await requestMagicLink(
    { ...parsed.value, organizationId },
    { ip: requestIp(request.headers), binding },
  );
  if (!result.ok)
    return failure(body.kind, result.code, body.fields, organizationId, result.retryAfterSeconds);
  await writeBinding(result.binding, getEnv().magicLinkTtlSeconds);
  if (body.kind === 'form') return seeOther('/login/check-email');
  return Response.json({ success: true, message: SUCCESS_MESSAGE }, { status: 200, headers: NO_STORE });
}
