import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { getEnv } from '../env.ts';
import { getStore } from '../store/index.ts';
import { createAttempt, type Attempt } from './attempts.ts';
import { verifyCallback } from './flow/callback.ts';
import { consumeConfirmation, createConfirmation } from './confirmations.ts';

// Two deployments (production and a preview) may share SESSION_PASSWORD and one Upstash database.
// What one of them stored must never complete a sign-in on the other.

const warnings: string[] = [];

beforeAll(() => {
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'preview-isolation-test-password-0123456789');
  vi.stubEnv('UPSTASH_REDIS_REST_URL', '');
  vi.stubEnv('UPSTASH_REDIS_REST_TOKEN', '');
  vi.spyOn(console, 'warn').mockImplementation((line: unknown) => void warnings.push(String(line)));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

const attempt = (origin: string): Attempt => ({
  email: 'alice@example.com',
  returnTo: '/dashboard',
  remember: false,
  bindHash: 'h'.repeat(64),
  createdAt: Date.now(),
  organizationId: null,
  connectionId: null,
  origin,
});

describe('attempts and confirmations are bound to their origin', () => {
  it('a callback refuses (and burns) an attempt another origin created, before any WorkOS call', async () => {
    const store = getStore();
    const state = await createAttempt(store, attempt('https://app-git-feature.vercel.app'), 600);
    const outcome = await verifyCallback(new URLSearchParams({ state, code: 'code_from_elsewhere' }), {
      ip: null,
      binding: { present: false, binding: null },
    });
    expect(outcome).toEqual({ kind: 'failed', code: 'auth_failed' });
    expect(JSON.parse(warnings.at(-1) ?? '{}')).toMatchObject({
      event: 'auth.callback_failed',
      reason: 'origin_mismatch',
    });
    // Burnt: a second try is "expired", and nothing was left for the other deployment either.
    const again = await verifyCallback(new URLSearchParams({ state, code: 'x' }), {
      ip: null,
      binding: { present: false, binding: null },
    });
    expect(again).toEqual({ kind: 'failed', code: 'expired' });
  });

  it('a confirmation is usable only on the origin that verified it', async () => {
    const store = getStore();
    const confirmation = {
      userId: 'prof_1',
      email: 'alice@example.com',
      organizationId: null,
      returnTo: '/dashboard',
      remember: false,
      origin: 'https://app-git-feature.vercel.app',
    };
    const token = await createConfirmation(store, confirmation);
    expect(await consumeConfirmation(store, token, getEnv().appUrl)).toBeNull();
    const own = await createConfirmation(store, { ...confirmation, origin: getEnv().appUrl });
    expect(await consumeConfirmation(store, own, getEnv().appUrl)).toEqual({
      ...confirmation,
      origin: getEnv().appUrl,
    });
  });

  it('store keys carry the environment prefix', () => {
    expect(getEnv().storeKeyPrefix).toBe('ml:test:');
  });
});
