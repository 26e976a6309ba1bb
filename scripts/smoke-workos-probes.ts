// The probes of scripts/smoke-workos.ts: one question each about what real WorkOS does where
// dev/workos-emulator/README.md says "Behaviours no source settles". Each returns finding lines.
import { randomUUID } from 'node:crypto';
import { ConnectionType, RateLimitExceededException, type WorkOS } from '@workos-inc/node';
import type { ResponseTap } from '../dev/workos-emulator/response-tap.ts';
import { describeError, describeLink, isApiAnswer, maskEmail, openLink, redact } from './smoke-workos-lib.ts';
import type { SmokeConfig } from './smoke-workos-lib.ts';

export interface SmokeContext {
  workos: WorkOS;
  tap: ResponseTap;
  config: SmokeConfig;
  /** Connection id the first probe's profile named (the environment's, or the routed one). */
  routedConnectionId?: string;
}

/** A shaped id for an organization that cannot exist. */
export const UNKNOWN_ORGANIZATION_ID = 'org_00000000000000000000000000';

async function createSession(ctx: SmokeContext, email: string, connection?: string) {
  const session = await ctx.workos.passwordless.createSession({
    type: 'MagicLink',
    email,
    redirectURI: ctx.config.redirectUri,
    state: `smoke-${randomUUID()}`,
    ...(connection ? { connection } : {}),
  });
  ctx.tap.watch(new URL(session.link).origin);
  return session;
}

/** Opens a fresh link and exchanges its code: the profile says which connection was used. */
async function profileOf(ctx: SmokeContext, link: string) {
  const answer = await openLink(ctx.tap, link, ctx.config.redirectUri);
  if (!answer.code) return { answer, profile: undefined };
  const clientId = ctx.config.clientId;
  const { profile } = await ctx.workos.sso.getProfileAndToken({ code: answer.code, clientId });
  return { answer, profile };
}

const describeProfile = (p: {
  connectionId: string;
  organizationId?: string | null;
  connectionType: string;
}) =>
  `profile connection_type ${p.connectionType}, connection_id ${p.connectionId}, organization_id ${p.organizationId ?? 'null'}`;

/** createSession without `connection`; the link opened twice; which connection the profile names. */
export async function probeWithoutConnection(ctx: SmokeContext): Promise<string[]> {
  const email = ctx.config.email;
  const before = Date.now();
  const session = await createSession(ctx, email);
  const seconds = Math.round((new Date(String(session.expiresAt)).getTime() - before) / 1000);
  const lines = [`createSession without connection: 201 ${session.object}, expires in about ${seconds} s`];
  const { answer, profile } = await profileOf(ctx, session.link);
  lines.push(`first GET of the link: ${describeLink(answer)}`);
  if (profile) {
    ctx.routedConnectionId = profile.connectionId;
    lines.push(`domain routing (no connection, ${maskEmail(email)}): ${describeProfile(profile)}`);
  }
  const second = await openLink(ctx.tap, session.link, ctx.config.redirectUri);
  lines.push(`second GET of the used link: ${describeLink(second)}`);
  return lines;
}

async function organizationConnection(ctx: SmokeContext): Promise<string | undefined> {
  const organizationId = ctx.config.organizationId;
  if (!organizationId) return undefined;
  const list = await ctx.workos.sso.listConnections({
    organizationId,
    connectionType: ConnectionType.MagicLink,
  });
  return list.data.find((c) => c.state === 'active')?.id;
}

async function tryConnection(ctx: SmokeContext, label: string, email: string, connection: string) {
  try {
    const session = await createSession(ctx, email, connection);
    const { answer, profile } = await profileOf(ctx, session.link);
    if (!profile) return `${label}: accepted (201), but the link answered ${describeLink(answer)}`;
    const verdict = profile.connectionId === connection ? 'honoured' : 'accepted but NOT honoured';
    return `${label}: ${verdict}; ${describeProfile(profile)}`;
  } catch (error) {
    if (!isApiAnswer(error)) throw error;
    return `${label}: refused: ${describeError(error)}`;
  }
}

/** createSession with an explicit `connection`, and with one plus an address outside its domains. */
export async function probeWithConnection(ctx: SmokeContext): Promise<string[]> {
  const orgConnection = await organizationConnection(ctx);
  const lines: string[] = [];
  if (ctx.config.organizationId && !orgConnection) {
    lines.push(`organization ${ctx.config.organizationId}: no active Magic Link connection listed`);
  }
  const connection = orgConnection ?? ctx.routedConnectionId;
  if (connection) {
    const label = `createSession with connection ${connection} (${maskEmail(ctx.config.email)})`;
    lines.push(await tryConnection(ctx, label, ctx.config.email, connection));
  }
  if (!orgConnection) {
    lines.push('connection + foreign-domain email: skipped (set SMOKE_ORGANIZATION_ID)');
    return lines;
  }
  const foreign = ctx.config.foreignEmail;
  const label = `connection ${orgConnection} + foreign-domain email ${maskEmail(foreign)}`;
  lines.push(await tryConnection(ctx, label, foreign, orgConnection));
  return lines;
}

/** HEAD on a fresh link (what mail scanners do), then the person's GET. */
export async function probeHead(ctx: SmokeContext): Promise<string[]> {
  const session = await createSession(ctx, ctx.config.email);
  const head = await openLink(ctx.tap, session.link, ctx.config.redirectUri, 'HEAD');
  const get = await openLink(ctx.tap, session.link, ctx.config.redirectUri);
  const verdict = get.code ? 'the link still worked' : 'the HEAD used the link up';
  return [
    `HEAD on a fresh link: ${describeLink(head)}`,
    `GET after the HEAD: ${describeLink(get)} (${verdict})`,
  ];
}

/** listConnections for an organization id that does not exist. */
export async function probeUnknownOrganization(ctx: SmokeContext): Promise<string[]> {
  const label = `listConnections for an unknown organization (${UNKNOWN_ORGANIZATION_ID})`;
  try {
    const list = await ctx.workos.sso.listConnections({
      organizationId: UNKNOWN_ORGANIZATION_ID,
      connectionType: ConnectionType.MagicLink,
    });
    return [`${label}: 200 with ${list.data.length} connection(s)`];
  } catch (error) {
    if (!isApiAnswer(error)) throw error;
    return [`${label}: ${describeError(error)}`];
  }
}

/** createSession until the first 429 (at most SMOKE_RATE_LIMIT_MAX calls): its body and Retry-After. */
export async function probeRateLimit(ctx: SmokeContext): Promise<string[]> {
  const max = ctx.config.rateLimitMax;
  for (let calls = 1; calls <= max; calls++) {
    try {
      await createSession(ctx, ctx.config.email);
    } catch (error) {
      if (!(error instanceof RateLimitExceededException))
        return [`rate limit: call ${calls} failed: ${describeError(error)}`];
      const record = (await ctx.tap.peek()).findLast((r) => r.status === 429);
      const body = record ? (JSON.parse(record.text || '{}') as Record<string, unknown>) : {};
      const values = ['code', 'error', 'message']
        .filter((key) => typeof body[key] === 'string')
        .map((key) => `${key}="${redact(String(body[key]))}"`);
      return [
        `rate limit: 429 after ${calls} createSession call(s); body keys ${Object.keys(body).join(',') || '(none)'}; ${values.join(', ')}`,
        `rate limit: Retry-After ${record?.retryAfter === null || !record ? 'absent' : `"${redact(record.retryAfter)}"`} (SDK retryAfter ${String(error.retryAfter)})`,
      ];
    }
  }
  return [`rate limit: no 429 after ${max} createSession calls`];
}
