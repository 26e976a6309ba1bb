// Runs before every unit test file: `next/headers` is mocked with an in-memory cookie jar
// (test/next-headers.ts), as authkit-nextjs's vitest.setup.ts does, so route handlers and the
// sign-in flow run outside Next. Each test starts with an empty browser.
import { beforeEach, vi } from 'vitest';
import { currentCookies, switchBrowser } from './test/next-headers.ts';

vi.mock('next/headers', () => ({
  cookies: () => Promise.resolve(currentCookies()),
  headers: () => Promise.resolve(new Headers()),
}));

beforeEach(() => {
  switchBrowser();
});
