import 'server-only';
import { z } from 'zod';
import { getEnv } from '../../env.ts';
import { readBody } from '../../http/body.ts';
import { isSameOrigin } from '../../http/origin.ts';
import { errorResponse, NO_STORE, seeOther } from '../../http/responses.ts';
import { logEvent } from '../../log.ts';
import { maskEmail } from '../mask.ts';
import { requestIp } from '../request-ip.ts';
import { endSession, getSession, readSessionCookie } from '../session.ts';
import { readOverview } from './overview.ts';
import { recordActivity } from './activity.ts';
import { revokeSessions, type RevokeTarget } from './registry.ts';

// The HTTP ends of session management; app/api/auth/sessions/** delegate here in one line.

/** GET /api/auth/sessions: the signed-in person's live sessions (JSON), the current one marked. */
export async function handleListSessions(request: Request): Promise<Response> {
  const user = await readSessionCookie();
  // The check and the listing share one store round trip (see readOverview).
  const overview = user ? await readOverview(user, { activity: false }) : null;
  if (overview?.check !== 'ok') return errorResponse(request, 'not_signed_in');
  if (!overview.sessions) return errorResponse(request, 'sessions_unavailable');
  return Response.json({ sessions: overview.sessions }, { headers: NO_STORE });
}

const yes = z.union([z.literal(true), z.literal('true'), z.literal('1'), z.literal('on')]);
// Exactly one of the three: strict objects refuse any other field (and so any second target).
const TARGET = z.union([
  z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{16}$/) }),
  z.strictObject({ others: yes }),
  z.strictObject({ all: yes }),
]);

/** The one target a revoke request names, or null. */
export function parseTarget(fields: Record<string, unknown>): RevokeTarget | null {
  const parsed = TARGET.safeParse({ ...fields });
  if (!parsed.success) return null;
  if ('id' in parsed.data) return { id: parsed.data.id };
  return 'others' in parsed.data ? { others: true } : { all: true };
}

/**
 * POST /api/auth/sessions/revoke with exactly one of `id` (a session's public id), `others` or
 * `all`, as a form or JSON, same-origin only. Forms get a 303: to /dashboard, or to /login when
 * this browser's own session was among those ended. JSON gets `{ revoked, signedOut, complete }`.
 */
export async function handleRevoke(request: Request): Promise<Response> {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const body = await readBody(request);
  if (!body.ok) return errorResponse(request, body.code);
  const form = body.kind === 'form';
  const target = parseTarget(body.fields);
  if (!target) return errorResponse(request, 'invalid_request');
  const user = await getSession();
  if (!user) return form ? seeOther('/login?returnTo=%2Fdashboard') : errorResponse(request, 'not_signed_in');
  const ip = requestIp(request.headers);
  let result;
  try {
    result = await revokeSessions(user, target);
  } catch (error) {
    logEvent('session.revoke_failed', { reason: error instanceof Error ? error.name : 'unknown' });
    return form
      ? seeOther('/dashboard?sessions=unavailable')
      : errorResponse(request, 'sessions_unavailable');
  }
  if (!result.found)
    return form ? seeOther('/dashboard?sessions=not_found') : errorResponse(request, 'session_not_found');
  const scope = 'id' in target ? 'one' : 'others' in target ? 'others' : 'all';
  logEvent('auth.sessions_revoked', {
    email: maskEmail(user.email),
    ip,
    scope,
    count: result.count,
    complete: result.complete,
  });
  if (result.count > 0) await recordActivity(user.email, 'revoked', ip);
  // This browser's own session was among them: its cookie goes too (and anything left to revoke).
  const signedOut = result.current ? await endSession() : null;
  const complete = result.complete && (signedOut?.complete ?? true);
  if (form) {
    if (signedOut) return seeOther(`/login?signout=${complete ? 'complete' : 'incomplete'}`);
    return seeOther(`/dashboard?sessions=${complete ? 'revoked' : 'incomplete'}&count=${result.count}`);
  }
  return Response.json(
    { revoked: result.count, signedOut: signedOut !== null, complete },
    { headers: NO_STORE },
  );
}
