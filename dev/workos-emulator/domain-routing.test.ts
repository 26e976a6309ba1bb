import { describe, expect, it } from 'vitest';
import { emailDomain, routeByDomain } from './connection-routing.ts';
import { CONN_ENV_MAGIC_LINK_ID, CONN_EXAMPLE_MAGIC_LINK_ID, CONN_SPLIT_MAGIC_LINK_ID } from './seed.ts';
import { DEFAULT_SEED, ORG_EXAMPLE_ID, ORG_SPLIT_ID, parseSeed } from './seed.ts';
import { REDIRECT_URI, openLink, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

/** Creates a session, opens its link and exchanges the code: the profile WorkOS would give. */
async function profileFor(email: string, connection?: string) {
  const session = await t.workos.passwordless.createSession({
    type: 'MagicLink',
    email,
    redirectURI: REDIRECT_URI,
    ...(connection ? { connection } : {}),
  });
  const { location } = await openLink(session.link);
  const code = location?.searchParams.get('code') ?? '';
  return (await t.workos.sso.getProfileAndToken({ code, clientId: t.emulator.clientId })).profile;
}

describe('createSession without `connection`: routing by the email domain', () => {
  it("uses the connection of the organization that owns the domain, with that organization's id", async () => {
    const profile = await profileFor('Bob@EXAMPLE.com');
    expect(profile).toMatchObject({
      connectionId: CONN_EXAMPLE_MAGIC_LINK_ID,
      organizationId: ORG_EXAMPLE_ID,
    });
  });

  it("routes an organization's verified domain that its connection does not list", async () => {
    for (const email of ['a@split.test', 'a@Split-Verified.test']) {
      const profile = await profileFor(email);
      expect(profile, email).toMatchObject({
        connectionId: CONN_SPLIT_MAGIC_LINK_ID,
        organizationId: ORG_SPLIT_ID,
      });
    }
  });

  it('falls back to the environment-wide connection: unknown domain, subdomain, or no active Magic Link', async () => {
    // Dormant Co's Magic Link connection is inactive; Google Only Co has none.
    for (const email of [
      'a@elsewhere.test',
      'a@sub.example.com',
      'a@notexample.com',
      'a@dormant.test',
      'a@googleonly.test',
    ]) {
      const profile = await profileFor(email);
      expect(profile, email).toMatchObject({ connectionId: CONN_ENV_MAGIC_LINK_ID, organizationId: null });
    }
  });

  it('derives the profile id from the routed connection (profile ids are per connection)', async () => {
    const routed = await profileFor('same@example.com');
    expect((await profileFor('same@example.com', CONN_EXAMPLE_MAGIC_LINK_ID)).id).toBe(routed.id);
    expect((await profileFor('same@example.com', CONN_ENV_MAGIC_LINK_ID)).id).not.toBe(routed.id);
  });

  it('honours an explicit `connection` even for an address outside its domains', async () => {
    const profile = await profileFor('guest@elsewhere.test', CONN_EXAMPLE_MAGIC_LINK_ID);
    expect(profile).toMatchObject({
      connectionId: CONN_EXAMPLE_MAGIC_LINK_ID,
      organizationId: ORG_EXAMPLE_ID,
    });
    const env = await profileFor('bob@example.com', CONN_ENV_MAGIC_LINK_ID);
    expect(env).toMatchObject({ connectionId: CONN_ENV_MAGIC_LINK_ID, organizationId: null });
  });
});

describe('routeByDomain', () => {
  const seed = parseSeed({
    includeDefaults: false,
    organizations: [
      { id: 'org_MULTI', name: 'Multi', domains: ['a.test', 'b.test', 'c.test'] },
      { id: 'org_TWIN', name: 'Twin', domains: ['b.test'] },
    ],
    connections: [
      { id: 'conn_OFF', organization_id: 'org_MULTI', state: 'inactive', domains: ['c.test'] },
      { id: 'conn_A', organization_id: 'org_MULTI', domains: ['a.test'] },
      {
        id: 'conn_GOOGLE',
        organization_id: 'org_MULTI',
        connection_type: 'GoogleOAuth',
        domains: ['b.test'],
      },
      { id: 'conn_B', organization_id: 'org_MULTI', domains: ['B.test'] },
      { id: 'conn_TWIN', organization_id: 'org_TWIN', domains: ['b.test'] },
    ],
  });

  it("prefers the active Magic Link connection listing the domain, else the organization's first", () => {
    expect(routeByDomain(seed, 'x@b.test')?.id).toBe('conn_B');
    expect(routeByDomain(seed, 'x@a.test')?.id).toBe('conn_A');
    expect(routeByDomain(seed, 'x@c.test')?.id).toBe('conn_A');
    expect(routeByDomain(seed, 'x@d.test')).toBeUndefined();
    expect(routeByDomain(seed, 'no-at-sign')).toBeUndefined();
  });

  it('finds the seeded organizations by their domains', () => {
    expect(routeByDomain(DEFAULT_SEED, 'x@example.com')?.id).toBe(CONN_EXAMPLE_MAGIC_LINK_ID);
    expect(emailDomain('a@b@Example.COM')).toBe('example.com');
  });
});
