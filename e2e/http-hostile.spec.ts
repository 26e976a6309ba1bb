// Hostile URLs never reach a 500: a path Next cannot percent-decode under /api/auth (before the
// middleware gate it failed decoding the `[orgId]` segment and answered a bare 500 without any
// security header), the image optimizer (it fetched our own pages and answered 500), and other odd
// paths. Every answer is a 4xx (or the dashboard's login redirect) with the security headers of
// next.config.ts (docs/security.md §8.2).
import { expect, freshEmail, test } from './fixtures.ts';
import { header, rawRequest, sameOrigin, type RawResponse } from './raw-http.ts';

type Probe = { path: string; status: number; kind?: 'json' | 'html'; accept?: string };

const MALFORMED = [
  '%',
  '%zz',
  '%ff',
  '%c3%28',
  '%c0%af',
  '%e0%80%af',
  '%ed%a0%80',
  'org_1%f',
  '%ff'.repeat(2000),
];

/** Malformed escapes in every kind of /api/auth segment: the dynamic one, static ones, deeper ones. */
const AUTH_PATHS: Probe[] = [
  ...MALFORMED.map((bad) => ({ path: `/api/auth/passwordless/${bad}`, status: 400, kind: 'json' as const })),
  ...['/api/auth/%ff', '/api/auth/callback/%ff', '/api/auth/logout/%', '/api/auth/passwordless/%ff/x'].map(
    (path) => ({ path, status: 400, kind: 'json' as const }),
  ),
  { path: '/api/auth/passwordless/%ff.rsc', status: 400, kind: 'json' },
  { path: '/api/auth/passwordless/%ff', status: 400, kind: 'html', accept: 'text/html,*/*' },
];

const image = (query: string): Probe => ({ path: `/_next/image${query}`, status: 404 });

/** The optimizer is off (the app renders no next/image): local pages, API routes, assets, absolute URLs. */
const IMAGE_PATHS: Probe[] = [
  image('?url=%2Fdashboard&w=64&q=75'),
  image('?url=%2Flogin&w=64&q=75'),
  image('?url=%2F&w=64&q=75'),
  image('?url=%2Fapi%2Fauth%2Fcallback&w=64&q=75'),
  image('?url=%2Fapi%2Fauth%2Fpasswordless&w=640&q=100'),
  image('?url=%2Ficon.svg&w=64&q=75'),
  image('?url=%2Fno-such.png&w=64&q=75'),
  image('?url=https%3A%2F%2Fexample.com%2Fa.png&w=64&q=75'),
  image('?url=http%3A%2F%2F127.0.0.1%2Flogin&w=64&q=75'),
  image('?url=%2F%2Fevil.example%2Fa.png&w=64&q=75'),
  image('?url=%2F_next%2Fimage%3Furl%3D%252Flogin&w=64&q=75'),
  image(''),
  image('?url=%2Fdashboard'),
  image('?w=64&q=75'),
];

/** Other dynamic or odd paths (measured; these were already 4xx, kept so they stay that way). */
const OTHER_PATHS: Probe[] = [
  ...['/%ff', '/%', '/login/%ff', '/login/%', '/login/confirm/%ff', '/%ff/dashboard'].map((path) => ({
    path,
    status: 404,
    kind: 'html' as const,
  })),
  { path: '/_next/static/%ff', status: 404 },
  { path: '/_next/static/chunks/%ff.js', status: 404 },
  { path: '/_next/data/x/%ff.json', status: 404 },
  { path: '/api/%ff', status: 404 },
  { path: '/api/canonical/%ff', status: 404 },
  { path: `/api/${'%ff'.repeat(2000)}`, status: 404 },
  { path: `/${'a'.repeat(5000)}`, status: 404 },
  { path: `/api/auth/passwordless/${'a'.repeat(5000)}`, status: 405, kind: 'json' },
  { path: '/dashboard/%ff', status: 303 },
  { path: '/dashboard.segments/%ff.segment.rsc', status: 303 },
];

/**
 * The header set next.config.ts puts on every response (on pages the middleware's nonce CSP takes
 * the CSP's place; it carries the same three directives).
 */
function expectSecurityHeaders(response: RawResponse, label: string) {
  const csp = header(response, 'content-security-policy');
  for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"])
    expect(csp, label).toContain(directive);
  expect(header(response, 'x-frame-options'), label).toBe('DENY');
  expect(header(response, 'x-content-type-options'), label).toBe('nosniff');
  expect(header(response, 'referrer-policy'), label).toBe('strict-origin-when-cross-origin');
  expect(header(response, 'strict-transport-security'), label).toBe('max-age=63072000; includeSubDomains');
  expect(header(response, 'permissions-policy'), label).toMatch(/camera=\(\)/);
  expect(header(response, 'cross-origin-opener-policy'), label).toBe('same-origin');
  expect(response.headers['x-powered-by'], label).toBeUndefined();
  expect(response.body, `${label}: no stack trace`).not.toMatch(/\n\s+at\s|node_modules\//);
}

function expectBody(response: RawResponse, probe: Probe, label: string) {
  if (probe.kind === 'json') {
    expect(header(response, 'content-type'), label).toMatch(/^application\/json/);
    const body = JSON.parse(response.body) as { success: boolean; error: { code: string } };
    expect(body.success, label).toBe(false);
    if (probe.status === 400) expect(body.error.code, label).toBe('invalid_request');
  } else if (probe.kind === 'html') {
    expect(header(response, 'content-type'), label).toMatch(/^text\/html/);
  }
  if (probe.path.startsWith('/api/auth/'))
    expect(header(response, 'cache-control'), label).toMatch(/no-store/);
}

async function probeAll(appUrl: string, probes: Probe[], method = 'GET') {
  for (const probe of probes) {
    const label = `${method} ${probe.path.slice(0, 80)}${probe.path.length > 80 ? `…(${probe.path.length})` : ''}`;
    const response = await rawRequest({
      url: `${appUrl}${probe.path}`,
      method,
      headers: { accept: probe.accept ?? '*/*' },
    });
    expect(response.status, `${label}: ${response.body.slice(0, 120)}`).toBe(probe.status);
    expectSecurityHeaders(response, label);
    if (method !== 'HEAD') expectBody(response, probe, label);
  }
}

test.describe('hostile URLs: a 4xx with the security headers, never a 500', () => {
  test('malformed percent-encoding under /api/auth is a 400 in the house shape', async ({ target }) => {
    await probeAll(target.appUrl, AUTH_PATHS);
    await probeAll(target.appUrl, AUTH_PATHS.slice(0, 3), 'HEAD');
  });

  test('a form post to a malformed organization path is a 400 page, nothing sent', async ({ target }) => {
    const response = await rawRequest({
      url: `${target.appUrl}/api/auth/passwordless/%ff`,
      method: 'POST',
      headers: sameOrigin(target, {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,*/*',
        'sec-fetch-mode': 'navigate',
      }),
      body: `email=${encodeURIComponent(freshEmail('hostile'))}`,
    });
    expect(response.status).toBe(400);
    expect(header(response, 'content-type')).toMatch(/^text\/html/);
    expect(response.body).toContain('<a href="/login">');
    expect(response.setCookies).toEqual([]);
    expectSecurityHeaders(response, 'POST /api/auth/passwordless/%ff');
  });

  test('a well-formed escape still reaches the handler', async ({ target }) => {
    // %6f is "o": the seeded organization, spelled with an escape, signs in as usual.
    const response = await rawRequest({
      url: `${target.appUrl}/api/auth/passwordless/%6frg_01JEXAMPE0RG00000000000001`,
      method: 'POST',
      headers: sameOrigin(target, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: freshEmail('escaped-org') }),
    });
    expect(response.status, response.body).toBe(200);
    // %25ff decodes to a literal "%ff": a well-formed (unknown) organization id, the handler's 404.
    const unknown = await rawRequest({
      url: `${target.appUrl}/api/auth/passwordless/%25ff`,
      method: 'POST',
      headers: sameOrigin(target, { 'content-type': 'application/json' }),
      body: JSON.stringify({ email: freshEmail('escaped-unknown') }),
    });
    expect(unknown.status, unknown.body).toBe(404);
    expect((JSON.parse(unknown.body) as { error: { code: string } }).error.code).toBe('not_found');
  });

  test('a large body on a path the middleware sees is refused, not held or a 500', async ({ target }) => {
    for (const path of [
      '/api/auth/passwordless/%ff',
      '/api/auth/passwordless/%6frg_01JEXAMPE0RG00000000000001',
    ]) {
      const response = await rawRequest({
        url: `${target.appUrl}${path}`,
        method: 'POST',
        headers: sameOrigin(target, { 'content-type': 'application/json' }),
        body: JSON.stringify({ email: freshEmail('big'), pad: 'x'.repeat(512 * 1024) }),
        transfer: 'chunked',
      });
      expect(response.status, `${path}: ${response.body.slice(0, 120)}`).toBe(400);
      expectSecurityHeaders(response, path);
      expect((JSON.parse(response.body) as { error: { code: string } }).error.code).toBe('invalid_request');
    }
  });

  test('the image optimizer is off: pages, API routes and absolute URLs are 404s', async ({ target }) => {
    await probeAll(target.appUrl, IMAGE_PATHS);
    await probeAll(target.appUrl, IMAGE_PATHS.slice(0, 2), 'HEAD');
  });

  test('other odd and long paths stay 4xx (or the login redirect)', async ({ target }) => {
    await probeAll(target.appUrl, OTHER_PATHS);
  });
});
