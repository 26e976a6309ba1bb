// A whole Magic Link round trip using only the real WorkOS SDK and the emulator's control API:
// create a session, send it, read the email, open the link, exchange the code for a profile.
// Run against a running emulator: node dev/workos-emulator/example-flow.ts [emulator URL]
import { WorkOS } from '@workos-inc/node';

const base = new URL(process.argv[2] ?? 'http://127.0.0.1:4010');
const workos = new WorkOS('sk_test_local', {
  apiHostname: base.hostname,
  port: Number(base.port),
  https: base.protocol === 'https:',
  clientId: 'client_local',
  maxRetries: 0,
});
const email = `example-${Date.now()}@example.com`;
const redirectURI = 'http://localhost:3000/api/auth/callback';

const session = await workos.passwordless.createSession({
  type: 'MagicLink',
  email,
  redirectURI,
  state: 'xyz',
});
await workos.passwordless.sendSession(session.id);
const [message] = (await (await fetch(new URL(`/_emulator/emails?to=${email}`, base))).json()) as {
  links: string[];
}[];
const link = message?.links.find((url) => url.endsWith('/confirm'));
if (!link) throw new Error('no magic link in the inbox');
const clicked = await fetch(link, { redirect: 'manual' });
const callback = new URL(clicked.headers.get('location') ?? '');
const code = callback.searchParams.get('code') ?? '';
const { profile } = await workos.sso.getProfileAndToken({ code, clientId: 'client_local' });
console.log(JSON.stringify({ state: callback.searchParams.get('state'), profile }, null, 2));
