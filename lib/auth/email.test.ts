import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.ts';

type Case = { id: string; input: string; expected: 'valid' | 'invalid'; normalized?: string };
const cases = JSON.parse(
  readFileSync(new URL('../../test/data/sample-emails.json', import.meta.url), 'utf8'),
) as Case[];

describe('normalizeEmail over the email corpus (test/data) (U-EM)', () => {
  it('has cases to run', () => expect(cases.length).toBeGreaterThan(20));

  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const result = normalizeEmail(c.input);
    expect(result).toBe(c.expected === 'valid' ? c.normalized : null);
  });
});

describe('normalizeEmail', () => {
  it.each([
    ['a.b-c_d@sub.example.co.uk', 'a.b-c_d@sub.example.co.uk'],
    ['x@a-b.io', 'x@a-b.io'],
  ])('accepts %s', (input, expected) => expect(normalizeEmail(input)).toBe(expected));

  it.each([
    'john.@example.com',
    'john@example.123',
    'john@127.0.0.1',
    'john@example-.com',
    'john@' + 'a'.repeat(64) + '.com',
    'a,b@example.com',
    'user@exam\tple.com',
    'ｕser@example.com',
    'user＠example.com',
    null,
    42,
    ['user@example.com'],
  ])('rejects %s', (input) => expect(normalizeEmail(input)).toBeNull());

  // Speed on hostile input is measured in bench/ (no timed assertions here).
  it('rejects hostile long input', () => {
    for (const input of ['a'.repeat(10_000), `${'a.'.repeat(5000)}@x.com`, `a@${'a-'.repeat(5000)}.com`]) {
      expect(normalizeEmail(input)).toBeNull();
    }
  });
});
