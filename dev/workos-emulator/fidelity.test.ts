import { UnprocessableEntityException } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { CONN_DORMANT_MAGIC_LINK_ID, CONN_EXAMPLE_MAGIC_LINK_ID, CONN_SPLIT_MAGIC_LINK_ID } from './seed.ts';
import { ORG_EXAMPLE_ID, ORG_SPLIT_ID } from './seed.ts';
import { REDIRECT_URI, openLink, rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });
const AUTH = { Authorization: 'Bearer sk_test_local' };

interface WithDomains {
  domains: { id: string; domain: string }[];
}

const getJson = async <T = Record<string, unknown>>(path: string) =>
  (await (await t.call('GET', path, undefined, AUTH)).json()) as T;

describe('wire details the fixtures show', () => {
  it('sends name: null and groups: null on a Magic Link profile', async () => {
    const session = await t.workos.passwordless.createSession({
      type: 'MagicLink',
      email: 'wire@elsewhere.test',
      redirectURI: REDIRECT_URI,
    });
    const code = (await openLink(session.link)).location?.searchParams.get('code') ?? '';
    const res = await t.call('POST', '/sso/token', {
      client_id: 'client_local',
      client_secret: 'sk_test_local',
      grant_type: 'authorization_code',
      code,
    });
    const { profile } = (await res.json()) as { profile: Record<string, unknown> };
    expect(profile).toMatchObject({ name: null, groups: null, first_name: null, last_name: null });
    expect(profile).not.toHaveProperty('role');
  });

  it("gives connections a status (linked when active) and their organization's domain ids", async () => {
    expect(await getJson(`/connections/${CONN_EXAMPLE_MAGIC_LINK_ID}`)).toMatchObject({
      state: 'active',
      status: 'linked',
    });
    expect(await getJson(`/connections/${CONN_DORMANT_MAGIC_LINK_ID}`)).toMatchObject({
      state: 'inactive',
      status: 'unlinked',
    });
    for (const [connectionId, orgId] of [
      [CONN_EXAMPLE_MAGIC_LINK_ID, ORG_EXAMPLE_ID],
      [CONN_SPLIT_MAGIC_LINK_ID, ORG_SPLIT_ID],
    ]) {
      const connection = await getJson<WithDomains>(`/connections/${connectionId}`);
      const organization = await getJson<WithDomains>(`/organizations/${orgId}`);
      for (const entry of connection.domains) {
        expect(entry.id).toMatch(/^org_domain_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
        const same = organization.domains.find((d) => d.domain === entry.domain);
        expect(same?.id, `${connectionId} ${entry.domain}`).toBe(entry.id);
      }
    }
  });

  it('lists Split Co with two verified organization domains and one connection domain', async () => {
    const organization = await t.workos.organizations.getOrganization(ORG_SPLIT_ID);
    expect(organization.domains.map((d) => [d.domain, d.state])).toEqual([
      ['split.test', 'verified'],
      ['split-verified.test', 'verified'],
    ]);
    const [connection] = (await t.workos.sso.listConnections({ organizationId: ORG_SPLIT_ID })).data;
    expect(connection).toMatchObject({ id: CONN_SPLIT_MAGIC_LINK_ID, type: 'MagicLink', state: 'active' });
    expect(connection?.domains.map((d) => d.domain)).toEqual(['split.test']);
  });

  it('answers the recorded 404 bodies', async () => {
    expect(await getJson('/connections/conn_invalid')).toEqual({ message: 'Not Found' });
    expect(await getJson('/user_management/magic_auth/magic_auth_invalid')).toEqual({
      message: "MagicAuth not found: 'magic_auth_invalid'.",
      code: 'entity_not_found',
      entity_id: 'magic_auth_invalid',
    });
  });
});

describe('HEAD on the emailed link', () => {
  const head = (link: string) => t.fetch(link, { method: 'HEAD', redirect: 'manual' });

  it('answers 200 without Location and leaves the link unused', async () => {
    const session = await t.workos.passwordless.createSession({
      type: 'MagicLink',
      email: 'scanner@elsewhere.test',
      redirectURI: REDIRECT_URI,
      state: 'after-head',
    });
    for (let i = 0; i < 2; i++) {
      const res = await head(session.link);
      expect(res.status).toBe(200);
      expect(res.headers.get('location')).toBeNull();
    }
    const { location } = await openLink(session.link);
    expect(location?.searchParams.has('code')).toBe(true);
    expect(location?.searchParams.get('state')).toBe('after-head');
    // Same answer once used, and for a token that does not exist: HEAD tells nothing.
    expect((await head(session.link)).status).toBe(200);
    expect((await head(`${t.emulator.url}/passwordless/NOPE/confirm`)).status).toBe(200);
    expect((await openLink(session.link)).location?.searchParams.get('error')).toBe('access_denied');
  });
});

describe('a redirect URI list with only wildcards', () => {
  const w = setupTestEmulator({ redirectUris: ['http://preview.test/*'] });

  it('has no default: createSession without redirect_uri is 422, an unknown token a 404 page', async () => {
    const error = await rejectionOf(
      w.workos.passwordless.createSession({ type: 'MagicLink', email: 'a@x.io' }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    const res = await w.fetch(`${w.emulator.url}/passwordless/NOPE/confirm`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});

describe('an explicit default redirect URI', () => {
  const d = setupTestEmulator({ defaultRedirectUri: 'http://127.0.0.1:3100/api/auth/callback' });

  it('is used when createSession sends none', async () => {
    const session = await d.workos.passwordless.createSession({ type: 'MagicLink', email: 'a@x.io' });
    const { location } = await openLink(session.link);
    expect(`${location?.origin}${location?.pathname}`).toBe('http://127.0.0.1:3100/api/auth/callback');
  });
});
