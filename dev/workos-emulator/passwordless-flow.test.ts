import { OauthException, UnprocessableEntityException } from '@workos-inc/node';
import { describe, expect, it } from 'vitest';
import { CONN_ENV_MAGIC_LINK_ID, CONN_EXAMPLE_MAGIC_LINK_ID, ORG_EXAMPLE_ID } from './seed.ts';
import { REDIRECT_URI, openLink, rejectionOf, setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

const create = (email: string, extra: Record<string, unknown> = {}) =>
  t.workos.passwordless.createSession({ type: 'MagicLink', email, redirectURI: REDIRECT_URI, ...extra });

describe('send, click, exchange', () => {
  it('runs the whole Magic Link flow', async () => {
    // A domain no seeded organization has: the environment-wide connection (domain-routing.test.ts).
    const session = await create('Jane@Elsewhere.test', { state: 'st-1' });
    expect(await t.workos.passwordless.sendSession(session.id)).toEqual({ success: true });
    const [email] = await t.emails('jane@elsewhere.test');
    expect(email?.subject).toBe('Your sign-in link');
    expect(email?.to).toBe('Jane@Elsewhere.test');
    expect(email?.links).toContain(session.link);
    expect(email?.html).toContain(session.link);
    const { status, location } = await openLink(session.link);
    expect(status).toBe(302);
    expect(location?.origin + (location?.pathname ?? '')).toBe(REDIRECT_URI);
    expect(location?.searchParams.get('state')).toBe('st-1');
    const code = location?.searchParams.get('code') ?? '';
    expect(code).not.toBe('');
    const { accessToken, profile } = await t.workos.sso.getProfileAndToken({
      code,
      clientId: 'client_local',
    });
    expect(accessToken).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(profile).toMatchObject({
      idpId: 'Jane@Elsewhere.test',
      email: 'Jane@Elsewhere.test',
      organizationId: null,
      connectionId: CONN_ENV_MAGIC_LINK_ID,
      connectionType: 'MagicLink',
      firstName: null,
      lastName: null,
      name: null,
      groups: null,
      rawAttributes: {},
    });
    expect(profile.id).toMatch(/^prof_[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(await t.workos.sso.getProfile({ accessToken })).toEqual(profile);
  });

  it('gives the same profile id to the same email and connection', async () => {
    const ids: string[] = [];
    for (const email of ['same@example.com', 'SAME@example.com']) {
      const { location } = await openLink((await create(email)).link);
      const code = location?.searchParams.get('code') ?? '';
      ids.push((await t.workos.sso.getProfileAndToken({ code, clientId: 'client_local' })).profile.id);
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it('puts the organization of an org connection on the profile', async () => {
    const session = await create('bob@example.com', { connection: CONN_EXAMPLE_MAGIC_LINK_ID });
    const { location } = await openLink(session.link);
    const code = location?.searchParams.get('code') ?? '';
    const { profile } = await t.workos.sso.getProfileAndToken({ code, clientId: 'client_local' });
    expect(profile.organizationId).toBe(ORG_EXAMPLE_ID);
    expect(profile.connectionId).toBe(CONN_EXAMPLE_MAGIC_LINK_ID);
  });

  it('omits state on the redirect when none was given', async () => {
    const { location } = await openLink((await create('a@example.com')).link);
    expect(location?.searchParams.has('code')).toBe(true);
    expect(location?.searchParams.has('state')).toBe(false);
  });

  it('burns the link on first use: a second click is access_denied with state', async () => {
    const session = await create('a@example.com', { state: 'again' });
    await openLink(session.link);
    const { status, location } = await openLink(session.link);
    expect(status).toBe(302);
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('error_description')).toMatch(/already been used/);
    expect(location?.searchParams.get('state')).toBe('again');
    expect(location?.searchParams.has('code')).toBe(false);
  });

  it('denies an expired link and refuses to send it', async () => {
    const session = await create('late@example.com', { state: 'old' });
    const res = await t.call('POST', '/_emulator/sessions/expire', { email: 'LATE@example.com' });
    expect(await res.json()).toEqual({ expired: 1 });
    const { location } = await openLink(session.link);
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('error_description')).toMatch(/expired/);
    expect(location?.searchParams.get('state')).toBe('old');
    const error = await rejectionOf(t.workos.passwordless.sendSession(session.id));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
  });

  it('answers 422 with the real message for an unknown session id', async () => {
    const error = await rejectionOf(t.workos.passwordless.sendSession('passwordless_session_nope'));
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.status).toBe(422);
    expect(error.message).toBe(
      "The passwordless session 'passwordless_session_nope' has expired or is invalid.",
    );
  });

  it('redirects an unknown token to the default redirect URI with access_denied', async () => {
    const { status, location } = await openLink(`${t.emulator.url}/passwordless/NOPE/confirm`);
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe('http://localhost:3000/api/auth/callback');
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.has('code')).toBe(false);
  });

  it('rejects a reused code with invalid_grant', async () => {
    const { location } = await openLink((await create('a@example.com')).link);
    const code = location?.searchParams.get('code') ?? '';
    await t.workos.sso.getProfileAndToken({ code, clientId: 'client_local' });
    const error = await rejectionOf(t.workos.sso.getProfileAndToken({ code, clientId: 'client_local' }));
    expect(error).toBeInstanceOf(OauthException);
    expect(error).toMatchObject({
      status: 400,
      error: 'invalid_grant',
      errorDescription: `The code '${code}' has expired or is invalid.`,
    });
  });
});
