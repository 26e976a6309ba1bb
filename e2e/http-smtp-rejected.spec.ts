// The sign-in form is no mailbox-existence check, with our own SMTP delivery too: the emulator's
// SMTP sink refuses `reject-…` / `bounce-…` recipients at RCPT TO with 550 5.1.1 (echoing the
// address), and the app answers exactly as for an address the relay accepts. Only the log tells
// the difference (`auth.delivery_rejected`, masked, codes only).
import { readFileSync } from 'node:fs';
import { expect, freshEmail, test } from './fixtures.ts';
import { emailsTo, waitForEmail } from './inbox.ts';
import {
  CookieJar,
  getWith,
  header,
  parseSetCookie,
  rawRequest,
  sameOrigin,
  type RawResponse,
} from './raw-http.ts';
import { E2E } from './servers.ts';

type Answer = { status: number; body: string; location: string; cookies: string[] };

/** What a person or a client can see of an answer, but the cookie's sealed value and expiry time. */
function visible(response: RawResponse): Answer {
  const cookies = response.setCookies.map((line) => {
    const parsed = parseSetCookie(line);
    return `${parsed?.name}=<seal>; ${JSON.stringify(parsed?.attributes)}`;
  });
  return {
    status: response.status,
    body: response.body,
    location: header(response, 'location'),
    cookies: cookies.map((c) => c.replace(/"expires":"[^"]*"/, '"expires":"<time>"')),
  };
}

async function postJson(appUrl: string, email: string) {
  return rawRequest({
    url: `${appUrl}/api/auth/passwordless`,
    method: 'POST',
    headers: sameOrigin({ appUrl, emulatorUrl: '' }, { 'content-type': 'application/json' }),
    body: JSON.stringify({ email }),
  });
}

async function postForm(appUrl: string, email: string, jar: CookieJar) {
  const response = await rawRequest({
    url: `${appUrl}/api/auth/passwordless`,
    method: 'POST',
    headers: sameOrigin(
      { appUrl, emulatorUrl: '' },
      {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
        'sec-fetch-mode': 'navigate',
      },
    ),
    body: new URLSearchParams({ email, returnTo: '/dashboard' }).toString(),
  });
  jar.absorb(response);
  return response;
}

/** The `auth.delivery_rejected` events the server has logged so far. */
function rejectedEvents(): Record<string, unknown>[] {
  return readFileSync(`${E2E.logDir}/${E2E.upstash.name}.log`, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((event) => event.event === 'auth.delivery_rejected');
}

/**
 * The check-email page with what differs between any two requests blanked: the per-request
 * nonces, the expiry time, and the address typed (shown, and in the page's resend form).
 */
const comparable = (html: string, email: string) =>
  html
    .replaceAll(email, '<email>')
    .replace(/[A-Za-z0-9+/]{22}==/g, '<nonce>')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
    .replace(/\d\d:\d\d UTC/g, '<time>');

test.describe('a recipient the SMTP relay refuses (550 at RCPT TO)', () => {
  test.beforeEach(({ target }) => {
    test.skip(target.delivery !== 'smtp', 'only the copy that sends its own mail over SMTP');
  });

  test('JSON and form answers are byte-identical to an accepted address, and the log says why', async ({
    target,
  }) => {
    // Apart from the address itself (shown in full), even the check-email pages must be identical.
    const accepted = [freshEmail('real'), freshEmail('real')];
    const refused = [freshEmail('reject'), freshEmail('bounce').replace(/^bounce/, 'reject')];
    const before = rejectedEvents().length;

    const jsonOk = await postJson(target.appUrl, accepted[0] as string);
    const jsonRefused = await postJson(target.appUrl, refused[0] as string);
    expect(jsonOk.status, jsonOk.body).toBe(200);
    expect(visible(jsonRefused)).toEqual(visible(jsonOk));

    const okJar = new CookieJar();
    const refusedJar = new CookieJar();
    const formOk = await postForm(target.appUrl, accepted[1] as string, okJar);
    const formRefused = await postForm(target.appUrl, refused[1] as string, refusedJar);
    expect(formOk.status).toBe(303);
    expect(header(formOk, 'location')).toBe('/login/check-email');
    expect(visible(formRefused)).toEqual(visible(formOk));
    const pageOk = await getWith(`${target.appUrl}/login/check-email`, okJar);
    const pageRefused = await getWith(`${target.appUrl}/login/check-email`, refusedJar);
    expect(pageOk.status).toBe(200);
    expect(pageOk.body).toContain(`>${accepted[1]}</strong>`);
    expect(pageRefused.status).toBe(200);
    expect(comparable(pageRefused.body, refused[1] as string)).toBe(
      comparable(pageOk.body, accepted[1] as string),
    );

    // The relay really did refuse: mail to the accepted addresses only.
    for (const email of accepted) await waitForEmail(target.emulatorUrl, email);
    for (const email of refused) expect(await emailsTo(target.emulatorUrl, email)).toEqual([]);

    await expect.poll(() => rejectedEvents().length - before, { timeout: 5_000 }).toBe(2);
    for (const event of rejectedEvents().slice(before)) {
      expect(event).toMatchObject({ level: 'warn', email: 'r***@example.org', responseCode: 550 });
      expect(event.enhancedCode).toBe('5.1.1');
      expect(JSON.stringify(event)).not.toMatch(/reject-|unknown/i);
    }
  });
});
