import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clampRetryAfter,
  MAX_RETRY_AFTER_SECONDS,
  normalizeRetryAfterFetch,
  parseRetryAfter,
} from './workos-retry-after.ts';

const NOW = Date.parse('2026-12-02T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 7 ', 7],
    ['0', 0],
    ['99999999', 99_999_999],
    ['Wed, 02 Dec 2026 12:01:30 GMT', 90],
    ['Wed, 02 Dec 2026 11:00:00 GMT', 0], // a date in the past: retry now
    ['Wednesday, 02-Dec-26 12:00:10 GMT', 10], // RFC 850, still an HTTP date
  ])('%j is %i s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds);
  });

  it.each([null, undefined, '', '-5', '1.5', 'soon', '2026-12-02T12:01:00Z', '12:01'])(
    '%j is unreadable',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeNull();
    },
  );
});

describe('clampRetryAfter', () => {
  it('keeps a sane value, raises 0 to 1 and caps the absurd', () => {
    expect(clampRetryAfter(42)).toBe(42);
    expect(clampRetryAfter(0)).toBe(1);
    expect(clampRetryAfter(1.2)).toBe(2);
    expect(clampRetryAfter(99_999_999)).toBe(MAX_RETRY_AFTER_SECONDS);
    expect(MAX_RETRY_AFTER_SECONDS).toBeLessThanOrEqual(600);
  });

  it('falls back to a minute when WorkOS gave nothing usable', () => {
    expect(clampRetryAfter(null)).toBe(60);
    expect(clampRetryAfter(Number.NaN)).toBe(60);
  });
});

describe('normalizeRetryAfterFetch', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const value = new URL(req.url ?? '/', 'http://x').searchParams.get('ra');
      res.writeHead(429, { 'content-type': 'application/json', ...(value ? { 'retry-after': value } : {}) });
      res.end('{"message":"Too many"}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const fetchWith = (value: string) => normalizeRetryAfterFetch(`${base}?ra=${encodeURIComponent(value)}`);

  it('rewrites an HTTP date as seconds, keeping status and body', async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const response = await fetchWith(inTwoMinutes);
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(118);
    expect(Number(response.headers.get('retry-after'))).toBeLessThanOrEqual(120);
    expect(await response.json()).toEqual({ message: 'Too many' });
  });

  it('leaves seconds alone and drops an unreadable value', async () => {
    expect((await fetchWith('99999999')).headers.get('retry-after')).toBe('99999999');
    expect((await fetchWith('tomorrow-ish')).headers.get('retry-after')).toBeNull();
  });
});
