// Which wire schema each WorkOS route answers with, per status (docs/workos-contract.md).
import { z } from 'zod';
import * as w from './wire-schemas.ts';

export type Expectation =
  | { kind: 'json'; schema: z.ZodType }
  | { kind: 'redirect'; schema: z.ZodType }
  | { kind: 'html' }
  | { kind: 'empty' };

/** One accepted answer: method (`*` any), path pattern (`:name` segments, `*` any path), statuses. */
export interface WireRule {
  method: string;
  path: string;
  status: number | readonly [number, number];
  expect: Expectation;
}

const json = (schema: z.ZodType): Expectation => ({ kind: 'json', schema });

const SESSIONS = '/passwordless/sessions';
const LINK = '/passwordless/:token/confirm';
const AUTHENTICATE = '/user_management/authenticate';

/** The API routes, for naming a path without its ids and tokens. */
export const WIRE_ROUTES = [
  SESSIONS,
  `${SESSIONS}/:id/send`,
  LINK,
  '/sso/token',
  '/sso/profile',
  '/connections',
  '/connections/:id',
  '/organizations/:id',
  '/user_management/magic_auth',
  '/user_management/magic_auth/:id',
  AUTHENTICATE,
];

/** Route-specific answers first, then the ones any route may give (auth, faults, transport). */
export const WIRE_RULES: readonly WireRule[] = [
  { method: 'POST', path: SESSIONS, status: 201, expect: json(w.passwordlessSessionSchema) },
  {
    method: 'POST',
    path: SESSIONS,
    status: 422,
    expect: json(z.union([w.validationErrorSchema, w.messageErrorSchema])),
  },
  { method: 'POST', path: `${SESSIONS}/:id/send`, status: 201, expect: json(w.sendSessionSchema) },
  { method: 'POST', path: `${SESSIONS}/:id/send`, status: 422, expect: json(w.messageErrorSchema) },
  { method: 'GET', path: LINK, status: 302, expect: { kind: 'redirect', schema: w.linkRedirectQuerySchema } },
  { method: 'GET', path: LINK, status: 404, expect: { kind: 'html' } },
  { method: 'HEAD', path: LINK, status: 200, expect: { kind: 'empty' } },
  { method: 'POST', path: '/sso/token', status: 200, expect: json(w.ssoTokenSchema) },
  { method: 'POST', path: '/sso/token', status: 400, expect: json(w.oauthErrorSchema) },
  { method: 'GET', path: '/sso/profile', status: 200, expect: json(w.profileSchema) },
  { method: 'GET', path: '/connections', status: 200, expect: json(w.connectionListSchema) },
  { method: 'GET', path: '/connections', status: 422, expect: json(w.validationErrorSchema) },
  { method: 'GET', path: '/connections/:id', status: 200, expect: json(w.connectionSchema) },
  { method: 'GET', path: '/organizations/:id', status: 200, expect: json(w.organizationSchema) },
  { method: 'POST', path: '/user_management/magic_auth', status: 201, expect: json(w.magicAuthSchema) },
  {
    method: 'POST',
    path: '/user_management/magic_auth',
    status: 422,
    expect: json(w.userManagementValidationSchema),
  },
  { method: 'GET', path: '/user_management/magic_auth/:id', status: 200, expect: json(w.magicAuthSchema) },
  { method: 'POST', path: AUTHENTICATE, status: 200, expect: json(w.authenticateSchema) },
  {
    method: 'POST',
    path: AUTHENTICATE,
    status: 400,
    expect: json(z.union([w.codeErrorSchema, w.oauthErrorSchema])),
  },
  { method: 'POST', path: AUTHENTICATE, status: 422, expect: json(w.userManagementValidationSchema) },
  // Any route: a body that does not parse, a wrong key, not found, too large, rate limited, failing.
  { method: '*', path: '*', status: 400, expect: json(w.invalidBodySchema) },
  { method: '*', path: '*', status: 401, expect: json(w.unauthorizedSchema) },
  { method: '*', path: '*', status: 404, expect: json(w.notFoundSchema) },
  { method: '*', path: '*', status: 413, expect: json(w.messageErrorSchema) },
  { method: '*', path: '*', status: 429, expect: json(w.rateLimitSchema) },
  { method: '*', path: '*', status: [500, 599], expect: json(w.serverErrorSchema) },
];

function matches(pattern: string, path: string): boolean {
  if (pattern === '*') return true;
  const parts = pattern.split('/').filter(Boolean);
  const segments = path.split('/').filter(Boolean);
  return (
    parts.length === segments.length &&
    parts.every((part, i) => (part.startsWith(':') ? segments[i] !== '' : part === segments[i]))
  );
}

function statusMatches(rule: WireRule, status: number): boolean {
  return typeof rule.status === 'number'
    ? rule.status === status
    : status >= rule.status[0] && status <= rule.status[1];
}

/** The first rule for this method, path and status; undefined when none applies. */
export function ruleFor(method: string, path: string, status: number): WireRule | undefined {
  const m = method.toUpperCase();
  return WIRE_RULES.find(
    (rule) =>
      (rule.method === '*' || rule.method === m) && matches(rule.path, path) && statusMatches(rule, status),
  );
}

/** `path` as its route pattern (`/passwordless/:token/confirm`), so no token or id is printed. */
export function routePattern(path: string): string {
  const route = WIRE_ROUTES.find((pattern) => matches(pattern, path));
  if (route) return route;
  return path.replace(/[^/]{16,}/g, ':id');
}
