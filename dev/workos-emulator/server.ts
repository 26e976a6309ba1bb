import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectionsRoutes } from './connections-routes.ts';
import type { Emulator, Route } from './context.ts';
import { controlRoutes } from './control-routes.ts';
import { badBody, unauthorized } from './errors.ts';
import { faultBody, faultHeaders } from './faults.ts';
import {
  BodyTooLargeError,
  bearerToken,
  parseBody,
  readBody,
  searchParamsToObject,
  sendJson,
} from './http.ts';
import type { BodyResult } from './http.ts';
import { requestId } from './ids.ts';
import { magicAuthRoutes } from './magic-auth-routes.ts';
import { passwordlessRoutes } from './passwordless-routes.ts';
import { matchRoute } from './router.ts';
import { ssoRoutes } from './sso-routes.ts';

const API_ROUTES: Route[] = [...passwordlessRoutes, ...ssoRoutes, ...connectionsRoutes, ...magicAuthRoutes];

/** The emulator's HTTP server: WorkOS API routes, magic links and /_emulator. */
export function createHttpServer(emu: Emulator): Server {
  return createServer((req, res) => {
    handle(emu, req, res).catch((error: unknown) => {
      emu.options.log(`emulator error on ${req.method} ${req.url?.split('?')[0]}: ${String(error)}`);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal emulator error' });
      else res.destroy();
    });
  });
}

async function handle(emu: Emulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Every response, errors included, carries a request id like the real API's.
  res.setHeader('X-Request-ID', requestId());
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  let raw: string;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    res.setHeader('Connection', 'close');
    return sendJson(res, 413, { message: 'Request body too large.' });
  }
  const parsed = parseBody(raw, req.headers['content-type']);
  const isControl = url.pathname === '/_emulator' || url.pathname.startsWith('/_emulator/');
  if (isControl) return dispatch(emu, controlRoutes, { req, res, url, method, parsed });
  const entry = emu.requests.add({
    id: String(res.getHeader('X-Request-ID')),
    method,
    path: url.pathname,
    query: searchParamsToObject(url.searchParams),
    body: parsed.ok && raw.trim() !== '' ? parsed.value : null,
    status: undefined,
    time: new Date().toISOString(),
  });
  res.on('finish', () => {
    entry.status = res.statusCode;
    // Path only: query strings can carry secrets (client_secret on /sso/token).
    emu.options.log(`${method} ${url.pathname} ${res.statusCode}`);
  });
  if (await applyFault(emu, method, url.pathname, res)) return;
  return dispatch(emu, API_ROUTES, { req, res, url, method, parsed });
}

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  method: string;
  parsed: BodyResult;
}

async function dispatch(emu: Emulator, routes: Route[], { req, res, url, method, parsed }: Incoming) {
  const match = matchRoute(routes, method, url.pathname);
  if (!match) return sendJson(res, 404, { message: `Not Found: ${method} ${url.pathname}` });
  const { route, params } = match;
  if (route.auth === 'api_key' && bearerToken(req) !== emu.options.apiKey) return unauthorized(res);
  if (!parsed.ok) return badBody(res, route.bodyErrors ?? 'default', parsed.message);
  const query = searchParamsToObject(url.searchParams);
  await route.handle({ emu, req, res, url, params, query, body: parsed.value });
}

/** Applies the first matching queued fault; true when it answered the request. */
async function applyFault(
  emu: Emulator,
  method: string,
  path: string,
  res: ServerResponse,
): Promise<boolean> {
  const fault = emu.faults.take(method, path);
  if (!fault) return false;
  if (fault.delayMs > 0) {
    try {
      await sleep(fault.delayMs, undefined, { signal: emu.signal });
    } catch {
      // The emulator is shutting down: drop the request.
      res.destroy();
      return true;
    }
  }
  if (fault.status === undefined) return false;
  sendJson(res, fault.status, fault.body ?? faultBody(fault.status), faultHeaders(fault));
  return true;
}
