// /_emulator/*: the control API that tests and people use (contract in README.md).
import { z } from 'zod';
import type { Route, RouteContext } from './context.ts';
import { faultSchema } from './faults.ts';
import { sendEmpty, sendHtml, sendJson, sendRedirect } from './http.ts';
import { INBOX_CSP, renderInboxPage } from './inbox-page.ts';
import { expireSessions } from './passwordless-confirm.ts';

function invalid(ctx: RouteContext, error: z.ZodError): void {
  sendJson(ctx.res, 400, { message: z.prettifyError(error) });
}

function addFault(ctx: RouteContext): void {
  const parsed = faultSchema.safeParse(ctx.body);
  if (!parsed.success) return invalid(ctx, parsed.error);
  const { status, delayMs, body, retryAfter, headers } = parsed.data;
  if (status === undefined && delayMs === 0) {
    return sendJson(ctx.res, 400, { message: 'A fault needs a status, a delayMs, or both.' });
  }
  if (
    status === undefined &&
    (body !== undefined || retryAfter !== undefined || Object.keys(headers).length > 0)
  ) {
    return sendJson(ctx.res, 400, { message: 'body, retryAfter and headers need a status.' });
  }
  sendJson(ctx.res, 201, ctx.emu.faults.add(parsed.data));
}

const expireSchema = z.strictObject({ email: z.string().min(1) });

function expire(ctx: RouteContext): void {
  const parsed = expireSchema.safeParse(ctx.body);
  if (!parsed.success) return invalid(ctx, parsed.error);
  sendJson(ctx.res, 200, { expired: expireSessions(ctx.emu, parsed.data.email) });
}

function reset({ emu, res }: RouteContext): void {
  emu.store.reset();
  emu.inbox.clear();
  emu.faults.clear();
  emu.requests.clear();
  sendJson(res, 200, { ok: true });
}

const route = (method: string, path: string, handle: Route['handle']): Route => ({
  method,
  path: `/_emulator${path}`,
  auth: 'none',
  handle,
});

/** Control routes; no auth (the emulator only binds to loopback by default). */
export const controlRoutes: Route[] = [
  route('GET', '', ({ res }) => sendRedirect(res, '/_emulator/inbox')),
  route('GET', '/health', ({ res }) => sendJson(res, 200, { ok: true })),
  route('GET', '/emails', ({ emu, res, query }) => sendJson(res, 200, emu.inbox.list(query.to))),
  route('DELETE', '/emails', ({ emu, res }) => {
    emu.inbox.clear();
    sendEmpty(res);
  }),
  route('GET', '/inbox', ({ emu, res }) =>
    sendHtml(res, 200, renderInboxPage(emu.inbox.list()), { 'Content-Security-Policy': INBOX_CSP }),
  ),
  route('GET', '/faults', ({ emu, res }) => sendJson(res, 200, emu.faults.list())),
  route('POST', '/faults', addFault),
  route('DELETE', '/faults', ({ emu, res }) => {
    emu.faults.clear();
    sendEmpty(res);
  }),
  route('GET', '/requests', ({ emu, res, query }) =>
    sendJson(res, 200, emu.requests.list(query.path, query.method)),
  ),
  route('POST', '/sessions/expire', expire),
  route('POST', '/reset', reset),
];
