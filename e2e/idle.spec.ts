// IDLE-*: the idle timeout (issue 11) on its own server, whose normal sessions end after
// E2E.idleTimeoutSeconds without a request (remember-me keeps the 7-day default), on Upstash.
import type { Page } from '@playwright/test';
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';
import { E2E, type E2ETarget } from './servers.ts';

const idleMs = E2E.idleTimeoutSeconds * 1000;

async function signIn(page: Page, target: E2ETarget, remember: boolean) {
  const email = freshEmail(remember ? 'idle-remember' : 'idle');
  await requestLink(page, email, '/login', remember);
  await openLink(page, await magicLink(target.emulatorUrl, email));
  await expect(page).toHaveURL(/\/dashboard$/);
}

test.describe('idle timeout', () => {
  test('IDLE-01 a session left alone past the timeout is signed out; its absolute expiry is not the limit', async ({
    page,
    target,
  }) => {
    await signIn(page, target, false);
    await page.waitForTimeout(idleMs + 1500);
    await page.reload();
    await expect(page).toHaveURL(/\/login\?returnTo=%2Fdashboard$/);
  });

  test('IDLE-02 a session in use stays signed in well past the timeout, and shows when it was last active', async ({
    page,
    target,
  }) => {
    await signIn(page, target, false);
    const until = Date.now() + 2 * idleMs;
    while (Date.now() < until) {
      await page.waitForTimeout(1000);
      const response = await page.request.get('/api/auth/sessions');
      expect(response.status()).toBe(200);
    }
    await page.reload();
    await expect(page.getByTestId('user-email')).toBeVisible();
    const { sessions } = (await (await page.request.get('/api/auth/sessions')).json()) as {
      sessions: { current: boolean; createdAt: string; lastActiveAt: string }[];
    };
    const current = sessions.find((s) => s.current);
    expect(Date.parse(current!.lastActiveAt) - Date.parse(current!.createdAt)).toBeGreaterThan(idleMs);
  });

  test('IDLE-03 "keep me signed in" has its own, longer idle timeout', async ({ page, target }) => {
    await signIn(page, target, true);
    await page.waitForTimeout(idleMs + 1500);
    await page.reload();
    await expect(page.getByTestId('user-email')).toBeVisible();
  });
});
