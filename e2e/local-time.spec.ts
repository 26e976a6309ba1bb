// Times are shown in the reader's own time zone once JavaScript runs, with UTC in the tooltip;
// without JavaScript the server's UTC text stays (app/components/local-time.tsx).
import type { Locator } from '@playwright/test';
import { expect, freshEmail, requestLink, test } from './fixtures.ts';

/** "23:05": what a clock in `timeZone` shows at `iso` (en-GB, the locale these contexts use). */
const clockIn = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone }).format(new Date(iso));

async function isoOf(time: Locator): Promise<string> {
  const iso = await time.getAttribute('datetime');
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  return iso as string;
}

test.describe('in Tokyo', () => {
  test.use({ timezoneId: 'Asia/Tokyo', locale: 'en-GB' });

  test('check-email shows the expiry on the local clock, UTC in the title', async ({ page }) => {
    // A hydration mismatch is a console error in a production build (React #418).
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await requestLink(page, freshEmail('tokyo'));
    const time = page.locator('main time');
    const iso = await isoOf(time);
    await expect(time).toHaveText(clockIn(iso, 'Asia/Tokyo'));
    await expect(time).toHaveAttribute('title', `${clockIn(iso, 'UTC')} UTC`);
    expect(errors).toEqual([]);
  });

  test('the dashboard shows both times with their date on the local clock', async ({ page, signInAs }) => {
    await signInAs({ email: freshEmail('tokyodash') });
    await page.goto('/dashboard');
    for (const id of ['signed-in-at', 'session-expires']) {
      const time = page.getByTestId(id).locator('time');
      const iso = await isoOf(time);
      // The browser's own formatting in its own zone (Tokyo here), never UTC.
      const local = await time.evaluate(
        (_, at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(at),
        new Date(iso).getTime(),
      );
      await expect(time).toHaveText(local);
      expect(local).toContain(clockIn(iso, 'Asia/Tokyo'));
      await expect(time).toHaveAttribute('title', `${iso.slice(0, 10)} ${clockIn(iso, 'UTC')} UTC`);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, timezoneId: 'America/New_York' });

  test('the times stay in UTC, as the server wrote them', async ({ page, signInAs }) => {
    await requestLink(page, freshEmail('nojstime'));
    const expiry = page.locator('main time');
    await expect(expiry).toHaveText(`${clockIn(await isoOf(expiry), 'UTC')} UTC`);
    await signInAs({ email: freshEmail('nojsdash') });
    await page.goto('/dashboard');
    await expect(page.getByTestId('session-expires')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  });
});
