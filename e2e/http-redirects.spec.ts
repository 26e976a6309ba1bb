// AUTH-07 and CB-15: every returnTo of sample-redirects.json through the whole flow over raw HTTP
// (request → emailed link → callback with the binding cookie) and through the /login page.
// Accepted values land on APP_URL + the corpus's normalized path, rejected strings on /dashboard,
// non-strings are a 400 at request time (docs/security.md §5.1).
import { expectedReturnTo, redirectCases, referenceSafeReturnTo, show, type RedirectCase } from './corpus.ts';
import { expect, freshEmail, test } from './fixtures.ts';
import { magicLink } from './inbox.ts';
import {
  CookieJar,
  createSessionsFor,
  findSetCookie,
  followMagicLink,
  getWith,
  header,
  postSignIn,
  rawRequest,
  type Target,
} from './raw-http.ts';

/** returnTo strings longer than this are a schema error (400), not a silent default. */
const MAX_RETURN_TO = 2048;

const cases = redirectCases();

/** The Location must be absolute on the app and never protocol-relative after the origin (CB-15). */
function expectOnApp(location: string, target: Target, label: string) {
  expect(location.startsWith(`${target.appUrl}/`), `${label}: Location ${location}`).toBe(true);
  const rest = location.slice(target.appUrl.length);
  expect(rest.startsWith('//') || rest.startsWith('/\\'), `${label}: Location ${location}`).toBe(false);
  expect(new URL(location).origin, label).toBe(target.appUrl);
}

async function flowLandsOn(target: Target, c: RedirectCase) {
  const label = `${c.id} ${show(c.input)}`;
  const email = freshEmail('rt');
  const jar = new CookieJar();
  const requested = await postSignIn(target, { email, returnTo: c.input }, jar);
  if (typeof c.input !== 'string' || c.input.length > MAX_RETURN_TO) {
    expect(requested.status, `${label}: ${requested.body.slice(0, 200)}`).toBe(400);
    expect((JSON.parse(requested.body) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect(findSetCookie(requested, 'pl_bind')?.value ?? '').toBe('');
    expect(await createSessionsFor(target.emulatorUrl, email), `${label}: nothing sent to WorkOS`).toEqual(
      [],
    );
    return;
  }
  expect(requested.status, `${label}: ${requested.body.slice(0, 200)}`).toBe(200);
  const callbackUrl = await followMagicLink(target, await magicLink(target.emulatorUrl, email));
  const callback = await getWith(callbackUrl.href, jar);
  expect(callback.status, label).toBe(303);
  const location = header(callback, 'location');
  expect(location, label).toBe(`${target.appUrl}${expectedReturnTo(c)}`);
  expectOnApp(location, target, label);
  expect(findSetCookie(callback, 'session')?.value, `${label}: signed in`).toBeTruthy();
}

/** `input` as written in a request target: only what HTTP cannot carry (controls, space, non-ASCII) is escaped. */
function rawQueryValue(input: string): string {
  return [...input]
    .map((ch) => {
      if (/^[\x21-\x7E]$/.test(ch)) return ch;
      try {
        return encodeURIComponent(ch);
      } catch {
        return '%EF%BF%BD'; // a lone surrogate: what a browser would send
      }
    })
    .join('');
}

function decodeHtml(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, '&');
}

/** The value of the login form's hidden returnTo field. */
async function hiddenReturnTo(target: Target, query: string, label: string): Promise<string> {
  const page = await rawRequest({ url: `${target.appUrl}/login?returnTo=${query}` });
  expect(page.status, `${label}: /login?returnTo=${query.slice(0, 80)}`).toBe(200);
  const inputs = page.body.match(/<input\b[^>]*\bname="returnTo"[^>]*>/g) ?? [];
  expect(inputs.length, `${label}: one hidden returnTo field`).toBe(1);
  const value = /\bvalue="([^"]*)"/.exec(inputs[0] as string)?.[1];
  expect(value, `${label}: the field has a value`).toBeDefined();
  return decodeHtml(value as string);
}

test.describe('AUTH-07 / CB-15 returnTo through the whole flow (sample-redirects.json)', () => {
  test('the corpus is readable', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases.filter((c) => c.expected === 'accept')) {
      expect(typeof c.normalized, `${c.id}: accepted cases have a normalized form`).toBe('string');
    }
  });

  for (const c of cases) {
    test(`${c.id} ${c.expected} (${c.reason ?? c.category}): ${show(c.input)}`, async ({ target }) => {
      await flowLandsOn(target, c);
    });
  }
});

test.describe('/login?returnTo= keeps only safe values in the form (sample-redirects.json)', () => {
  for (const c of cases.filter((c) => typeof c.input === 'string')) {
    test(`${c.id} ${c.expected}: ${show(c.input)}`, async ({ target }) => {
      const input = c.input as string;
      const label = `${c.id} ${show(input)}`;
      // Once-encoded: the page sees exactly the corpus input.
      const encoded = await hiddenReturnTo(target, encodeURIComponent(input), `${label} (encoded)`);
      expect(encoded, `${label} (encoded)`).toBe(expectedReturnTo(c));
      // Raw: the query string is decoded once before the page sees it; whatever it then holds must
      // get the verdict of the reference policy (docs/security.md §5.1) and never be unsafe.
      const raw = rawQueryValue(input);
      const seen = new URL(`/login?returnTo=${raw}`, target.appUrl).searchParams.get('returnTo');
      const value = await hiddenReturnTo(target, raw, `${label} (raw)`);
      expect(value, `${label} (raw, the page saw ${show(seen)})`).toBe(
        referenceSafeReturnTo(seen, target.appUrl) ?? '/dashboard',
      );
      expect(
        value.startsWith('/') && !value.startsWith('//') && !value.includes('\\'),
        `${label} (raw)`,
      ).toBe(true);
    });
  }
});
