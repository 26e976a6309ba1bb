import { describe, expect, it } from 'vitest';
import { paginate } from './connections-routes.ts';
import { FaultList } from './faults.ts';
import { ULID_PATTERN, alphanumericToken, prefixedId, stableId, ulid } from './ids.ts';
import { extractLinks } from './inbox.ts';
import {
  LOCAL_DEFAULT_REDIRECT_URI,
  isAllowedRedirectUri,
  resolveDefaultRedirectUri,
  withQuery,
} from './redirect-uris.ts';
import { CONN_ENV_MAGIC_LINK_ID, DEFAULT_SEED, ORG_EXAMPLE_ID, parseSeed } from './seed.ts';

describe('ids', () => {
  it('makes ULIDs and prefixed ids', () => {
    expect(ulid()).toMatch(ULID_PATTERN);
    expect(prefixedId('user')).toMatch(/^user_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(stableId('prof', 'a')).toBe(stableId('prof', 'a'));
    expect(stableId('prof', 'a')).not.toBe(stableId('prof', 'b'));
    expect(stableId('prof', 'a').slice(5)).toMatch(ULID_PATTERN);
    expect(alphanumericToken(25)).toMatch(/^[A-Za-z0-9]{25}$/);
  });

  it('seeds valid-looking ULID ids', () => {
    const ids = [...DEFAULT_SEED.organizations, ...DEFAULT_SEED.connections].map((x) =>
      x.id.replace(/^\w+?_/, ''),
    );
    for (const id of ids) expect(id).toMatch(ULID_PATTERN);
  });
});

describe('extractLinks', () => {
  it('finds, decodes, trims and de-duplicates links from text and html', () => {
    const text = 'Go to https://a.test/x?y=1. Also <http://b.test/p> and (https://c.test/q), ftp://no.test';
    const html =
      '<a href="https://a.test/x?y=1">a</a><a href="https://d.test/?a=1&amp;b=2">d</a> https://e.test/';
    expect(extractLinks(text, html)).toEqual([
      'https://a.test/x?y=1',
      'http://b.test/p',
      'https://c.test/q',
      'https://d.test/?a=1&b=2',
      'https://e.test/',
    ]);
  });
});

describe('redirect URIs', () => {
  it('allows any loopback http(s) URL by default', () => {
    for (const ok of [
      'http://localhost:3000/cb',
      'https://127.0.0.1/x',
      'http://[::1]:8080/',
      'http://app.localhost/',
    ]) {
      expect(isAllowedRedirectUri(ok, []), ok).toBe(true);
    }
    for (const bad of ['https://evil.test/cb', 'javascript:alert(1)', 'not a url', 'ftp://localhost/']) {
      expect(isAllowedRedirectUri(bad, []), bad).toBe(false);
    }
  });

  it('matches a configured list exactly, or by prefix with a trailing *', () => {
    const list = ['https://app.test/cb', 'https://pr.test/*'];
    expect(isAllowedRedirectUri('https://app.test/cb', list)).toBe(true);
    expect(isAllowedRedirectUri('https://app.test/cb/', list)).toBe(false);
    expect(isAllowedRedirectUri('https://pr.test/1/cb', list)).toBe(true);
    expect(isAllowedRedirectUri('http://localhost:3000/cb', list)).toBe(false);
  });

  it('resolves the default redirect URI: explicit (if allowed), first exact entry, or the local one', () => {
    const list = ['https://pr.test/*', 'https://app.test/cb'];
    expect(resolveDefaultRedirectUri(list)).toBeUndefined();
    expect(resolveDefaultRedirectUri(['https://app.test/cb', 'https://pr.test/*'])).toBe(
      'https://app.test/cb',
    );
    expect(resolveDefaultRedirectUri(list, 'https://pr.test/7/cb')).toBe('https://pr.test/7/cb');
    expect(() => resolveDefaultRedirectUri(list, 'https://evil.test/cb')).toThrow(/not an allowed/);
    expect(resolveDefaultRedirectUri([])).toBe(LOCAL_DEFAULT_REDIRECT_URI);
    expect(LOCAL_DEFAULT_REDIRECT_URI).toBe('http://localhost:3000/api/auth/callback');
    expect(resolveDefaultRedirectUri([], 'http://127.0.0.1:3100/cb')).toBe('http://127.0.0.1:3100/cb');
    expect(() => resolveDefaultRedirectUri([], 'https://app.example.com/cb')).toThrow(/not an allowed/);
  });

  it('adds query parameters, skipping undefined ones', () => {
    expect(withQuery('https://a.test/cb?x=1', { code: 'c', state: undefined })).toBe(
      'https://a.test/cb?x=1&code=c',
    );
  });
});

describe('paginate', () => {
  const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
  it('pages forward and back with cursors', () => {
    expect(paginate(items, 2, {})).toEqual({
      data: items.slice(0, 2),
      listMetadata: { before: null, after: 'b' },
    });
    expect(paginate(items, 2, { after: 'b' }).listMetadata).toEqual({ before: 'c', after: 'd' });
    expect(paginate(items, 2, { after: 'd' })).toEqual({
      data: [{ id: 'e' }],
      listMetadata: { before: 'e', after: null },
    });
    expect(paginate(items, 2, { before: 'c' }).data).toEqual(items.slice(0, 2));
    expect(paginate(items, 2, { after: 'zzz' }).data).toEqual([]);
  });
});

describe('FaultList', () => {
  it('matches by method and path prefix and uses up `times`', () => {
    const faults = new FaultList();
    faults.add({ method: 'post', path: '/sso', status: 500, times: 2, delayMs: 0, headers: {} });
    expect(faults.take('GET', '/sso/token')).toBeUndefined();
    expect(faults.take('POST', '/passwordless/sessions')).toBeUndefined();
    expect(faults.take('POST', '/sso/token')?.status).toBe(500);
    expect(faults.take('POST', '/sso/token')?.status).toBe(500);
    expect(faults.take('POST', '/sso/token')).toBeUndefined();
  });
});

describe('parseSeed', () => {
  const file = {
    organizations: [{ id: 'org_ACME', name: 'Acme', domains: ['acme.test'] }],
    connections: [{ id: 'conn_ACME', organization_id: 'org_ACME', domains: ['acme.test'] }],
  };

  it('adds to the default seed unless includeDefaults is false', () => {
    const merged = parseSeed(file);
    expect(merged.organizations.map((o) => o.id)).toContain(ORG_EXAMPLE_ID);
    expect(merged.connections.find((c) => c.id === 'conn_ACME')).toMatchObject({
      organizationId: 'org_ACME',
      connectionType: 'MagicLink',
      state: 'active',
    });
    const alone = parseSeed({ ...file, includeDefaults: false });
    expect(alone.connections.map((c) => c.id)).toEqual(['conn_ACME']);
    expect(alone.connections.map((c) => c.id)).not.toContain(CONN_ENV_MAGIC_LINK_ID);
  });

  it('rejects unknown keys, bad ids and dangling organization references', () => {
    expect(() => parseSeed({ organisations: [] })).toThrow(/Invalid emulator seed/);
    expect(() => parseSeed({ connections: [{ id: 'nope' }] })).toThrow(/Invalid emulator seed/);
    expect(() => parseSeed({ connections: [{ id: 'conn_X', organization_id: 'org_missing' }] })).toThrow(
      /unknown organization org_missing/,
    );
  });
});
