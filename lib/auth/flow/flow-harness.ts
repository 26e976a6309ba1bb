// Test support for lib/auth/flow/*.test.ts (not a test file): the real flow modules on a real
// WorkOS emulator and the memory store, with `next/headers` mocked by vitest.setup.ts. Each
// configuration is loaded afresh (getEnv caches the first environment it reads).
import { expect, vi } from 'vitest';
import { startEmulator, type InboxMessage } from '../../../dev/workos-emulator/index.ts';
import { cookieJar, currentCookies, switchBrowser, type CookieJar } from '../../../test/next-headers.ts';

export const APP = 'http://localhost:3000';

type Config = { SIGN_IN_METHOD: 'link' | 'code' | 'link+code'; EMAIL_DELIVERY: 'workos' | 'smtp' };

/** Starts an emulator and loads the flow for one configuration; `close()` stops it. */
export async function startFlow(config: Config) {
  const emulator = await startEmulator({
    port: 0,
    smtpPort: 0,
    defaultRedirectUri: `${APP}/api/auth/callback`,
    emailMagicAuthCodes: config.EMAIL_DELIVERY === 'workos',
  });
  const env: Record<string, string> = {
    ...config,
    APP_URL: APP,
    SESSION_PASSWORD: 'flow-test-password-0123456789abcdefghij',
    WORKOS_API_KEY: emulator.apiKey,
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_HOSTNAME: '127.0.0.1',
    WORKOS_API_PORT: String(emulator.port),
    WORKOS_API_HTTPS: 'false',
    SMTP_URL: config.EMAIL_DELIVERY === 'smtp' ? `smtp://127.0.0.1:${emulator.smtpPort}` : '',
    UPSTASH_REDIS_REST_URL: '',
    UPSTASH_REDIS_REST_TOKEN: '',
    KV_REST_API_URL: '',
    KV_REST_API_TOKEN: '',
    CLIENT_IP_HEADER: 'x-real-ip',
    // One IP for every test of the file (the memory store outlives a module reload): per-IP limits
    // out of the way; the per-address ones, on fresh addresses, stay as configured.
    RATE_LIMIT_IP: '1000/1m',
    RATE_LIMIT_CALLBACK_IP: '1000/1m',
    RATE_LIMIT_GLOBAL: '100000/1h',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.resetModules();
  const request = await import('./request-handler.ts');
  const handlers = await import('./handlers.ts');
  const { handleContinue } = await import('./continue.ts');
  const { getStore } = await import('../../store/index.ts');

  /** A same-origin form POST from the current browser. */
  const post = (path: string, fields: Record<string, string>) =>
    new Request(`${APP}${path}`, {
      method: 'POST',
      headers: {
        origin: APP,
        'content-type': 'application/x-www-form-urlencoded',
        'x-real-ip': '198.51.100.7',
      },
      body: new URLSearchParams(fields),
    });

  async function emails(to: string, count = 1): Promise<InboxMessage[]> {
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${emulator.url}/_emulator/emails?to=${encodeURIComponent(to)}`);
      const list = (await res.json()) as InboxMessage[];
      if (list.length >= count) return list;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`fewer than ${count} emails to ${to}`);
  }

  return {
    emulator,
    store: getStore(),
    /** Asks for a sign-in email from the current browser (the check-email form's POST). */
    async ask(email: string, expected = '/login/check-email') {
      const answer = await request.handleSignInRequest(post('/api/auth/passwordless', { email }), null);
      expect(answer.headers.get('location')).toBe(expected);
      return answer;
    },
    /** Types a code on check-email in the current browser. */
    type: (code: string) => handlers.handleCodeSubmission(post('/api/auth/code', { code })),
    /** The newest (or oldest) email to `to` once `count` arrived: its code and its first link. */
    async email(to: string, count = 1, which: 'newest' | 'oldest' = 'newest') {
      const list = await emails(to, count); // newest first
      const message = (which === 'newest' ? list[0] : list.at(-1)) as InboxMessage;
      return { message, code: /\b(\d{6})\b/.exec(message.text)?.[1] ?? null, link: message.links[0] ?? null };
    },
    /** Opens an emailed link in the current browser the way a person does; returns the last answer. */
    async open(link: string): Promise<Response> {
      const url = new URL(link);
      let location: string | null;
      if (url.pathname === '/login/continue') {
        const token = url.searchParams.get('t') ?? '';
        const answer = await handleContinue(post('/api/auth/continue', { t: token }));
        location = answer.headers.get('location');
        if (!location?.includes('/api/auth/callback')) return answer;
      } else {
        location = (await fetch(link, { redirect: 'manual' })).headers.get('location');
      }
      return handlers.handleCallback(new Request(new URL(location ?? '/', APP)));
    },
    browser: (initial?: Record<string, string>): CookieJar => switchBrowser(cookieJar(initial)),
    cookies: currentCookies,
    close: async () => {
      vi.unstubAllEnvs();
      await emulator.close();
    },
  };
}

export type Flow = Awaited<ReturnType<typeof startFlow>>;
