import { GenericServerException, NotFoundException, RateLimitExceededException } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { REDIRECT_URI, rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

const create = (email = 'f@example.com') =>
  t.workos.passwordless.createSession({ type: 'MagicLink', email, redirectURI: REDIRECT_URI, state: 's' });

describe('faults', () => {
  it('fails the next matching call with 500, then recovers', async () => {
    const res = await t.call('POST', '/_emulator/faults', { path: '/passwordless/sessions', status: 500 });
    expect(res.status).toBe(201);
    const error = await rejectionOf(create());
    expect(error).toBeInstanceOf(GenericServerException);
    expect(error.status).toBe(500);
    await expect(create()).resolves.toBeTruthy();
  });

  it('answers 429 with Retry-After, `times` in a row, only for the given method', async () => {
    await t.call('POST', '/_emulator/faults', {
      method: 'post',
      path: '/passwordless',
      status: 429,
      times: 2,
      retryAfter: 7,
    });
    const list = await t.workos.sso.listConnections();
    expect(list.data.length).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++) {
      const error = await rejectionOf(create());
      expect(error).toBeInstanceOf(RateLimitExceededException);
      expect(error).toMatchObject({ status: 429, retryAfter: 7 });
    }
    await expect(create()).resolves.toBeTruthy();
  });

  it('maps 404 to NotFoundException and allows a custom body', async () => {
    await t.call('POST', '/_emulator/faults', {
      path: '/connections',
      status: 404,
      body: { message: 'gone' },
    });
    const error = await rejectionOf(t.workos.sso.listConnections());
    expect(error).toBeInstanceOf(NotFoundException);
    expect(error.message).toBe('gone');
  });

  it('stalls a call by delayMs and then answers normally', async () => {
    await t.call('POST', '/_emulator/faults', { path: '/connections', delayMs: 300 });
    const started = performance.now();
    const list = await t.workos.sso.listConnections();
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(list.data.length).toBeGreaterThan(0);
    // Used up: no upper time bound on the next call, which would be flaky on a loaded machine.
    expect(await (await t.call('GET', '/_emulator/faults')).json()).toEqual([]);
  });

  it('lists, validates and clears faults; never applies them to /_emulator', async () => {
    await t.call('POST', '/_emulator/faults', { path: '/', status: 503, times: 5 });
    expect((await t.call('GET', '/_emulator/health')).status).toBe(200);
    expect((await (await t.call('GET', '/_emulator/faults')).json()) as unknown[]).toHaveLength(1);
    expect((await t.call('DELETE', '/_emulator/faults')).status).toBe(204);
    await expect(create()).resolves.toBeTruthy();
    expect((await t.call('POST', '/_emulator/faults', { path: 'no-slash', status: 500 })).status).toBe(400);
    expect((await t.call('POST', '/_emulator/faults', { path: '/x' })).status).toBe(400);
  });

  it('takes retryAfter as any integer of seconds or a verbatim string, and extra headers', async () => {
    const huge = 99_999_999;
    await t.call('POST', '/_emulator/faults', { path: '/passwordless', status: 429, retryAfter: huge });
    expect(await rejectionOf(create())).toMatchObject({ status: 429, retryAfter: huge });
    const date = 'Wed, 21 Oct 2026 07:28:00 GMT';
    const headers = { 'X-RateLimit-Remaining': '0', 'x-other': 'a b' };
    await t.call('POST', '/_emulator/faults', {
      path: '/connections',
      status: 429,
      retryAfter: date,
      headers,
    });
    const res = await t.call('GET', '/connections', undefined, { Authorization: 'Bearer sk_test_local' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe(date);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(res.headers.get('x-other')).toBe('a b');
    // The SDK only understands seconds: an HTTP date becomes NaN (a caller's `?? 60` keeps NaN).
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 429, retryAfter: date });
    expect((await rejectionOf(t.workos.sso.listConnections())).retryAfter).toBeNaN();
  });

  it('sends Retry-After on other statuses only when asked; headers win over retryAfter', async () => {
    const list = () => t.call('GET', '/connections', undefined, { Authorization: 'Bearer sk_test_local' });
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 503 });
    expect((await list()).headers.has('retry-after')).toBe(false);
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 503, retryAfter: 30 });
    expect((await list()).headers.get('retry-after')).toBe('30');
    const headers = { 'Retry-After': '5' };
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 429, retryAfter: 9, headers });
    expect((await list()).headers.get('retry-after')).toBe('5');
  });

  it('validates retryAfter, headers and delayMs', async () => {
    const add = async (fault: Record<string, unknown>) =>
      (await t.call('POST', '/_emulator/faults', { path: '/x', ...fault })).status;
    expect(await add({ status: 429, retryAfter: -1 })).toBe(400);
    expect(await add({ status: 429, retryAfter: 1.5 })).toBe(400);
    expect(await add({ status: 429, retryAfter: 'a\r\nSet-Cookie: x=1' })).toBe(400);
    expect(await add({ status: 500, headers: { 'Content-Type': 'text/html' } })).toBe(400);
    expect(await add({ status: 500, headers: { 'bad name': 'x' } })).toBe(400);
    expect(await add({ status: 500, headers: { 'X-A': 'line\nbreak' } })).toBe(400);
    // body, retryAfter and headers describe an injected answer, so they need a status.
    for (const extra of [{ body: {} }, { retryAfter: 1 }, { headers: { 'X-A': '1' } }]) {
      expect(await add({ delayMs: 10, ...extra }), JSON.stringify(extra)).toBe(400);
    }
    expect(await add({ delayMs: 120_001 })).toBe(400);
    expect(await add({ delayMs: 120_000 })).toBe(201);
    expect(await add({ status: 429, retryAfter: 99_999_999, headers: { 'X-A': '1' } })).toBe(201);
    expect((await t.call('DELETE', '/_emulator/faults')).status).toBe(204);
  });

  it('with both delayMs and status, waits and then fails', async () => {
    await t.call('POST', '/_emulator/faults', { path: '/passwordless/sessions', delayMs: 200, status: 503 });
    const started = performance.now();
    const error = await rejectionOf(create());
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(error).toMatchObject({ status: 503 });
  });
});
