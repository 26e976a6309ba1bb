import type { APIRequestContext } from '@playwright/test';
import { expect, freshEmail, test } from './fixtures.ts';
import { emailsTo, waitForEmail } from './inbox.ts';
import type { E2ETarget } from './servers.ts';
import { nextTestIp as anotherIp } from './test-ip.ts';

// The per-address limits with the test servers' defaults (lib/auth/rate-limit-policies.ts):
// 3 per (address, IP) per 15 minutes, 20 per address per hour from all IPs together.

function asker(request: APIRequestContext, target: E2ETarget) {
  return (email: string, ip: string) =>
    request.post('/api/auth/passwordless', {
      headers: { origin: target.appUrl, 'content-type': 'application/json', 'x-real-ip': ip },
      data: { email },
    });
}

test.describe('per-address limits', () => {
  test('an attacker IP that used up its (address, IP) bucket does not keep the person out (RL-09)', async ({
    request,
    target,
  }) => {
    const ask = asker(request, target);
    const victim = freshEmail('victim');
    const attacker = anotherIp();
    for (let i = 0; i < 3; i++) expect((await ask(victim, attacker)).status()).toBe(200);
    for (let i = 0; i < 5; i++) expect((await ask(victim, attacker)).status()).toBe(429);
    expect((await ask(victim, anotherIp())).status()).toBe(200);
    await waitForEmail(target.emulatorUrl, victim, 4);
    expect(await emailsTo(target.emulatorUrl, victim)).toHaveLength(4);
  });

  test('Gmail dot variants, +tags and googlemail.com share one bucket; each is emailed as typed (RL-08)', async ({
    request,
    target,
  }) => {
    const ask = asker(request, target);
    const ip = anotherIp();
    const name = `dots${crypto.randomUUID().slice(0, 8)}`;
    const dotted = [...name].join('.');
    const sent = [`${name}@gmail.com`, `${dotted}@gmail.com`, `${name}+news@googlemail.com`];
    for (const address of sent) expect((await ask(address, ip)).status()).toBe(200);
    const over = await ask(`${dotted.toUpperCase()}@GoogleMail.com`, ip);
    expect(over.status()).toBe(429);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('rate_limit_exceeded');
    // Folding is for the limit only: every address got its own email, to the address as typed.
    for (const address of sent) expect((await waitForEmail(target.emulatorUrl, address)).to).toBe(address);
  });

  test('one address is capped across IPs by the ceiling (RATE_LIMIT_EMAIL_CEILING)', async ({
    request,
    target,
  }) => {
    const ask = asker(request, target);
    const email = freshEmail('ceiling');
    for (let i = 0; i < 20; i++)
      expect((await ask(email, anotherIp())).status(), `request ${i + 1}`).toBe(200);
    expect((await ask(email, anotherIp())).status()).toBe(429);
    expect((await ask(freshEmail('ceiling-other'), anotherIp())).status()).toBe(200);
  });
});
