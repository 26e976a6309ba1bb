import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { safeReturnTo } from './return-to.ts';

type Case = { id: string; input: unknown; expected: 'accept' | 'reject'; normalized?: string };
const cases = JSON.parse(
  readFileSync(new URL('../../test/data/sample-redirects.json', import.meta.url), 'utf8'),
) as Case[];

describe('safeReturnTo over the redirect corpus (test/data) (U-RT)', () => {
  it('has cases to run', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = safeReturnTo(c.input);
    if (c.expected === 'accept') expect(result).toBe(c.normalized);
    else expect(result).toBeNull();
    if (result !== null) expect(result.startsWith('//') || result.startsWith('/\\')).toBe(false);
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/dashboard?tab=security', '/dashboard?tab=security'],
    ['/a/./b/../c', '/a/c'],
    ['/%2e%2e/%2e%2e/etc/passwd', '/etc/passwd'],
  ])('accepts %s as %s', (input, expected) => expect(safeReturnTo(input)).toBe(expected));

  it.each([
    '//evil.com',
    '/\\evil.com',
    'https://evil.com',
    '/api/auth/logout',
    '/API/x',
    '/%252F%252Fevil.com',
    '/%2F%2Fevil.com',
    'javascript:alert(1)',
    '/' + 'a'.repeat(1024),
    '',
    42,
    null,
  ])('rejects %s', (input) => expect(safeReturnTo(input)).toBeNull());
});
