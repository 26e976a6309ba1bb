import { afterEach, describe, expect, it, vi } from 'vitest';
import { logEvent, logEventThrottled } from './log.ts';

afterEach(() => vi.restoreAllMocks());

describe('logEvent', () => {
  it('writes one JSON line per event, whatever the values hold (LOG-02)', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    logEvent('auth.test', { email: 'a***@example.com\r\n{"event":"forged"}', ip: '127.0.0.1' });
    expect(log).toHaveBeenCalledTimes(1);
    const line = String(log.mock.calls[0]?.[0]);
    expect(line).not.toMatch(/[\r\n]/);
    expect(JSON.parse(line)).toMatchObject({ level: 'info', event: 'auth.test', ip: '127.0.0.1' });
  });

  it.each([
    ['auth.link_requested', 'info', 'log'],
    ['auth.callback_failed', 'warn', 'warn'],
    ['auth.rate_limited', 'warn', 'warn'],
    ['auth.request_failed', 'error', 'error'],
    ['session.check_failed', 'error', 'error'],
  ] as const)('logs %s at %s on console.%s, in the same JSON', (event, level, method) => {
    const spies = {
      log: vi.spyOn(console, 'log').mockImplementation(() => undefined),
      warn: vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
    };
    logEvent(event, { reason: 'x' });
    for (const [name, spy] of Object.entries(spies))
      expect(spy).toHaveBeenCalledTimes(name === method ? 1 : 0);
    expect(JSON.parse(String(spies[method].mock.calls[0]?.[0]))).toMatchObject({ level, event, reason: 'x' });
  });
});

describe('logEventThrottled', () => {
  it('logs once per interval and key, then says how many lines it left out', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const key = crypto.randomUUID();
    const t0 = 1_000_000;
    for (let i = 0; i < 5; i++)
      logEventThrottled('rate_limit.ip_unusable', key, { reason: 'missing' }, 1000, t0 + i);
    logEventThrottled('rate_limit.ip_unusable', `${key}-other`, { reason: 'malformed' }, 1000, t0);
    expect(warn).toHaveBeenCalledTimes(2);
    logEventThrottled('rate_limit.ip_unusable', key, { reason: 'missing' }, 1000, t0 + 1000);
    expect(warn).toHaveBeenCalledTimes(3);
    expect(JSON.parse(String(warn.mock.calls[2]?.[0]))).toMatchObject({
      level: 'warn',
      event: 'rate_limit.ip_unusable',
      reason: 'missing',
      suppressed: 4,
    });
  });
});
