import { afterEach, describe, expect, it, vi } from 'vitest';
import { logEvent } from './log.ts';

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
