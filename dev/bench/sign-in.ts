// The real sign-in flow over HTTP, once per server, for the signed-in runs of `npm run bench:http`:
// POST the email (as the login page's script does), read the link from the WorkOS emulator's
// inbox, open it, and follow the callback in the browser that asked (its binding cookie).
import { setTimeout as sleep } from 'node:timers/promises';

export type SignInTarget = { appUrl: string; emulatorUrl: string };
export type SignInStep = 'request' | 'callback';
/** Wraps each step that reaches the app, e.g. to count store round trips around it. */
export type Around = <T>(step: SignInStep, run: () => Promise<T>) => Promise<T>;

const passThrough: Around = (_step, run) => run();

/** `name=value` of the cookie `name` among a response's Set-Cookie lines, or undefined. */
function cookieFrom(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    if (pair.startsWith(`${name}=`) && pair.length > name.length + 1) return pair;
  }
  return undefined;
}

async function linkFor(emulatorUrl: string, email: string): Promise<string> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    const response = await fetch(`${emulatorUrl}/_emulator/emails?to=${encodeURIComponent(email)}`);
    const emails = (await response.json()) as { links: string[] }[];
    const link = emails[0]?.links.find((url) => url.includes('/passwordless/') && url.endsWith('/confirm'));
    if (link) return link;
    await sleep(100);
  }
  throw new Error(`no magic link for ${email} reached the emulator's inbox within 10 s`);
}

/** Signs `email` in and returns the `session=...` cookie of the new session. */
export async function signIn(target: SignInTarget, email: string, around: Around = passThrough) {
  const requested = await around('request', () =>
    fetch(`${target.appUrl}/api/auth/passwordless`, {
      method: 'POST',
      headers: {
        origin: target.appUrl,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        'x-real-ip': '127.0.0.1',
      },
      body: JSON.stringify({ email }),
    }),
  );
  const bind = cookieFrom(requested, 'pl_bind');
  if (requested.status !== 200 || !bind)
    throw new Error(
      `sign-in request answered ${requested.status}: ${(await requested.text()).slice(0, 300)}`,
    );

  const link = await linkFor(target.emulatorUrl, email);
  const opened = await fetch(link, { redirect: 'manual' });
  const callback = new URL(opened.headers.get('location') ?? '', link);
  if (opened.status < 300 || opened.status > 399 || !callback.pathname.endsWith('/api/auth/callback'))
    throw new Error(`the magic link answered ${opened.status} to ${callback.href}`);

  const landed = await around('callback', () =>
    fetch(callback, { redirect: 'manual', headers: { cookie: bind, 'x-real-ip': '127.0.0.1' } }),
  );
  const session = cookieFrom(landed, 'session');
  if (landed.status !== 303 || !session)
    throw new Error(`the callback answered ${landed.status} without a session cookie`);

  const check = await fetch(`${target.appUrl}/dashboard`, {
    redirect: 'manual',
    headers: { cookie: session },
  });
  if (check.status !== 200) throw new Error(`/dashboard with the new session answered ${check.status}`);
  return session;
}
