import { expect, freshEmail, test } from './fixtures.ts';

// The test servers trust x-real-ip as a proxy-set client IP (e2e/servers.ts), with the default
// limits: 10 link requests per IP per 15 minutes, 20 callbacks per IP per 10 minutes.
const randomIp = () => {
  const [a = 0, b = 0] = crypto.getRandomValues(new Uint8Array(2));
  return `198.51.${a}.${(b % 250) + 1}`;
};

test.describe('per-IP limits (behind a trusted proxy header)', () => {
  test('the 11th request from one IP is refused, other IPs are not, and X-Forwarded-For changes nothing', async ({
    request,
    target,
  }) => {
    const ip = randomIp();
    const post = (headers: Record<string, string>) =>
      request.post('/api/auth/passwordless', {
        headers: { origin: target.appUrl, 'content-type': 'application/json', ...headers },
        data: { email: freshEmail('ip') },
      });
    for (let i = 0; i < 10; i++) expect((await post({ 'x-real-ip': ip })).status()).toBe(200);
    const denied = await post({ 'x-real-ip': ip, 'x-forwarded-for': randomIp() });
    expect(denied.status()).toBe(429);
    expect(Number(denied.headers()['retry-after'])).toBeGreaterThan(0);
    const body = (await denied.json()) as { success: boolean; error: { code: string; message: string } };
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('rate_limit_exceeded');
    expect(body.error.message).toContain('Too many');
    expect((await post({ 'x-real-ip': randomIp() })).status()).toBe(200);
  });

  test('the 21st callback from one IP is turned away', async ({ request }) => {
    const ip = randomIp();
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
