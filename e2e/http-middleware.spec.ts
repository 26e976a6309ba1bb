// MW-01, MW-02, MW-04: anonymous probes at the protected dashboard through every URL form and
// header trick known to have bypassed Next.js middleware. Each must end at the login page (a 3xx
// chain that reaches /login) or be a 401/403/404, never a 5xx, and never contain the signed-in
// sentinel `data-testid="dashboard"`.
import { readFileSync } from 'node:fs';
import { expect, freshEmail, sealSession, test } from './fixtures.ts';
import { getWith, header, rawRequest, CookieJar, type RawResponse, type Target } from './raw-http.ts';

/** Markup only a signed-in dashboard renders (HTML and the RSC payload form). */
const SENTINELS = [
  'data-testid="dashboard"',
  '"data-testid":"dashboard"',
  'data-testid=\\"dashboard\\"',
  'user-email',
];

function expectNoSentinel(response: RawResponse, label: string) {
  for (const sentinel of SENTINELS)
    expect(response.body, `${label}: contains ${sentinel}`).not.toContain(sentinel);
}

function isLogin(location: string, target: Target): boolean {
  const url = new URL(location, target.appUrl);
  return url.origin === target.appUrl && /^\/(?:_next\/data\/[^/]+\/)?login(?:\.json)?$/.test(url.pathname);
}

/**
 * Sends the probe and follows same-origin redirects (keeping the probe's headers, like a browser
 * would) until it reaches the login page or a final answer.
 */
async function expectDenied(target: Target, path: string, headers: Record<string, string> = {}) {
  const label = `${path} ${JSON.stringify(headers)}`;
  let url = `${target.appUrl}${path}`;
  for (let hop = 0; hop < 5; hop++) {
    const response = await rawRequest({ url, headers });
    const where = `${label} (hop ${hop}: ${url.slice(target.appUrl.length)} → ${response.status})`;
    expect(response.status, where).toBeLessThan(500);
    expectNoSentinel(response, where);
    if (response.status >= 300 && response.status < 400) {
      // Next's data routes answer a middleware redirect with x-nextjs-redirect instead of Location.
      const location = header(response, 'location') || header(response, 'x-nextjs-redirect');
      expect(location, `${where}: a redirect names its target`).toBeTruthy();
      if (isLogin(location, target)) return;
      const next = new URL(location, url);
      expect(next.origin, `${where}: redirect stays on the app`).toBe(target.appUrl);
      url = next.href;
      continue;
    }
    expect([401, 403, 404], `${where}: must be denied (body ${response.body.slice(0, 120)})`).toContain(
      response.status,
    );
    return;
  }
  throw new Error(`${label}: too many redirects`);
}

function buildId(): string | null {
  try {
    return readFileSync(new URL('../.next/BUILD_ID', import.meta.url), 'utf8').trim();
  } catch {
    return null;
  }
}

const PATHS = [
  '/dashboard',
  '/dashboard?tab=security',
  '/dashboard.rsc',
  '/dashboard/index.rsc',
  '/dashboard.segments/$c$children/__PAGE__.segment.rsc',
  '/dashboard.segments/%24c%24children/__PAGE__.segment.rsc',
  '/dashboard.segments/_tree.segment.rsc',
  '/Dashboard',
  '/DASHBOARD',
  '/dashboard/',
  '//dashboard',
  '/./dashboard',
  '/x/../dashboard',
  '/%64ashboard',
  '/%2Fdashboard',
  '/dashboard%2F',
  '/dashboard%2f',
  '/dashboard;',
  '/dashboard/.',
  '/dashboard?_rsc=1',
  '/dashboard?nxtPslug=x&nxtIfoo=x',
  '/index/dashboard',
  `/_next/data/${buildId() ?? 'development'}/dashboard.json`,
];

const HEADERS: Record<string, string>[] = [
  { 'x-middleware-subrequest': 'middleware' },
  { 'x-middleware-subrequest': 'src/middleware' },
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
  { 'x-middleware-subrequest': 'pages/_middleware' },
  { 'x-middleware-prefetch': '1' },
  { RSC: '1' },
  { 'Next-Router-Prefetch': '1' },
  { 'Next-Router-Segment-Prefetch': '/__PAGE__' },
  { RSC: '1', 'Next-Router-Prefetch': '1', 'Next-Router-Segment-Prefetch': '/__PAGE__' },
  { 'x-nextjs-data': '1' },
  { 'x-invoke-path': '/dashboard', 'x-invoke-status': '200' },
  { 'x-matched-path': '/login' },
];

test.describe('middleware is not the only gate (anonymous probes)', () => {
  test('MW-01 anonymous /dashboard: 303 to /login?returnTo=%2Fdashboard, not cached', async ({ target }) => {
    const response = await rawRequest({ url: `${target.appUrl}/dashboard` });
    expect(response.status).toBe(303);
    // Relative or absolute, it resolves to the login page on this origin.
    expect(new URL(header(response, 'location'), target.appUrl).href).toBe(
      `${target.appUrl}/login?returnTo=%2Fdashboard`,
    );
    expect(header(response, 'cache-control')).toContain('no-store');
    expectNoSentinel(response, '/dashboard');
    // The redirect is built from configuration, not from the request's Host or X-Forwarded-Host.
    const forwarded = await rawRequest({
      url: `${target.appUrl}/dashboard`,
      headers: { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    expect(forwarded.status).toBe(303);
    expect(header(forwarded, 'location')).toBe(`${target.appUrl}/login?returnTo=%2Fdashboard`);
    // Another Host is sent to the same path on APP_URL first, never to the Host it named.
    const spoofed = await rawRequest({
      url: `${target.appUrl}/dashboard`,
      headers: { host: 'evil.example' },
    });
    expect(spoofed.status).toBe(308);
    expect(header(spoofed, 'location')).toBe(`${target.appUrl}/dashboard`);
    expectNoSentinel(spoofed, '/dashboard');
  });

  test('a page asked for on another host is a 308 to the same path and query on APP_URL', async ({
    target,
  }) => {
    const app = new URL(target.appUrl);
    const hosts = [`127.0.0.1:${app.port}`, 'app-abc123.vercel.app', `${app.hostname}:1`, `www.${app.host}`];
    for (const host of hosts)
      for (const path of ['/login?org=org_1&x=%2F', '/dashboard', '/', '/no-such-page']) {
        const response = await rawRequest({ url: `${target.appUrl}${path}`, headers: { host } });
        expect(response.status, `${host} ${path}`).toBe(308);
        expect(header(response, 'location'), `${host} ${path}`).toBe(`${target.appUrl}${path}`);
        expect(header(response, 'cache-control')).toContain('no-store');
        expect(response.setCookies).toEqual([]);
      }
    // Next collapses repeated slashes itself (a relative 308 on the same host) before the
    // middleware runs; whatever answers, it never points at the host inside the path.
    const slashes = await rawRequest({
      url: `${target.appUrl}//evil.example/x`,
      headers: { host: hosts[0] },
    });
    expect(slashes.status).toBe(308);
    expect(new URL(header(slashes, 'location'), `http://${hosts[0]}`).host).not.toBe('evil.example');
    // APP_URL's own host, in any letter case, is served as it is.
    const own = await rawRequest({
      url: `${target.appUrl}/login`,
      headers: { host: app.host.toUpperCase() },
    });
    expect(own.status).toBe(200);
  });

  test('the sentinel is real: a signed-in browser does see it', async ({ target }) => {
    const email = freshEmail('mwcontrol');
    const page = await getWith(
      `${target.appUrl}/dashboard`,
      new CookieJar({ session: await sealSession({ email }, target.appUrl) }),
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain(SENTINELS[0]);
    expect(page.body).toContain(email);
  });

  test('MW-02 URL forms of the dashboard', async ({ target }) => {
    for (const path of PATHS) await expectDenied(target, path);
    // The same URL forms asked for as RSC/prefetch requests.
    for (const path of PATHS.filter((p) => p.includes('.rsc') || p.includes('_rsc'))) {
      await expectDenied(target, path, { RSC: '1', 'Next-Router-Prefetch': '1' });
    }
  });

  test('MW-02 internal and router headers on /dashboard and /dashboard.rsc', async ({ target }) => {
    for (const headers of HEADERS) {
      await expectDenied(target, '/dashboard', headers);
      await expectDenied(target, '/dashboard.rsc', headers);
    }
  });

  test('MW-04 identity headers are ignored', async ({ target }) => {
    const seal = await sealSession({ email: freshEmail('mwheader') }, target.appUrl);
    const identities: Record<string, string>[] = [
      { 'x-user-id': 'prof_01ADMIN' },
      { 'x-user-email': 'admin@example.com' },
      { 'x-session': seal },
      { 'x-workos-session': seal },
      { 'x-session-id': 'anything' },
      { authorization: `Bearer ${seal}` },
      { 'x-middleware-override-headers': 'cookie', 'x-middleware-request-cookie': `session=${seal}` },
    ];
    for (const headers of identities) {
      await expectDenied(target, '/dashboard', headers);
      await expectDenied(target, '/dashboard.rsc', headers);
    }
    // A signed-in user cannot become someone else through them either.
    const email = freshEmail('mwself');
    const jar = new CookieJar({ session: await sealSession({ email }, target.appUrl) });
    for (const headers of identities) {
      const page = await getWith(`${target.appUrl}/dashboard`, jar, headers);
      expect(page.status).toBe(200);
      expect(page.body).toContain(`data-testid="user-email">${email}<`);
    }
  });
});
