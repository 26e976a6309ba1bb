// Organization sign-in is bounded by the organization's domains (docs/security.md, "Organization
// sign-in"): a foreign address gets the same answer as a member and no email; plain sign-in is
// routed by WorkOS to the organization of the address's domain.
import type { APIRequestContext } from '@playwright/test';
import { expectLogged, logMark } from './app-log.ts';
import { expect, freshEmail, openLink, requestLink, test } from './fixtures.ts';
import { emailsTo, magicLink } from './inbox.ts';

const ORG_EXAMPLE = 'org_01JEXAMPE0RG00000000000001';
/** Split Co: domains split.test and split-verified.test; its connection lists only split.test. */
const ORG_SPLIT = 'org_01JSP1TC00RG00000000000001';

function postJson(request: APIRequestContext, appUrl: string, path: string) {
  return (email: string) =>
    request.post(path, { headers: { origin: appUrl, 'content-type': 'application/json' }, data: { email } });
}

test.describe('organization domains', () => {
  test('an address outside the organization gets the member answer, no email and no session', async ({
    page,
    request,
    target,
  }) => {
    const post = postJson(request, target.appUrl, `/api/auth/passwordless/${ORG_EXAMPLE}`);
    const mark = logMark(target);
    const mallory = freshEmail('mallory', 'evil.test');
    const outsider = await post(mallory);
    const memberEmail = freshEmail('member', 'example.com');
    const member = await post(memberEmail);
    expect(outsider.status()).toBe(200);
    expect(outsider.status()).toBe(member.status());
    expect(await outsider.text()).toBe(await member.text());
    await expectLogged(target, mark, {
      event: 'auth.organization_domain_mismatch',
      organizationId: ORG_EXAMPLE,
    });
    // Through the form too: the check-your-email page, exactly as for a member.
    await requestLink(page, mallory, `/login?org=${ORG_EXAMPLE}`);
    // A subdomain is another domain.
    const sub = freshEmail('sub', 'eng.example.com');
    await requestLink(page, sub, `/login?org=${ORG_EXAMPLE}`);
    // The member's email, requested after the outsider's, has arrived; the outsiders get none.
    await magicLink(target.emulatorUrl, memberEmail);
    expect(await emailsTo(target.emulatorUrl, mallory)).toEqual([]);
    expect(await emailsTo(target.emulatorUrl, sub)).toEqual([]);
  });

  test("an address at one of the organization's verified domains signs in to it", async ({
    page,
    target,
  }) => {
    // Not among the connection's domains, but the organization verified it.
    const email = freshEmail('verified', 'split-verified.test');
    await requestLink(page, email, `/login?org=${ORG_SPLIT}`);
    await openLink(page, await magicLink(target.emulatorUrl, email));
    await expect(page.getByTestId('user-email')).toHaveText(email);
    await expect(page.getByTestId('user-org')).toHaveText(ORG_SPLIT);
  });

  test("plain sign-in from an organization's domain lands in that organization", async ({ page, target }) => {
    // WorkOS routes the session by the address's domain: eve@example.com belongs to Example Co.
    const eve = freshEmail('eve', 'example.com');
    await requestLink(page, eve);
    await openLink(page, await magicLink(target.emulatorUrl, eve));
    await expect(page.getByTestId('user-email')).toHaveText(eve);
    await expect(page.getByTestId('user-org')).toHaveText(ORG_EXAMPLE);
    // An address of no organization's domain stays a personal sign-in.
    await page.context().clearCookies();
    const solo = freshEmail('solo');
    await requestLink(page, solo);
    await openLink(page, await magicLink(target.emulatorUrl, solo));
    await expect(page.getByTestId('user-email')).toHaveText(solo);
    await expect(page.getByTestId('user-org')).toContainText('None');
  });
});
