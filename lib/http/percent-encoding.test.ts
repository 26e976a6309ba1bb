import { describe, expect, it } from 'vitest';
import { hasMalformedPercentEncoding, rawPathOf } from './percent-encoding.ts';

describe('hasMalformedPercentEncoding', () => {
  it.each([
    '/api/auth/passwordless/%ff',
    '/api/auth/passwordless/%',
    '/api/auth/passwordless/%zz',
    '/api/auth/passwordless/%c3%28',
    '/api/auth/passwordless/%c0%af',
    '/api/auth/passwordless/%e0%80%af',
    '/api/auth/passwordless/%ed%a0%80',
    '/api/auth/passwordless/org_1%f',
    '/api/auth/%ff/passwordless',
  ])('refuses %s', (path) => {
    expect(hasMalformedPercentEncoding(path)).toBe(true);
  });

  it.each([
    '/api/auth/passwordless',
    '/api/auth/passwordless/org_01JEXAMPE0RG00000000000001',
    '/api/auth/passwordless/%6frg_1',
    '/api/auth/passwordless/%c3%a9',
    '/api/auth/passwordless/%2F',
    '/api/auth/passwordless/100%25',
  ])('accepts %s', (path) => {
    expect(hasMalformedPercentEncoding(path)).toBe(false);
  });
});

describe('rawPathOf', () => {
  it('keeps escapes as sent, malformed ones included', () => {
    expect(rawPathOf('http://localhost/api/auth/passwordless/%ff?x=%zz')).toBe('/api/auth/passwordless/%ff');
    expect(rawPathOf('http://localhost/api/auth/passwordless/%')).toBe('/api/auth/passwordless/%');
    expect(rawPathOf('http://localhost/api/auth/%c3%28')).toBe('/api/auth/%c3%28');
  });
});
