import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../env.ts';
import { workosBudgetMs } from './workos.ts';

// Every auth route declares Vercel's `maxDuration` (a literal, as Next requires) large enough for
// the WorkOS calls it makes plus the longest rate-limit check, so the app, not Vercel, answers.
const ROUTES: [path: string, workosCalls: number][] = [
  ['app/api/auth/passwordless/route.ts', 3],
  ['app/api/auth/passwordless/[orgId]/route.ts', 3],
  ['app/api/auth/callback/route.ts', 1],
  ['app/api/auth/confirm/route.ts', 0],
  ['app/api/auth/logout/route.ts', 0],
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

  it.each(ROUTES)('%s covers %i WorkOS call(s) and the rate-limit timeout', (path, calls) => {
    const seconds = maxDuration(path);
    expect(seconds).not.toBeNull();
    expect((seconds ?? 0) * 1000).toBeGreaterThanOrEqual(workosBudgetMs(calls) + rateLimitMs);
    // Vercel's ceiling without Fluid compute's longer limits.
    expect(seconds).toBeLessThanOrEqual(60);
  });
});
