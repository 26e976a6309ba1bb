import { describe, expect, it } from 'vitest';
import { parseTarget } from './handlers.ts';

describe('revoke target', () => {
  it.each([
    [{ id: 'AAAAAAAAAAAAAAAA' }, { id: 'AAAAAAAAAAAAAAAA' }],
    [{ others: true }, { others: true }],
    [{ others: 'true' }, { others: true }],
    [{ all: 'on' }, { all: true }],
    [{ all: true }, { all: true }],
  ])('%j -> %j', (fields, target) => {
    expect(parseTarget(fields)).toEqual(target);
  });

  it.each([
    {},
    { others: true, all: true },
    { id: 'short' },
    { id: 1 },
    { others: 'nope' },
    { all: true, x: 1 },
  ])('refuses %j', (fields) => {
    expect(parseTarget(fields)).toBeNull();
  });

  it('reads a form body (null-prototype fields)', () => {
    const fields = Object.create(null) as Record<string, unknown>;
    fields.others = 'true';
    expect(parseTarget(fields)).toEqual({ others: true });
  });
});
