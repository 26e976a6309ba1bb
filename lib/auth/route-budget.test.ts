import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.ts';
import { WORKOS_BUDGET_MAX_MS } from '../env-services.ts';

// Every auth route declares Vercel's `maxDuration` (a literal, as Next requires) large enough for
// what it waits on, so the app, not Vercel, answers: the rate-limit check and refund, one WorkOS budget for
// all its WorkOS calls (at the largest WORKOS_BUDGET_MS a deployment may set), SMTP delivery, and
// slack for the store's own round trips.
// SMTP: the connection, greeting and socket timeouts lib/email/deliver.ts sets, one after another.
const SMTP_MS = [...readFileSync('lib/email/deliver.ts', 'utf8').matchAll(/set\('\w+Timeout', '(\d+)'\)/g)]
  .map((match) => Number(match[1]))
  .reduce((sum, ms) => sum + ms, 0);
const STORE_SLACK_MS = 2_000;
const ROUTES: [path: string, waits: { workos: boolean; smtp: boolean }][] = [
  ['app/api/auth/passwordless/route.ts', { workos: true, smtp: true }],
  ['app/api/auth/passwordless/[orgId]/route.ts', { workos: true, smtp: true }],
  ['app/api/auth/callback/route.ts', { workos: true, smtp: false }],
  ['app/api/auth/continue/route.ts', { workos: true, smtp: false }],
  ['app/api/auth/code/route.ts', { workos: true, smtp: false }],
  ['app/api/auth/confirm/route.ts', { workos: false, smtp: false }],
  ['app/api/auth/confirm/cancel/route.ts', { workos: false, smtp: false }],
  ['app/api/auth/logout/route.ts', { workos: false, smtp: false }],
  ['app/api/auth/sessions/route.ts', { workos: false, smtp: false }],
  ['app/api/auth/sessions/revoke/route.ts', { workos: false, smtp: false }],
];

function maxDuration(path: string): number | null {
  const match = /^export const maxDuration = (\d+);$/m.exec(readFileSync(path, 'utf8'));
  return match ? Number(match[1]) : null;
}

describe('maxDuration of the auth routes', () => {
  // The default RATE_LIMIT_TIMEOUT_MS (a deployment that raises it should raise these too).
  const rateLimitMs = loadEnv({
    NODE_ENV: 'development',
    SESSION_PASSWORD: 'route-budget-test-password-0123456789',
  }).rateLimit.timeoutMs;

  it('reads the three SMTP timeouts', () => {
    expect(SMTP_MS).toBeGreaterThanOrEqual(3 * 1_000);
  });

  it.each(ROUTES)('%s covers what it waits on', (path, waits) => {
    const seconds = maxDuration(path);
    expect(seconds).not.toBeNull();
    // Twice: the check, and the refund after it (a refused request's counts, a sign-in's callback count).
    const needed =
      2 * rateLimitMs +
      STORE_SLACK_MS +
      (waits.workos ? WORKOS_BUDGET_MAX_MS : 0) +
      (waits.smtp ? SMTP_MS : 0);
    expect((seconds ?? 0) * 1000).toBeGreaterThanOrEqual(needed);
    // Vercel's ceiling without Fluid compute's longer limits.
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('refuses a WorkOS budget larger than the routes allow for', () => {
    const base = { NODE_ENV: 'development', SESSION_PASSWORD: 'route-budget-test-password-0123456789' };
    expect(loadEnv(base).workos.budgetMs).toBeLessThan(10_000);
    expect(loadEnv({ ...base, WORKOS_BUDGET_MS: String(WORKOS_BUDGET_MAX_MS) }).workos.budgetMs).toBe(
      WORKOS_BUDGET_MAX_MS,
    );
    expect(() => loadEnv({ ...base, WORKOS_BUDGET_MS: String(WORKOS_BUDGET_MAX_MS + 1) })).toThrow(
      /WORKOS_BUDGET_MS/,
    );
  });
});
