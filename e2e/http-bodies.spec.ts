// AUTH-05: every case of sample-bodies.json against POST /api/auth/passwordless over raw HTTP
// (docs/security.md §6, status contract as decided in docs/security.md §2.1: JSON success 200, a same-origin
// urlencoded form is accepted with 303 and its errors are 303s back to /login, 403 stays JSON).
import {
  bodyCases,
  isFormContentType,
  prepareBodyCase,
  type BodyCase,
  type PreparedBodyCase,
} from './corpus.ts';
import { expect, freshEmail, test } from './fixtures.ts';
import type { E2ETarget } from './servers.ts';
import { emailsTo } from './inbox.ts';
import {
  createSessionsFor,
  findSetCookie,
  header,
  locationOf,
  rawRequest,
  type RawResponse,
  type Target,
} from './raw-http.ts';

const ERROR_CODE_FOR: Record<number, string[]> = {
  400: ['invalid_request', 'invalid_email'],
  403: ['forbidden_origin'],
  404: ['not_found'],
  405: ['method_not_allowed'],
  413: ['payload_too_large'],
  415: ['unsupported_media_type'],
  429: ['rate_limit_exceeded'],
};
const FORM_ERROR_FOR: Record<number, string[]> = {
  400: ['invalid_request', 'invalid_email'],
  404: ['not_found'],
  413: ['payload_too_large'],
  429: ['rate_limit_exceeded'],
};
const MAX_BODY_BYTES = 8 * 1024;
const STACK_TRACE =
  /\n\s+at\s|\bat\s+\S+\s+\(|node_modules|\.(?:ts|js|tsx):\d+|TypeError|SyntaxError|RangeError/;

/** One allowed answer: a status and, for the form's 303s, where it must lead. */
type Outcome = { status: number; accepted: boolean; formError?: string[] };

/**
 * The answers the contract allows for a case. The corpus's 202 means "accepted" (JSON 200, form 303
 * to /login/check-email); a same-origin urlencoded POST is a supported form, so its errors become
 * 303s to /login?error=<code> (except 403) and the sample's 415 for the form itself is superseded.
 */
function allowedOutcomes(c: BodyCase, prepared: PreparedBodyCase): Outcome[] {
  const statuses = c.expect.status_any ?? (c.expect.status !== undefined ? [c.expect.status] : []);
  const form = prepared.method === 'POST' && isFormContentType(prepared.headers['content-type']);
  // The cap is 8 KiB: a bigger body is 413 before its fields are read, whatever they hold.
  const oversized = (prepared.body?.length ?? 0) > MAX_BODY_BYTES;
  const outcomes: Outcome[] = [];
  for (const corpusStatus of statuses) {
    const status = oversized && [200, 202, 400].includes(corpusStatus) ? 413 : corpusStatus;
    if (status === 200 || status === 202) {
      outcomes.push(form ? { status: 303, accepted: true } : { status: 200, accepted: true });
    } else if (form && status === 415) {
      // Superseded: the form is a supported media type. Decide from the fields what it must do.
      if (wellFormedForm(prepared)) outcomes.push({ status: 303, accepted: true });
      else
        outcomes.push(
          { status: 303, accepted: true },
          { status: 303, accepted: false, formError: allFormErrors() },
        );
    } else if (form && FORM_ERROR_FOR[status]) {
      outcomes.push({ status: 303, accepted: false, formError: FORM_ERROR_FOR[status] });
    } else {
      outcomes.push({ status, accepted: false });
    }
  }
  return outcomes;
}

function allFormErrors(): string[] {
  return [...new Set(Object.values(FORM_ERROR_FOR).flat())];
}

/** A urlencoded body with exactly the known fields, once each, and one of our fresh (valid) addresses. */
function wellFormedForm(prepared: PreparedBodyCase): boolean {
  if (prepared.text === null) return false;
  const params = new URLSearchParams(prepared.text);
  const keys = [...params.keys()];
  if (new Set(keys).size !== keys.length) return false;
  if (!keys.every((key) => ['email', 'returnTo', 'remember'].includes(key))) return false;
  const email = params.get('email') ?? '';
  if (!/^[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(email)) return false;
  if (!prepared.addresses.includes(email.toLowerCase())) return false;
  const returnTo = params.get('returnTo');
  const remember = params.get('remember');
  return (
    (returnTo === null || returnTo.length <= 2048) &&
    (remember === null || ['true', 'on', 'false'].includes(remember))
  );
}

/** The address the app must have used when it accepted the body: the value of `email` as parsed. */
function addressInBody(prepared: PreparedBodyCase): string | null {
  if (prepared.text === null) return null;
  const contentType = prepared.headers['content-type'] ?? '';
  if (isFormContentType(contentType))
    return new URLSearchParams(prepared.text).get('email')?.toLowerCase() ?? null;
  try {
    const parsed = JSON.parse(prepared.text.replace(/^\uFEFF/, '')) as unknown;
    const email = (parsed as { email?: unknown } | null)?.email;
    return typeof email === 'string' ? email.toLowerCase() : null;
  } catch {
    return null;
  }
}

function checkErrorBody(response: RawResponse, status: number, label: string) {
  const contentType = header(response, 'content-type');
  // Next's own 405 for unrouted methods has an empty body; anything with a body must be the house shape.
  if (status === 405 && response.body === '') return;
  expect(contentType, `${label}: error content-type`).toMatch(/^application\/json/i);
  let json: unknown = undefined;
  try {
    json = JSON.parse(response.body) as unknown;
  } catch {
    // reported just below
  }
  expect(json, `${label}: error body is JSON: ${response.body.slice(0, 200)}`).toBeDefined();
  expect(json, `${label}: error body shape`).toEqual({
    success: false,
    error: { code: expect.any(String), message: expect.any(String) },
  });
  const code = (json as { error: { code: string } }).error.code;
  const codes = ERROR_CODE_FOR[status];
  if (codes) expect(codes, `${label}: error code ${code} for ${status}`).toContain(code);
}

async function runCase(c: BodyCase, target: Target & { delivery: string }, counter: number) {
  const tag = crypto.randomUUID().replaceAll('-', '').slice(0, 10);
  const prepared = prepareBodyCase(c, target.appUrl, counter, tag);
  const label = `${c.id} (${c.description})`;
  const response = await rawRequest({
    url: `${target.appUrl}${prepared.path}`,
    method: prepared.method,
    headers: prepared.headers,
    body: prepared.body,
    transfer: prepared.transfer,
    timeoutMs: 25_000,
  });

  // Never a server error, never CORS, never a stack trace, whatever the case.
  expect(response.status, `${label}: status (body ${response.body.slice(0, 200)})`).toBeLessThan(500);
  expect(response.headers['access-control-allow-origin'], `${label}: no CORS`).toBeUndefined();
  expect(response.body, `${label}: no stack trace`).not.toMatch(STACK_TRACE);

  const outcomes = allowedOutcomes(c, prepared);
  expect(
    outcomes.map((o) => o.status),
    `${label}: status ${response.status}, body ${response.body.slice(0, 200)}`,
  ).toContain(response.status);

  let accepted: boolean;
  if (response.status === 303) {
    const location = locationOf(response, target.appUrl);
    expect(location?.origin, `${label}: form redirect stays on the app`).toBe(target.appUrl);
    accepted = location?.pathname === '/login/check-email';
    const allowed = outcomes.filter((o) => o.status === 303 && o.accepted === accepted);
    expect(allowed.length, `${label}: 303 to ${location?.href} is not an allowed outcome`).toBeGreaterThan(0);
    if (!accepted) {
      expect(location?.pathname, `${label}: form error goes back to /login`).toBe('/login');
      const codes = allowed.flatMap((o) => o.formError ?? []);
      expect(codes, `${label}: form error code`).toContain(location?.searchParams.get('error'));
    }
  } else if (response.status === 200) {
    accepted = true;
    expect(JSON.parse(response.body), `${label}: success body`).toEqual({
      success: true,
      message: expect.any(String),
    });
  } else {
    accepted = false;
    if (response.status >= 400) checkErrorBody(response, response.status, label);
  }
  if (response.status === 405 || (c.invariants ?? []).some((i) => /Allow: POST/i.test(i))) {
    expect(header(response, 'allow'), `${label}: 405 names the allowed method (Allow: POST)`).toMatch(
      /\bPOST\b/,
    );
  }
  const refusedForSize =
    response.status === 413 ||
    locationOf(response, target.appUrl)?.searchParams.get('error') === 'payload_too_large';
  if (refusedForSize && (prepared.body?.length ?? 0) > 64 * 1024) {
    // Refused on the declared length or the first 8 KiB, not after buffering megabytes (B-062/B-064).
    expect(response.truncatedUpload, `${label}: answered before the whole body was sent`).toBe(true);
  }
  if (response.status === 429)
    expect(header(response, 'retry-after'), `${label}: Retry-After`).toMatch(/^\d+$/);
  if (prepared.path.startsWith('/api/auth/')) {
    expect(header(response, 'cache-control'), `${label}: auth API answers are not cached`).toContain(
      'no-store',
    );
  }

  // Side effects: a binding cookie, a WorkOS session and one email exactly when accepted.
  const binding = findSetCookie(response, 'pl_bind');
  if (accepted) expect(binding?.value, `${label}: binding cookie on success`).toBeTruthy();
  else expect(binding?.value ?? '', `${label}: no binding cookie on failure`).toBe('');
  if (c.side_effects === 'one_email') expect(accepted, `${label}: the case must be accepted`).toBe(true);

  const recipient = accepted ? addressInBody(prepared) : null;
  if (accepted) {
    expect(recipient, `${label}: accepted without an address in the body?`).toBeTruthy();
    expect(prepared.addresses, `${label}: the emailed address is the one the body holds last`).toContain(
      recipient,
    );
    // The address sent to WorkOS is lower-cased, and the redirect URI comes from configuration only.
    const created = await createSessionsFor(target.emulatorUrl, recipient as string);
    expect(created.length, `${label}: one createSession for ${recipient}`).toBe(1);
    expect(created[0]?.body).toMatchObject({
      type: 'MagicLink',
      email: recipient,
      redirect_uri: `${target.appUrl}/api/auth/callback`,
    });
    expect(String(created[0]?.body?.state)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The answer never carries the link, the WorkOS session id or the state.
    expect(response.body).not.toContain(String(created[0]?.body?.state));
    expect(response.body).not.toMatch(/passwordless_session_|\/passwordless\/[^/]+\/confirm/);
    await expect
      .poll(async () => (await emailsTo(target.emulatorUrl, recipient as string)).length, { timeout: 10_000 })
      .toBe(1);
  }
  for (const address of prepared.addresses) {
    if (address === recipient) continue;
    expect(
      await createSessionsFor(target.emulatorUrl, address),
      `${label}: no WorkOS session for ${address}`,
    ).toEqual([]);
    expect(await emailsTo(target.emulatorUrl, address), `${label}: no email to ${address}`).toEqual([]);
  }
  if (recipient) {
    // Exactly one email in total across every address of the case.
    expect((await emailsTo(target.emulatorUrl, recipient)).length).toBe(1);
  }
  return { prepared, response };
}

async function serverAnswers(target: Target) {
  const page = await rawRequest({ url: `${target.appUrl}/login` });
  expect(page.status, 'the server still renders /login').toBe(200);
  const probe = await rawRequest({
    url: `${target.appUrl}/api/auth/passwordless`,
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: target.appUrl, 'sec-fetch-site': 'same-origin' },
    body: '{"email":',
  });
  expect(probe.status, 'the endpoint still answers').toBe(400);
}

const cases = bodyCases();

test.describe('AUTH-05 request bodies (sample-bodies.json)', () => {
  test('the corpus is readable and every case has an expectation', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      expect(c.id).toBeTruthy();
      expect(c.expect.status ?? c.expect.status_any, c.id).toBeDefined();
      const bodies = ['body', 'body_base64', 'body_generator'].filter((k) => k in c);
      expect(bodies.length, `${c.id}: exactly one body field`).toBeLessThanOrEqual(1);
    }
  });

  cases.forEach((c, index) => {
    test(`${c.id} ${c.description}`, async ({ target }) => {
      const big =
        (c.body_generator ?? []).reduce((n, [piece, times]) => n + piece.length * times, 0) > 8 * 1024;
      if (big) test.setTimeout(60_000);
      await runCase(c, target, index);
      // Heavy bodies (depth, size) must leave the server answering normally.
      if (big || (c.invariants ?? []).some((i) => /keeps answering|memory/i.test(i)))
        await serverAnswers(target);
    });
  });

  test('AUTH-03 a spoofed Host / X-Forwarded-* never changes the redirect URI sent to WorkOS', async ({
    target,
  }) => {
    for (const spoof of [
      { host: 'evil.example' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-port': '443' },
      { forwarded: 'host=evil.example;proto=https' },
    ]) {
      const email = freshEmail('spoof');
      const response = await rawRequest({
        url: `${target.appUrl}/api/auth/passwordless`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: target.appUrl,
          'sec-fetch-site': 'same-origin',
          ...spoof,
        },
        body: JSON.stringify({ email }),
      });
      expect(response.status, JSON.stringify(spoof)).toBe(200);
      const [created] = await createSessionsFor(target.emulatorUrl, email);
      expect(created?.body?.redirect_uri, JSON.stringify(spoof)).toBe(`${target.appUrl}/api/auth/callback`);
      expect(JSON.stringify(response.headers)).not.toContain('evil.example');
    }
  });

  test('the same body keeps its verdict when sent chunked (no Content-Length)', async ({ target }) => {
    // The size cap holds on streamed bytes too (docs/security.md §2.1 step 4).
    const pad = 'A'.repeat(20_000);
    const email = freshEmail('chunked');
    const response = await rawRequest({
      url: `${target.appUrl}/api/auth/passwordless`,
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: target.appUrl, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, pad }),
      transfer: 'chunked',
    });
    expect(response.status).toBe(413);
    checkErrorBody(response, 413, 'chunked 20 KB');
    expect(await createSessionsFor(target.emulatorUrl, email)).toEqual([]);
    await serverAnswers(target);
  });

  // Whatever ran in this worker (100k-deep arrays, 10 MB bodies), the server keeps answering.
  test.afterAll(async ({}, testInfo) => {
    await serverAnswers(testInfo.project.metadata as E2ETarget);
  });
});
