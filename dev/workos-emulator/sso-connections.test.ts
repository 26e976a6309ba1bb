import { ConnectionType, NotFoundException, OauthException, UnauthorizedException } from '@workos-inc/node';
import { UnprocessableEntityException } from '@workos-inc/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONN_DORMANT_MAGIC_LINK_ID, CONN_ENV_MAGIC_LINK_ID, CONN_EXAMPLE_MAGIC_LINK_ID } from './seed.ts';
import {
  CONN_GOOGLE_OAUTH_ID,
  CONN_SPLIT_MAGIC_LINK_ID,
  ORG_EXAMPLE_ID,
  ORG_GOOGLE_ONLY_ID,
} from './seed.ts';
import { REDIRECT_URI, openLink, rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator();
afterEach(() => {
  vi.useRealTimers();
});

/** A fresh, unused SSO code for `email`. */
async function freshCode(email = 'code@elsewhere.test'): Promise<string> {
  const session = await t.workos.passwordless.createSession({
    type: 'MagicLink',
    email,
    redirectURI: REDIRECT_URI,
  });
  const { location } = await openLink(session.link);
  return location?.searchParams.get('code') ?? '';
}

const tokenParams = (code: string, extra: Record<string, string> = {}) => ({
  client_id: 'client_local',
  client_secret: 'sk_test_local',
  grant_type: 'authorization_code',
  code,
  ...extra,
});

describe('POST /sso/token', () => {
  it('accepts a JSON body and answers the full token shape', async () => {
    const res = await t.call('POST', '/sso/token', tokenParams(await freshCode()));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600, profile: { object: 'profile' } });
    expect(body.profile).toMatchObject({
      connection_type: 'MagicLink',
      connection_id: CONN_ENV_MAGIC_LINK_ID,
    });
  });

  it('accepts the parameters in the query string', async () => {
    const query = new URLSearchParams(tokenParams(await freshCode()));
    const res = await t.fetch(`${t.emulator.url}/sso/token?${query}`, { method: 'POST' });
    expect(res.status).toBe(200);
  });

  it('answers invalid_client for a wrong client id (SDK) or secret (form)', async () => {
    const error = await rejectionOf(t.workos.sso.getProfileAndToken({ code: 'x', clientId: 'client_wrong' }));
    expect(error).toBeInstanceOf(OauthException);
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_client',
      errorDescription: 'Invalid client ID or secret.',
    });
    const form = new URLSearchParams(tokenParams(await freshCode(), { client_secret: 'sk_nope' }));
    const res = await t.fetch(`${t.emulator.url}/sso/token`, { method: 'POST', body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'invalid_client',
      error_description: 'Invalid client ID or secret.',
    });
  });

  it('answers unsupported_grant_type and invalid_request', async () => {
    const wrongGrant = await t.call('POST', '/sso/token', tokenParams('x', { grant_type: 'password' }));
    expect(wrongGrant.status).toBe(400);
    expect(await wrongGrant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const noCode = await t.call('POST', '/sso/token', tokenParams(''));
    expect(await noCode.json()).toMatchObject({ error: 'invalid_request' });
    const malformed = await t.call('POST', '/sso/token', '{"code":');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers invalid_grant for an unknown code', async () => {
    const error = await rejectionOf(
      t.workos.sso.getProfileAndToken({ code: 'bogus', clientId: 'client_local' }),
    );
    expect(error).toBeInstanceOf(OauthException);
    expect(error).toMatchObject({
      error: 'invalid_grant',
      errorDescription: "The code 'bogus' has expired or is invalid.",
    });
  });

  it('expires codes after 10 minutes', async () => {
    const code = await freshCode();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000 + 1000);
    const error = await rejectionOf(t.workos.sso.getProfileAndToken({ code, clientId: 'client_local' }));
    expect(error).toMatchObject({ status: 400, error: 'invalid_grant' });
  });
});

describe('GET /sso/profile', () => {
  it('rejects an unknown access token with 401', async () => {
    await expect(t.workos.sso.getProfile({ accessToken: 'nope' })).rejects.toBeInstanceOf(
      UnauthorizedException,
    );
  });
});

describe('GET /connections', () => {
  it('lists the Magic Link connection of an organization', async () => {
    const list = await t.workos.sso.listConnections({
      organizationId: ORG_EXAMPLE_ID,
      connectionType: ConnectionType.MagicLink,
    });
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({
      object: 'connection',
      id: CONN_EXAMPLE_MAGIC_LINK_ID,
      organizationId: ORG_EXAMPLE_ID,
      type: 'MagicLink',
      state: 'active',
      domains: [{ object: 'connection_domain', domain: 'example.com' }],
    });
    expect(list.listMetadata).toEqual({ before: null, after: null });
  });

  it('finds no Magic Link connection for an organization that only has Google', async () => {
    const magic = await t.workos.sso.listConnections({
      organizationId: ORG_GOOGLE_ONLY_ID,
      connectionType: ConnectionType.MagicLink,
    });
    expect(magic.data).toEqual([]);
    const all = await t.workos.sso.listConnections({ organizationId: ORG_GOOGLE_ONLY_ID });
    expect(all.data.map((c) => [c.id, c.type])).toEqual([[CONN_GOOGLE_OAUTH_ID, 'GoogleOAuth']]);
  });

  it('filters by domain case-insensitively', async () => {
    const list = await t.workos.sso.listConnections({ domain: 'EXAMPLE.com' });
    expect(list.data.map((c) => c.id)).toEqual([CONN_EXAMPLE_MAGIC_LINK_ID]);
  });

  it('pages with limit/after/before in desc order by default', async () => {
    const all = [
      CONN_SPLIT_MAGIC_LINK_ID,
      CONN_DORMANT_MAGIC_LINK_ID,
      CONN_GOOGLE_OAUTH_ID,
      CONN_EXAMPLE_MAGIC_LINK_ID,
      CONN_ENV_MAGIC_LINK_ID,
    ];
    const first = await t.workos.sso.listConnections({ limit: 3 });
    expect(first.data.map((c) => c.id)).toEqual(all.slice(0, 3));
    expect(first.listMetadata).toEqual({ before: null, after: all[2] });
    const second = await t.workos.sso.listConnections({ limit: 3, after: all[2] });
    expect(second.data.map((c) => c.id)).toEqual(all.slice(3));
    expect(second.listMetadata).toEqual({ before: all[3], after: null });
    const back = await t.workos.sso.listConnections({ limit: 3, before: all[3] });
    expect(back.data.map((c) => c.id)).toEqual(all.slice(0, 3));
    const asc = await t.workos.sso.listConnections({ order: 'asc' });
    expect(asc.data.map((c) => c.id)).toEqual([...all].reverse());
    // autoPagination() re-requests with limit=100 and follows list_metadata.after.
    const everything = await (await t.workos.sso.listConnections()).autoPagination();
    expect(everything.map((c) => c.id)).toEqual(all);
  });

  it('answers the raw list shape and validates limit', async () => {
    const auth = { Authorization: 'Bearer sk_test_local' };
    const res = await t.call('GET', `/connections?organization_id=${ORG_EXAMPLE_ID}`, undefined, auth);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['data', 'list_metadata', 'object']);
    expect(body.list_metadata).toEqual({ before: null, after: null });
    for (const limit of [0, 101]) {
      const error = await rejectionOf(t.workos.sso.listConnections({ limit }));
      expect(error).toBeInstanceOf(UnprocessableEntityException);
    }
  });

  it('gets one connection and one organization, 404 otherwise', async () => {
    expect((await t.workos.sso.getConnection(CONN_GOOGLE_OAUTH_ID)).type).toBe('GoogleOAuth');
    expect((await t.workos.organizations.getOrganization(ORG_EXAMPLE_ID)).name).toBe('Example Co');
    await expect(t.workos.sso.getConnection('conn_nope')).rejects.toBeInstanceOf(NotFoundException);
    await expect(t.workos.organizations.getOrganization('org_nope')).rejects.toBeInstanceOf(
      NotFoundException,
    );
  });

  it('requires the API key', async () => {
    const bad = t.sdk('sk_bad');
    await expect(bad.sso.listConnections()).rejects.toBeInstanceOf(UnauthorizedException);
  });
});
