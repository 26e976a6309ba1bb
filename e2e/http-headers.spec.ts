// HDR-*: security headers on every kind of response (docs/security.md §8.2): pages, API JSON, the
// callback redirect, the middleware redirect and a 404, plus no-store on everything that sets a
// cookie and no CORS on the auth endpoints.
import { expect, freshEmail, sealSession, test } from './fixtures.ts';
import {
  CookieJar,
  getWith,
  header,
  postSignIn,
  rawRequest,
  sameOrigin,
  startFlow,
  type RawResponse,
  type Target,
} from './raw-http.ts';

type Sample = { name: string; response: RawResponse; page: boolean; noStore: boolean; api: boolean };

/** One response of every kind the app produces. */
async function collect(target: Target): Promise<Sample[]> {
  const session = await sealSession({ email: freshEmail('hdr') }, target.appUrl);
  const signedIn = new CookieJar({ session });
  const get = (path: string, jar?: CookieJar, headers: Record<string, string | null> = {}) =>
    getWith(`${target.appUrl}${path}`, jar, headers);

  const flow = await startFlow(target, freshEmail('hdrflow'));
  const cross = await startFlow(target, freshEmail('hdrcross'));
  const phone = new CookieJar();
  const confirmRedirect = await getWith(cross.callbackUrl.href, phone);
  const logoutJar = new CookieJar({
    session: await sealSession({ email: freshEmail('hdrout') }, target.appUrl),
  });

  const samples: Sample[] = [
    { name: 'GET /login', response: await get('/login'), page: true, noStore: false, api: false },
    {
      name: 'GET /dashboard (signed in)',
      response: await get('/dashboard', signedIn),
      page: true,
      noStore: true,
      api: false,
    },
    {
      name: 'GET /login/confirm',
      response: await get('/login/confirm', phone),
      page: true,
      noStore: true,
      api: false,
    },
    {
      name: 'GET /no-such-page (404)',
      response: await get('/no-such-page'),
      page: true,
      noStore: false,
      api: false,
    },
    {
      name: 'GET /dashboard (middleware redirect)',
      response: await get('/dashboard'),
      page: false,
      noStore: true,
      api: false,
    },
    {
      name: 'POST /api/auth/passwordless (200 JSON)',
      response: await postSignIn(target, { email: freshEmail('hdrok') }),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'POST /api/auth/passwordless (400 JSON)',
      response: await postSignIn(target, { email: 'not-an-address' }),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'POST /api/auth/passwordless (403 JSON, foreign origin)',
      response: await rawRequest({
        url: `${target.appUrl}/api/auth/passwordless`,
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify({ email: freshEmail('hdr403') }),
      }),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'OPTIONS /api/auth/passwordless (preflight)',
      response: await rawRequest({
        url: `${target.appUrl}/api/auth/passwordless`,
        method: 'OPTIONS',
        headers: {
          origin: 'https://evil.example',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      }),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'GET /api/auth/passwordless (405)',
      response: await get('/api/auth/passwordless'),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'GET /api/auth/callback (success redirect)',
      response: await getWith(flow.callbackUrl.href, flow.jar),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'GET /api/auth/callback (failure redirect)',
      response: await get('/api/auth/callback'),
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'GET /api/auth/callback (other device)',
      response: confirmRedirect,
      page: false,
      noStore: true,
      api: true,
    },
    {
      name: 'POST /api/auth/logout',
      response: await rawRequest({
        url: `${target.appUrl}/api/auth/logout`,
        method: 'POST',
        headers: sameOrigin(target, {
          cookie: logoutJar.header(),
          'content-type': 'application/x-www-form-urlencoded',
        }),
        body: '',
      }),
      page: false,
      noStore: true,
      api: true,
    },
  ];
  for (const sample of samples) expect(sample.response.status, sample.name).toBeLessThan(500);
  return samples;
}

function cspOf(response: RawResponse): string {
  return header(response, 'content-security-policy');
}

/** The directives of every CSP the response carries (several headers are all enforced). */
function directives(csp: string, name: string): string[] {
  return csp
    .split(/[;,]/)
    .map((d) => d.trim())
    .filter((d) => d.toLowerCase().startsWith(`${name} `) || d.toLowerCase() === name);
}

test.describe('security headers', () => {
  test('HDR-01/03/04/05/06/08/10 on pages, API JSON, redirects and 404s', async ({ target }) => {
    const samples = await collect(target);
    expect(samples.find((s) => s.name === 'GET /dashboard (signed in)')?.response.body).toContain(
      'data-testid="dashboard"',
    );
    for (const { name, response, page } of samples) {
      const csp = cspOf(response);
      expect(csp, `${name}: CSP`).toMatch(/frame-ancestors 'none'/);
      expect(directives(csp, 'object-src'), `${name}: object-src`).toContain("object-src 'none'");
      expect(directives(csp, 'base-uri').length, `${name}: base-uri`).toBeGreaterThan(0);
      expect(header(response, 'x-content-type-options'), name).toBe('nosniff');
      expect(header(response, 'referrer-policy'), name).toMatch(
        /^(no-referrer|strict-origin|strict-origin-when-cross-origin|same-origin)$/,
      );
      expect(header(response, 'permissions-policy'), name).toMatch(/camera=\(\)/);
      const hsts = /max-age=(\d+)/.exec(header(response, 'strict-transport-security'));
      expect(Number(hsts?.[1] ?? 0), `${name}: HSTS max-age`).toBeGreaterThanOrEqual(31_536_000);
      expect(header(response, 'strict-transport-security'), name).toMatch(/includeSubDomains/i);
      expect(response.headers['x-powered-by'], `${name}: X-Powered-By`).toBeUndefined();
      expect(response.body, `${name}: no stack trace`).not.toMatch(/\n\s+at\s|node_modules\//);
      if (page) expect(header(response, 'cross-origin-opener-policy'), name).toBe('same-origin');
    }
  });

  test('HDR-01/02 pages carry a per-request nonce CSP that covers every script', async ({ target }) => {
    const session = await sealSession({ email: freshEmail('nonce') }, target.appUrl);
    for (const [path, jar] of [
      ['/login', undefined],
      ['/dashboard', new CookieJar({ session })],
      ['/no-such-page', undefined],
    ] as const) {
      const nonces: string[] = [];
      for (let i = 0; i < 2; i++) {
        const response = await getWith(`${target.appUrl}${path}`, jar);
        expect(response.status, path).toBeLessThan(500);
        const scriptSrc = directives(cspOf(response), 'script-src');
        expect(scriptSrc.length, `${path}: script-src`).toBe(1);
        const policy = scriptSrc[0] as string;
        expect(policy, path).toContain("'strict-dynamic'");
        expect(policy, path).not.toContain("'unsafe-inline'");
        expect(policy, path).not.toContain("'unsafe-eval'");
        const nonce = /'nonce-([A-Za-z0-9+/_=-]+)'/.exec(policy)?.[1];
        expect(nonce, `${path}: nonce`).toBeTruthy();
        expect(
          Buffer.from(nonce as string, 'base64').length,
          `${path}: nonce ≥ 128 bits`,
        ).toBeGreaterThanOrEqual(16);
        nonces.push(nonce as string);
        const scripts = response.body.match(/<script\b[^>]*>/gi) ?? [];
        expect(scripts.length, `${path}: the page has scripts`).toBeGreaterThan(0);
        for (const tag of scripts)
          expect(tag, `${path}: every script carries the nonce`).toContain(`nonce="${nonce}"`);
        expect(directives(cspOf(response), 'style-src').join(' '), path).not.toContain("'unsafe-inline'");
      }
      expect(nonces[0], `${path}: a new nonce per response`).not.toBe(nonces[1]);
    }
  });

  test('HDR-05 no-referrer on the callback and the confirmation page', async ({ target }) => {
    const samples = await collect(target);
    for (const { name, response } of samples.filter((s) => /callback|confirm/.test(s.name))) {
      expect(header(response, 'referrer-policy'), name).toBe('no-referrer');
    }
  });

  test('HDR-07 no-store on auth API, callback, logout, dashboard and every response that sets a cookie', async ({
    target,
  }) => {
    const samples = await collect(target);
    const withCookies = samples.filter((s) => s.response.setCookies.length > 0).map((s) => s.name);
    // The flow does set cookies: the success JSON (binding), the callback (session), logout.
    expect(withCookies.length).toBeGreaterThanOrEqual(3);
    for (const { name, response, noStore } of samples) {
      if (noStore || response.setCookies.length > 0) {
        expect(header(response, 'cache-control'), `${name} (${response.status})`).toMatch(/\bno-store\b/);
      }
    }
  });

  test('HDR-09 no Access-Control-Allow-Origin on the auth endpoints', async ({ target }) => {
    const samples = await collect(target);
    for (const { name, response } of samples.filter((s) => s.api)) {
      expect(response.headers['access-control-allow-origin'], name).toBeUndefined();
      expect(response.headers['access-control-allow-credentials'], name).toBeUndefined();
    }
  });
});
