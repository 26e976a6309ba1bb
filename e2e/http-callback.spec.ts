// CB-*: GET /api/auth/callback over raw HTTP (docs/security.md §4, decisions in docs/security.md §2.2):
// failures are 303s to /login?error=expired|auth_failed, never a 4xx/5xx page; a link opened in
// another browser goes through the confirmation page and a same-origin POST.
import { expect, freshEmail, sealSession, test } from './fixtures.ts';
import {
  CookieJar,
  findSetCookie,
  getWith,
  header,
  locationOf,
  rawRequest,
  sameOrigin,
  startFlow,
  tokenExchangesFor,
  type RawResponse,
  type Target,
} from './raw-http.ts';

const CALLBACK = '/api/auth/callback';

/** A 303 to /login?error=<code> (the only query parameter), no session, not cached, no referrer. */
function expectFailure(response: RawResponse, target: Target, code: 'expired' | 'auth_failed', label = '') {
  expect(response.status, `${label} status (${response.body.slice(0, 120)})`).toBe(303);
  const location = locationOf(response, target.appUrl);
  expect(location?.origin, label).toBe(target.appUrl);
  expect(`${location?.pathname}${location?.search}`, label).toBe(`/login?error=${code}`);
  expect(findSetCookie(response, 'session')?.value ?? '', `${label}: no session cookie`).toBe('');
  expect(header(response, 'cache-control'), label).toContain('no-store');
  expect(header(response, 'referrer-policy'), label).toBe('no-referrer');
}

/** A `Set-Cookie` that removes the cookie (empty value and/or Max-Age=0 / past Expires). */
function expectCleared(response: RawResponse, name: string, label = '') {
  const cookie = findSetCookie(response, name);
  expect(cookie, `${label}: ${name} is cleared`).toBeDefined();
  const expired =
    cookie?.value === '' ||
    cookie?.attributes['max-age'] === '0' ||
    Date.parse(cookie?.attributes.expires ?? '') <= Date.now();
  expect(expired, `${label}: ${cookie?.raw}`).toBe(true);
}

/** GET /dashboard with these cookies shows `email` signed in. */
async function expectDashboardFor(target: Target, jar: CookieJar, email: string) {
  const page = await getWith(`${target.appUrl}/dashboard`, jar);
  expect(page.status).toBe(200);
  expect(page.body).toContain('data-testid="dashboard"');
  expect(page.body).toContain(`data-testid="user-email">${email}<`);
}

async function expectAnonymous(target: Target, jar: CookieJar) {
  const page = await getWith(`${target.appUrl}/dashboard`, jar);
  expect(page.status).toBe(303);
  expect(locationOf(page, target.appUrl)?.pathname).toBe('/login');
}

function callbackWith(target: Target, query: string) {
  return `${target.appUrl}${CALLBACK}${query}`;
}

/** A random, well-formed (43 base64url characters) state that was never issued. */
function randomState(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

test.describe('GET /api/auth/callback', () => {
  test('CB-01 same browser: 303 to the stored returnTo with a fresh session, binding cleared, not cached', async ({
    target,
  }) => {
    const email = freshEmail('cb01');
    const flow = await startFlow(target, email, { returnTo: '/dashboard?tab=cb01' });
    const response = await getWith(flow.callbackUrl.href, flow.jar);
    expect(response.status).toBe(303);
    expect(header(response, 'location')).toBe(`${target.appUrl}/dashboard?tab=cb01`);
    const session = findSetCookie(response, 'session');
    expect(session?.value).toMatch(/^Fe26\.2\*/);
    expect(session?.attributes).toHaveProperty('httponly');
    expect(session?.attributes.samesite?.toLowerCase()).toBe('lax');
    expect(session?.attributes.path).toBe('/');
    expect(session?.attributes).not.toHaveProperty('domain');
    expect(session?.raw.length, 'session cookie stays small').toBeLessThan(4096);
    expectCleared(response, 'pl_bind', 'CB-01');
    expect(header(response, 'cache-control')).toContain('no-store');
    expect(header(response, 'referrer-policy')).toBe('no-referrer');
    // Neither the code nor the state leaks into the answer.
    expect(header(response, 'location')).not.toContain(flow.code);
    expect(response.body).not.toContain(flow.state);
    expect(flow.jar.get('pl_bind')).toBeUndefined();
    // Exactly one code exchange (the log the "no exchange" checks below rely on does see it).
    expect(await tokenExchangesFor(target.emulatorUrl, flow.code)).toHaveLength(1);
    await expectDashboardFor(target, flow.jar, email);
  });

  test('CB-02 replaying the callback URL is refused as expired and sets no session', async ({ target }) => {
    const flow = await startFlow(target, freshEmail('cb02'));
    const before = flow.jar.clone();
    const first = await getWith(flow.callbackUrl.href, flow.jar);
    expect(first.status).toBe(303);
    expect(findSetCookie(first, 'session')?.value).toBeTruthy();
    // The same URL again, with the cookies the browser had before (binding cookie still there) …
    expectFailure(
      await getWith(flow.callbackUrl.href, before.clone()),
      target,
      'expired',
      'replay with the binding cookie',
    );
    // … and from a browser that is already signed in.
    expectFailure(
      await getWith(flow.callbackUrl.href, flow.jar.clone()),
      target,
      'expired',
      'replay while signed in',
    );
    // And without any cookie (another device).
    expectFailure(await getWith(flow.callbackUrl.href), target, 'expired', 'replay without cookies');
  });

  test('CB-03 missing, empty, repeated or oversized parameters: auth_failed, no exchange, state kept', async ({
    target,
  }) => {
    const flow = await startFlow(target, freshEmail('cb03'));
    const { state, code } = flow;
    const long = 'A'.repeat(5000);
    const variants = [
      '',
      `?code=${code}`,
      `?state=${state}`,
      '?state=&code=',
      `?state=${state}&code=`,
      `?state=&code=${code}`,
      `?state=a&state=b&code=${code}`,
      `?state=${state}&state=${state}&code=${code}`,
      `?state=${state}&state=${randomState()}&code=${code}`,
      `?state=${state}&code=${code}&code=${code}`,
      `?state=${state}&code=${long}`,
      `?state=${state}x&code=${code}`,
      `?state=${state.slice(0, 42)}&code=${code}`,
      `?state=${encodeURIComponent(`${state}\n`)}&code=${code}`,
      `?state[]=${state}&code=${code}`,
    ];
    for (const query of variants) {
      expectFailure(
        await getWith(callbackWith(target, query), flow.jar.clone()),
        target,
        'auth_failed',
        query.slice(0, 120),
      );
    }
    // WorkOS never saw the code (nor the oversized one) …
    expect(await tokenExchangesFor(target.emulatorUrl, code)).toEqual([]);
    expect(await tokenExchangesFor(target.emulatorUrl, long)).toEqual([]);
    // … and the attempt was not consumed: the genuine callback still signs in.
    const genuine = await getWith(flow.callbackUrl.href, flow.jar);
    expect(genuine.status).toBe(303);
    expect(header(genuine, 'location')).toBe(`${target.appUrl}/dashboard`);
    expect(findSetCookie(genuine, 'session')?.value).toBeTruthy();
  });

  test('CB-04 a random well-formed state that was never issued: expired, no exchange', async ({ target }) => {
    const code = `01CB04${crypto.randomUUID().replaceAll('-', '').toUpperCase().slice(0, 20)}`;
    const jar = new CookieJar();
    // With a binding cookie of a real pending request in the same browser, too.
    const withBinding = await startFlow(target, freshEmail('cb04'));
    for (const cookies of [jar, withBinding.jar.clone()]) {
      expectFailure(
        await getWith(callbackWith(target, `?state=${randomState()}&code=${code}`), cookies),
        target,
        'expired',
      );
    }
    expect(await tokenExchangesFor(target.emulatorUrl, code)).toEqual([]);
  });

  test('CB-06 code injection: alice’s state with mallory’s code is refused and signs nobody in', async ({
    target,
  }) => {
    const alice = await startFlow(target, freshEmail('alice'));
    const mallory = await startFlow(target, freshEmail('mallory'));
    const injected = await getWith(
      callbackWith(target, `?code=${mallory.code}&state=${alice.state}`),
      alice.jar.clone(),
    );
    expectFailure(injected, target, 'auth_failed', 'alice state + mallory code');
    // Alice's attempt is spent: her own link no longer works either.
    expectFailure(
      await getWith(alice.callbackUrl.href, alice.jar.clone()),
      target,
      'expired',
      'alice afterwards',
    );
    await expectAnonymous(target, alice.jar);
  });

  test('CB-08 another device: confirmation page, then a same-origin POST signs in once', async ({
    target,
  }) => {
    const email = freshEmail('cb08');
    const flow = await startFlow(target, email, { returnTo: '/dashboard?tab=cb08' });
    // The link opened in a browser without the binding cookie: no session on a GET.
    const phone = new CookieJar();
    const callback = await getWith(flow.callbackUrl.href, phone);
    expect(callback.status).toBe(303);
    expect(locationOf(callback, target.appUrl)?.href).toBe(`${target.appUrl}/login/confirm`);
    expect(findSetCookie(callback, 'session')?.value ?? '').toBe('');
    const confirmCookie = findSetCookie(callback, 'pl_confirm');
    expect(confirmCookie?.value).toBeTruthy();
    expect(confirmCookie?.attributes).toHaveProperty('httponly');
    expect(header(callback, 'cache-control')).toContain('no-store');
    expect(header(callback, 'referrer-policy')).toBe('no-referrer');
    expect(phone.names()).toEqual(['pl_confirm']);

    // The confirmation page: the full address (from the store, never the URL), no-store,
    // no-referrer, not framable, nothing external.
    const page = await getWith(`${target.appUrl}/login/confirm`, phone);
    expect(page.status).toBe(200);
    expect(page.body).toContain(`data-testid="confirm-email">${email}<`);
    expect(page.body).not.toContain(`${email[0]}***@`);
    expect(header(page, 'cache-control')).toContain('no-store');
    expect(header(page, 'referrer-policy')).toBe('no-referrer');
    expect(header(page, 'content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const external = [
      ...page.body.matchAll(
        /\b(?:src|href|action|srcset)\s*=\s*["']?\s*((?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*)/gi,
      ),
    ]
      .map((m) => m[1] as string)
      .filter((url) => !url.startsWith(target.appUrl));
    expect(external, 'no third-party resources on the confirmation page').toEqual([]);
    expect(page.body).toMatch(/<form[^>]*action="\/api\/auth\/confirm"/);

    // A POST from another origin is refused and does not spend the confirmation.
    const foreign = await rawRequest({
      url: `${target.appUrl}/api/auth/confirm`,
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: phone.header(),
      },
      body: '',
    });
    expect(foreign.status).toBe(403);
    expect(findSetCookie(foreign, 'session')?.value ?? '').toBe('');

    const beforeConfirm = phone.clone();
    const confirm = await rawRequest({
      url: `${target.appUrl}/api/auth/confirm`,
      method: 'POST',
      headers: sameOrigin(target, {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: phone.header(),
      }),
      body: '',
    });
    phone.absorb(confirm);
    expect(confirm.status).toBe(303);
    expect(header(confirm, 'location')).toBe(`${target.appUrl}/dashboard?tab=cb08`);
    expect(findSetCookie(confirm, 'session')?.value).toBeTruthy();
    expect(header(confirm, 'cache-control')).toContain('no-store');
    await expectDashboardFor(target, phone, email);

    // The confirmation is one-time, even replayed with the cookie it was made with.
    const again = await rawRequest({
      url: `${target.appUrl}/api/auth/confirm`,
      method: 'POST',
      headers: sameOrigin(target, {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: beforeConfirm.header(),
      }),
      body: '',
    });
    expect(again.status).toBe(303);
    expect(`${locationOf(again, target.appUrl)?.pathname}${locationOf(again, target.appUrl)?.search}`).toBe(
      '/login?error=confirm_expired',
    );
    expect(findSetCookie(again, 'session')?.value ?? '').toBe('');
    // The browser that asked for the link is not signed in by the phone's click.
    await expectAnonymous(target, flow.jar);
  });

  test('CB-09 a binding cookie from another browser (or a tampered one) is refused', async ({ target }) => {
    const victim = await startFlow(target, freshEmail('cb09'));
    const other = await startFlow(target, freshEmail('cb09other'));
    expectFailure(
      await getWith(victim.callbackUrl.href, other.jar.clone()),
      target,
      'auth_failed',
      'other browser',
    );
    await expectAnonymous(target, other.jar);

    // A binding cookie that does not unseal (tampered or garbage) is refused the same way.
    for (const tamper of [
      (v: string) => v.slice(0, 40) + (v[40] === 'a' ? 'b' : 'a') + v.slice(41),
      () => 'garbage',
    ]) {
      const flow = await startFlow(target, freshEmail('cb09tamper'));
      const cookie = tamper(flow.jar.get('pl_bind') as string);
      const response = await getWith(flow.callbackUrl.href, new CookieJar({ pl_bind: cookie }));
      expectFailure(response, target, 'auth_failed', `pl_bind=${cookie.slice(0, 12)}…`);
    }
  });

  test('CB-10 ?error=access_denied with a script payload: redirect, and the login page does not reflect it', async ({
    target,
  }) => {
    const payload = '<script>alert(1)</script>';
    const query = `?error=access_denied&error_description=${encodeURIComponent(payload)}`;
    const response = await getWith(callbackWith(target, query));
    expectFailure(response, target, 'expired', 'access_denied');
    expect(header(response, 'location')).not.toMatch(/script|alert/i);
    expect(response.body).not.toContain('alert(1)');
    const landing = await getWith(locationOf(response, target.appUrl)?.href as string);
    expect(landing.status).toBe(200);
    expect(landing.body).not.toContain(payload);
    expect(landing.body).not.toContain('alert(1)');
    expect(landing.body).toContain('role="alert"');
    // Any other error from WorkOS is a generic failure, with nothing reflected either.
    const other = await getWith(
      callbackWith(target, `?error=${encodeURIComponent(payload)}&state=${randomState()}`),
    );
    expectFailure(other, target, 'auth_failed', 'unknown error');
    expect(header(other, 'location')).not.toMatch(/script|alert/i);
  });

  test('CB-15 any WorkOS error value ends the attempt: a generic failure, never a 500', async ({
    target,
  }) => {
    for (const [query, code] of [
      ['?error=server_error', 'auth_failed'],
      ['?error=', 'auth_failed'],
      ['?error=access_denied&error=access_denied', 'auth_failed'],
      ['?error=access_denied', 'expired'],
      [`?error=${'x'.repeat(4000)}`, 'auth_failed'],
      ['?error=%E2%80%AE%00bad', 'auth_failed'],
    ] as const) {
      expectFailure(await getWith(callbackWith(target, query)), target, code, query.slice(0, 40));
    }
    // With a live state: the error burns the attempt, so the code WorkOS also issued is now useless.
    const flow = await startFlow(target, freshEmail('cb15'));
    const errored = await getWith(
      callbackWith(target, `?error=temporarily_unavailable&state=${flow.state}`),
      flow.jar,
    );
    expectFailure(errored, target, 'auth_failed', 'error with a live state');
    const late = await getWith(flow.callbackUrl.href, flow.jar);
    expectFailure(late, target, 'expired', 'the code after the error');
    await expectAnonymous(target, flow.jar);
  });

  test('CB-11 an existing session of another user is replaced, not reused', async ({ target }) => {
    const mallory = freshEmail('cb11old');
    const old = await sealSession({ email: mallory }, target.appUrl);
    const email = freshEmail('cb11new');
    const flow = await startFlow(target, email);
    flow.jar.set('session', old);
    await expectDashboardFor(target, flow.jar, mallory);
    const response = await getWith(flow.callbackUrl.href, flow.jar);
    expect(response.status).toBe(303);
    const session = findSetCookie(response, 'session');
    expect(session?.value).toBeTruthy();
    expect(session?.value).not.toBe(old);
    await expectDashboardFor(target, flow.jar, email);
    const page = await getWith(`${target.appUrl}/dashboard`, flow.jar);
    expect(page.body).not.toContain(mallory);
  });

  test('CB-12 two concurrent callbacks with the same URL and cookies: exactly one session', async ({
    target,
  }) => {
    const flow = await startFlow(target, freshEmail('cb12'));
    const responses = await Promise.all([
      getWith(flow.callbackUrl.href, flow.jar.clone()),
      getWith(flow.callbackUrl.href, flow.jar.clone()),
    ]);
    for (const response of responses) expect(response.status).toBe(303);
    const winners = responses.filter((r) => (findSetCookie(r, 'session')?.value ?? '') !== '');
    expect(winners.length).toBe(1);
    expect(header(winners[0] as RawResponse, 'location')).toBe(`${target.appUrl}/dashboard`);
    // The loser's GETDEL found the attempt already consumed: the same answer as a replay.
    const loser = responses.find((r) => r !== winners[0]) as RawResponse;
    expectFailure(loser, target, 'expired', 'the second of two concurrent callbacks');
  });

  test('CB-14 a returnTo added to the callback URL is ignored', async ({ target }) => {
    for (const injected of ['//evil.com', 'https://evil.com', '/dashboard?tab=injected']) {
      const flow = await startFlow(target, freshEmail('cb14'));
      const url = `${flow.callbackUrl.href}&returnTo=${encodeURIComponent(injected)}`;
      const response = await getWith(url, flow.jar);
      expect(response.status).toBe(303);
      expect(header(response, 'location'), injected).toBe(`${target.appUrl}/dashboard`);
      expect(findSetCookie(response, 'session')?.value).toBeTruthy();
    }
  });
});
