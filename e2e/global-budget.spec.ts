import { expectLogged, logMark } from './app-log.ts';
import { expect, freshEmail, test } from './fixtures.ts';
import { emailsTo, waitForEmail } from './inbox.ts';
import { E2E } from './servers.ts';
import { nextTestIp as anotherIp } from './test-ip.ts';

// Runs on the global-budget copies only (playwright.config.ts): no CLIENT_IP_HEADER, so no per-IP
// limit applies, and RATE_LIMIT_GLOBAL is E2E.globalBudget sends per hour for the whole deployment.
// One test per copy: the budget it spends stays spent for the run.

test('the global budget caps sends when no IP header is configured, whatever the headers say (RL-10)', async ({
  request,
  target,
}) => {
  const mark = logMark(target);
  const ask = (email: string) => {
    // Headers a client could send to look like many clients: none of them is trusted here.
    const ip = anotherIp();
    return request.post('/api/auth/passwordless', {
      headers: {
        origin: target.appUrl,
        'content-type': 'application/json',
        'x-real-ip': ip,
        'x-forwarded-for': ip,
      },
      data: { email },
    });
  };
  const sent = Array.from({ length: E2E.globalBudget }, (_, i) => freshEmail(`global${i}`));
  for (const email of sent) expect((await ask(email)).status()).toBe(200);
  const over = freshEmail('global-over');
  const denied = await ask(over);
  expect(denied.status()).toBe(429);
  expect(Number(denied.headers()['retry-after'])).toBeGreaterThan(0);
  expect(((await denied.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
  // Operators see it: one error line (at most one a minute).
  const logged = await expectLogged(target, mark, { event: 'rate_limit.global_exhausted' });
  expect(logged).toMatchObject({ level: 'error', limit: E2E.globalBudget, windowSeconds: 3600 });
  for (const email of sent) await waitForEmail(target.emulatorUrl, email);
  expect(await emailsTo(target.emulatorUrl, over)).toEqual([]);
});
