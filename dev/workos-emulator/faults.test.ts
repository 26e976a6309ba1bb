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
});
