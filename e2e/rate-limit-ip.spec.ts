import { expectLogged, logMark } from './app-log.ts';
import { expect, freshEmail, test } from './fixtures.ts';
import { getWith, locationOf, postSignIn, startFlow } from './raw-http.ts';
import { nextTestIp as anotherIp } from './test-ip.ts';

// The test servers trust x-real-ip as a proxy-set client IP (e2e/servers.ts), with the default
// limits: 10 link requests per IP per 15 minutes, 20 failed callbacks per IP per 10 minutes.

test.describe('per-IP limits (behind a trusted proxy header)', () => {
  test('the 11th request from one IP is refused, other IPs are not, and X-Forwarded-For changes nothing', async ({
    request,
    target,
  }) => {
    const ip = anotherIp();
    const post = (headers: Record<string, string>) =>
      request.post('/api/auth/passwordless', {
        headers: { origin: target.appUrl, 'content-type': 'application/json', ...headers },
        data: { email: freshEmail('ip') },
      });
    for (let i = 0; i < 10; i++) expect((await post({ 'x-real-ip': ip })).status()).toBe(200);
    const denied = await post({ 'x-real-ip': ip, 'x-forwarded-for': anotherIp() });
    expect(denied.status()).toBe(429);
    expect(Number(denied.headers()['retry-after'])).toBeGreaterThan(0);
    const body = (await denied.json()) as { success: boolean; error: { code: string; message: string } };
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('rate_limit_exceeded');
    expect(body.error.message).toContain('Too many');
    expect((await post({ 'x-real-ip': anotherIp() })).status()).toBe(200);
  });

  test('a malformed or missing header is still limited, as one shared unknown IP (RL-11)', async ({
    request,
    target,
  }) => {
    const mark = logMark(target);
    const email = freshEmail('unusable');
    const post = (ip: string) =>
      request.post('/api/auth/passwordless', {
        headers: { origin: target.appUrl, 'content-type': 'application/json', 'x-real-ip': ip },
        data: { email },
      });
    // Three different unusable values, one (address, unknown IP) bucket: never "no limit".
    for (const value of ['unknown', '010.0.0.1', '1.2.3.4.5']) expect((await post(value)).status()).toBe(200);
    const missing = await postSignIn(target, { email }, undefined, { 'x-real-ip': null });
    expect(missing.status).toBe(429);
    // A usable IP is a bucket of its own; ip:port is that IP.
    expect((await post(`${anotherIp()}:4711`)).status()).toBe(200);
    const logged = await expectLogged(target, mark, { event: 'rate_limit.ip_unusable', reason: 'malformed' });
    expect(logged).toMatchObject({ level: 'warn', header: 'x-real-ip' });
  });

  test('callbacks that sign in are not counted, only failures (RL-07)', async ({ target }) => {
    const ip = anotherIp();
    const flows = [];
    for (let i = 0; i < 3; i++) flows.push(await startFlow(target, freshEmail('callback-ok')));
    const fail = async () =>
      locationOf(
        await getWith(`${target.appUrl}/api/auth/callback?code=abc&state=${'s'.repeat(43)}`, undefined, {
          'x-real-ip': ip,
        }),
        target.appUrl,
      )?.search;
    for (let i = 0; i < 19; i++) expect(await fail()).toBe('?error=expired');
    for (const flow of flows) {
      const signedIn = await getWith(flow.callbackUrl.href, flow.jar, { 'x-real-ip': ip });
      expect(locationOf(signedIn, target.appUrl)?.pathname).toBe('/dashboard');
    }
    // 19 failures and 3 sign-ins: the 20th failure is still within the 20, the 21st is not.
    expect(await fail()).toBe('?error=expired');
    expect(await fail()).toBe('?error=rate_limit_exceeded');
  });

  test('the 21st failed callback from one IP is turned away', async ({ request }) => {
    const ip = anotherIp();
    const callback = () =>
      request.get(`/api/auth/callback?code=abc&state=${'s'.repeat(43)}`, {
        headers: { 'x-real-ip': ip },
        maxRedirects: 0,
      });
    for (let i = 0; i < 20; i++)
      expect((await callback()).headers()['location']).toBe('/login?error=expired');
    expect((await callback()).headers()['location']).toBe('/login?error=rate_limit_exceeded');
  });
});
