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
});
