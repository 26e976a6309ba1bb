import 'server-only';
import { getEnv } from '../../env.ts';
import { readBody, type BodyKind } from '../../http/body.ts';
import { isSameOrigin } from '../../http/origin.ts';
import { errorResponse, NO_STORE, seeOther } from '../../http/responses.ts';
import { errorStatus, type AuthErrorCode } from '../errors.ts';
import { readBinding, writeBinding, writeTypedEmail } from '../flow-cookies.ts';
import { ORGANIZATION_ID } from '../organizations.ts';
import { requestIp } from '../request-ip.ts';
import { parseSignInRequest } from '../sign-in-request.ts';
import { requestSignIn } from './request.ts';

const SUCCESS_MESSAGE = 'Check your email: if the address can receive mail, a sign-in link is on its way.';

/**
 * Where a plain HTML form goes back to with an error, keeping what the person typed: the address in
 * a short-lived sealed cookie (never in the URL), `returnTo` and the organization in the query.
 */
async function formError(
  code: AuthErrorCode,
  fields: Record<string, unknown>,
  organizationId: string | null,
) {
  const query = new URLSearchParams({ error: code });
  if (typeof fields.returnTo === 'string' && fields.returnTo.length <= 320)
    query.set('returnTo', fields.returnTo);
  if (organizationId) query.set('org', organizationId);
  if (typeof fields.email === 'string' && fields.email.length <= 320) await writeTypedEmail(fields.email);
  return seeOther(`/login?${query}`);
}

async function failure(
  request: Request,
  kind: BodyKind | null,
  code: AuthErrorCode,
  fields: Record<string, unknown>,
  org: string | null,
  retryAfter?: number,
) {
  // A readable form goes back to the login page with the error; anything else a browser sent
  // (a cross-site form, an unreadable body) gets an HTML page with a way back, JSON clients JSON.
  if (kind === 'form' && errorStatus(code) !== 403) return formError(code, fields, org);
  return errorResponse(request, code, {
    headers: retryAfter ? { 'Retry-After': String(retryAfter) } : {},
    back: backToLogin(org),
  });
}

/** The way back from an HTML error page: the login page, the organization's when there is one. */
function backToLogin(org: string | null) {
  const valid = org !== null && ORGANIZATION_ID.test(org);
  return { href: valid ? `/login?org=${encodeURIComponent(org)}` : '/login', label: 'Back to sign-in' };
}

/**
 * POST /api/auth/passwordless[/orgId]: same-origin JSON or form in, one identical success answer
 * for every valid address out (JSON 200, or 303 to the check-your-email page for the form).
 */
export async function handleSignInRequest(
  request: Request,
  organizationId: string | null,
): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl))
    return errorResponse(request, 'forbidden_origin', { back: backToLogin(organizationId) });
  if (organizationId !== null && !ORGANIZATION_ID.test(organizationId))
    return errorResponse(request, 'not_found');
  const body = await readBody(request);
  if (!body.ok) return failure(request, body.kind, body.code, {}, organizationId);
  const parsed = parseSignInRequest(body.fields, body.kind);
  if (!parsed.ok) return failure(request, body.kind, parsed.code, body.fields, organizationId);
  const { binding } = await readBinding();
  const result = await requestSignIn(
    { ...parsed.value, organizationId },
    { ip: requestIp(request.headers), binding },
  );
  if (!result.ok)
    return failure(request, body.kind, result.code, body.fields, organizationId, result.retryAfterSeconds);
  await writeBinding(result.binding, getEnv().magicLinkTtlSeconds);
  if (body.kind === 'form') return seeOther('/login/check-email');
  return Response.json({ success: true, message: SUCCESS_MESSAGE }, { status: 200, headers: NO_STORE });
}
