import { afterEach, describe, expect, it, vi } from 'vitest';

// requestIp with a configured header: an unusable value is logged (once a minute per reason) and
// the IP is null, which the limiter turns into the shared unknown bucket (rate-limit.test.ts).
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function load(header: string) {
  vi.stubEnv('SESSION_PASSWORD', 'request-ip-test-password-0123456789');
  vi.stubEnv('CLIENT_IP_HEADER', header);
  vi.resetModules();
  return (await import('./request-ip.ts')).requestIp;
}

describe('requestIp', () => {
  it('logs rate_limit.ip_unusable with the reason and a sample of the value, throttled', async () => {
    const requestIp = await load('x-real-ip');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requestIp(new Headers({ 'x-real-ip': 'unknown' }))).toBeNull();
    expect(requestIp(new Headers({ 'x-real-ip': '010.0.0.1' }))).toBeNull();
    expect(requestIp(new Headers())).toBeNull();
    expect(requestIp(new Headers())).toBeNull();
    expect(requestIp(new Headers({ 'x-real-ip': '203.0.113.7:80' }))).toBe('203.0.113.7');
    const lines = warn.mock.calls.map((call) => JSON.parse(String(call[0])) as Record<string, unknown>);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'warn',
        event: 'rate_limit.ip_unusable',
        header: 'x-real-ip',
        reason: 'malformed',
        value: 'unknown',
      }),
      expect.objectContaining({ event: 'rate_limit.ip_unusable', reason: 'missing' }),
    ]);
  });

  it('logs nothing without a configured header', async () => {
    const requestIp = await load('');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(requestIp(new Headers({ 'x-real-ip': '203.0.113.7' }))).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });
});
