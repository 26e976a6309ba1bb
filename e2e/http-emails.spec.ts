// AUTH-06: every address of sample-emails.json sent as JSON `{ email }` to POST /api/auth/passwordless.
// Invalid: 400 and nothing reaches WorkOS. Valid: 200 and exactly one email to the normalized address.
// Valid corpus addresses are fixed strings: each is sent once per server run, and addresses that
// share a rate-limit bucket (case variants, +tags) are sent one after the other in one test.
import { emailCases, limiterKey, show, type EmailCase } from './corpus.ts';
import { expect, test } from './fixtures.ts';
import { domainToASCII, domainToUnicode } from 'node:url';
import { emailsTo, type Email } from './inbox.ts';
import { createSessionsFor, findSetCookie, header, postSignIn, type Target } from './raw-http.ts';

/** The per-address limit of the test servers (RATE_LIMIT_EMAIL default): 3 per 15 minutes. */
const PER_ADDRESS_LIMIT = 3;
/** The request body cap (413 above it). */
const MAX_BODY_BYTES = 8 * 1024;

const cases = emailCases();
const invalid = cases.filter((c) => c.expected === 'invalid');
const valid = cases.filter((c) => c.expected === 'valid');

/**
 * Every message to `address`. The SMTP sink (smtp-server) records an A-label domain of the envelope
 * in Unicode (`user@xn--bcher-kva.de` arrives as `user@bücher.de`), so both spellings are read.
 */
async function inbox(emulatorUrl: string, address: string): Promise<Email[]> {
  const at = address.lastIndexOf('@');
  const unicode = `${address.slice(0, at)}@${domainToUnicode(address.slice(at + 1)) || address.slice(at + 1)}`;
  const byId = new Map<string, Email>();
  for (const spelling of new Set([address, unicode])) {
    for (const email of await emailsTo(emulatorUrl, spelling)) byId.set(email.id, email);
  }
  return [...byId.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Valid cases grouped by rate-limit bucket, in corpus order. */
function buckets(list: EmailCase[]): EmailCase[][] {
  const groups = new Map<string, EmailCase[]>();
  for (const c of list) {
    const key = limiterKey(c.normalized ?? String(c.input));
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.values()];
}

/** An address with its domain in A-label form, lower-cased. */
function domainToAsciiAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}@${domainToASCII(address.slice(at + 1))}`.toLowerCase();
}

async function expectRefused(target: Target, c: EmailCase) {
  const response = await postSignIn(target, { email: c.input });
  const label = `${c.id} ${show(c.input)}`;
  const body = JSON.parse(response.body) as { success: boolean; error: { code: string; message: string } };
  expect(body.success).toBe(false);
  if (Buffer.byteLength(JSON.stringify({ email: c.input })) > MAX_BODY_BYTES) {
    // The 8 KiB body cap answers before any field is looked at.
    expect(response.status, `${label}: ${response.body.slice(0, 200)}`).toBe(413);
    expect(body.error.code).toBe('payload_too_large');
  } else {
    expect(response.status, `${label}: ${response.body.slice(0, 200)}`).toBe(400);
    // Strings within the schema's 320-character bound fail the email policy; non-strings and
    // longer strings are refused by the schema itself.
    if (typeof c.input === 'string' && c.input.length <= 320)
      expect(body.error.code, label).toBe('invalid_email');
    else expect(['invalid_email', 'invalid_request'], label).toContain(body.error.code);
  }
  expect(body.error.message).toEqual(expect.any(String));
  // The answer never echoes the raw input (mail or page injection, CVE-2022-31127).
  if (typeof c.input === 'string' && c.input.length >= 6) expect(response.body).not.toContain(c.input);
  expect(findSetCookie(response, 'pl_bind')?.value ?? '', `${label}: no binding cookie`).toBe('');
  // Nothing reached WorkOS: no session was created for the input in any spelling.
  if (typeof c.input === 'string') {
    for (const spelling of new Set([c.input, c.input.toLowerCase(), c.input.trim().toLowerCase()])) {
      expect(await createSessionsFor(target.emulatorUrl, spelling), `${label}: createSession`).toEqual([]);
    }
  }
}

test.describe('AUTH-06 email addresses (sample-emails.json)', () => {
  test('the corpus is readable', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const c of valid) expect(typeof c.normalized, `${c.id} has a normalized form`).toBe('string');
  });

  for (const c of invalid) {
    test(`${c.id} invalid (${c.reason ?? c.category}): ${show(c.input)}`, async ({ target }) => {
      await expectRefused(target, c);
    });
  }

  for (const group of buckets(valid)) {
    const ids = group.map((c) => c.id).join(', ');
    test(`valid ${ids}: ${group.map((c) => show(c.input, 40)).join(' ')}`, async ({ target }) => {
      for (const [index, c] of group.entries()) {
        const label = `${c.id} ${show(c.input)}`;
        const normalized = c.normalized as string;
        const before = (await inbox(target.emulatorUrl, normalized)).length;
        const sessionsBefore = (await createSessionsFor(target.emulatorUrl, normalized)).length;
        const response = await postSignIn(target, { email: c.input });
        if (index >= PER_ADDRESS_LIMIT) {
          // A fourth address in one bucket can only show that it passed validation (429, not 400).
          expect(response.status, `${label}: over the per-address limit`).toBe(429);
          expect(header(response, 'retry-after')).toMatch(/^\d+$/);
          expect(
            (await inbox(target.emulatorUrl, normalized)).length,
            `${label}: no email over the limit`,
          ).toBe(before);
          continue;
        }
        expect(response.status, `${label}: ${response.body.slice(0, 200)}`).toBe(200);
        expect(JSON.parse(response.body)).toEqual({ success: true, message: expect.any(String) });
        expect(findSetCookie(response, 'pl_bind')?.value, `${label}: binding cookie`).toBeTruthy();
        // WorkOS got the normalized (lower-cased) address, and exactly one email went to it.
        const sessions = await createSessionsFor(target.emulatorUrl, normalized);
        expect(sessions.length, `${label}: one createSession for ${normalized}`).toBe(sessionsBefore + 1);
        await expect
          .poll(async () => (await inbox(target.emulatorUrl, normalized)).length, {
            message: `${label}: one email to ${normalized}`,
            timeout: 10_000,
          })
          .toBe(before + 1);
        const [newest] = await inbox(target.emulatorUrl, normalized);
        expect(domainToAsciiAddress(newest?.to ?? ''), label).toBe(normalized);
        if (typeof c.input === 'string' && c.input !== normalized) {
          // Nothing was sent to the raw spelling as a separate WorkOS session.
          expect(await createSessionsFor(target.emulatorUrl, c.input), label).toEqual([]);
        }
      }
    });
  }
});
