import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startFlow, type Flow } from './flow-harness.ts';

// The sign-in flow's orchestration, end to end through the route handlers' code (request, verify,
// complete) on the real SDK and a real emulator, with `next/headers` mocked: each method signs a
// person in, the code only in the browser that asked, and a paired link and code are one attempt.

vi.spyOn(console, 'log').mockImplementation(() => undefined);
vi.spyOn(console, 'warn').mockImplementation(() => undefined);
vi.spyOn(console, 'error').mockImplementation(() => undefined); // the WorkOS-failure tests log at error level

const address = (name: string) => `${name}-${crypto.randomUUID().slice(0, 8)}@example.org`;
const location = (response: Response) => response.headers.get('location');

/** Signed in: the flow answered with the dashboard and this browser holds a session, no binding. */
function expectSignedIn(flow: Flow, response: Response) {
  expect(response.status).toBe(303);
  expect(location(response)).toBe('http://localhost:3000/dashboard');
  expect(flow.cookies().get('session')?.value).toMatch(/^Fe26\.2\*/);
  expect(flow.cookies().get('pl_bind')).toBeUndefined();
}

describe.each([
  { SIGN_IN_METHOD: 'link', EMAIL_DELIVERY: 'workos' },
  { SIGN_IN_METHOD: 'link', EMAIL_DELIVERY: 'smtp' },
] as const)('SIGN_IN_METHOD=link, EMAIL_DELIVERY=$EMAIL_DELIVERY', (config) => {
  let flow: Flow;
  beforeAll(async () => void (flow = await startFlow(config)));
  afterAll(() => flow.close());

  it('emails a link that signs this browser in once', async () => {
    const email = address('link');
    flow.browser();
    expect(location(await flow.ask(email))).toBe('/login/check-email');
    const { link, code } = await flow.email(email);
    expect(code).toBeNull();
    if (config.EMAIL_DELIVERY === 'smtp')
      expect(link).toMatch(/^http:\/\/localhost:3000\/login\/continue\?t=/);
    expectSignedIn(flow, await flow.open(link ?? ''));
    expect(location(await flow.open(link ?? ''))).toBe('/login?error=expired');
  });

  it('keeps an earlier link working after a resend, in the same browser', async () => {
    const email = address('resend');
    flow.browser();
    await flow.ask(email);
    await flow.ask(email);
    const first = await flow.email(email, 2, 'oldest');
    const second = await flow.email(email, 2);
    expect(first.link).not.toBe(second.link);
    expectSignedIn(flow, await flow.open(first.link ?? ''));
    // The newer link, once signed in as that person: no "another browser" confirmation.
    const session = flow.cookies().get('session')?.value;
    expect(location(await flow.open(second.link ?? ''))).toBe('http://localhost:3000/dashboard');
    expect(flow.cookies().get('session')?.value).toBe(session);
    expect(flow.cookies().get('pl_confirm')).toBeUndefined();
  });
});

describe.each([
  { SIGN_IN_METHOD: 'code', EMAIL_DELIVERY: 'workos' },
  { SIGN_IN_METHOD: 'code', EMAIL_DELIVERY: 'smtp' },
] as const)('SIGN_IN_METHOD=code, EMAIL_DELIVERY=$EMAIL_DELIVERY', (config) => {
  let flow: Flow;
  beforeAll(async () => void (flow = await startFlow(config)));
  afterAll(() => flow.close());

  it('emails a code (and no link of ours) that signs in the browser that asked', async () => {
    const email = address('code');
    flow.browser();
    await flow.ask(email);
    const { code, message } = await flow.email(email);
    expect(code).toMatch(/^\d{6}$/);
    if (config.EMAIL_DELIVERY === 'smtp') expect(message.links).toEqual([]);
    expectSignedIn(flow, await flow.type(`${code?.slice(0, 3)} ${code?.slice(3)}`));
  });

  it('refuses the code in another browser, and counts wrong codes to a lock', async () => {
    const email = address('wrong');
    const asker = flow.browser();
    await flow.ask(email);
    const { code } = await flow.email(email);
    flow.browser();
    expect(location(await flow.type(code ?? ''))).toBe('/login?error=code_no_request');
    flow.browser(Object.fromEntries(asker.getAll().map((c) => [c.name, c.value])));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 4; i++)
      expect(location(await flow.type(wrong))).toBe('/login/check-email?error=code_invalid');
    expect(location(await flow.type(wrong))).toBe('/login/check-email?error=code_locked');
    expect(location(await flow.type(code ?? ''))).toBe('/login?error=code_no_request');
  });

  it('takes only the newest code after a resend', async () => {
    const email = address('newest');
    flow.browser();
    await flow.ask(email);
    const first = (await flow.email(email)).code;
    await flow.ask(email);
    const second = (await flow.email(email, 2)).code;
    if (first !== second)
      expect(location(await flow.type(first ?? ''))).toBe('/login/check-email?error=code_invalid');
    expectSignedIn(flow, await flow.type(second ?? ''));
  });
});

describe('SIGN_IN_METHOD=link+code (own delivery): one email, one attempt', () => {
  let flow: Flow;
  beforeAll(
    async () => void (flow = await startFlow({ SIGN_IN_METHOD: 'link+code', EMAIL_DELIVERY: 'smtp' })),
  );
  afterAll(() => flow.close());

  it('sends one email with both; the code first retires the link', async () => {
    const email = address('pair-code');
    flow.browser();
    await flow.ask(email);
    const { code, link, message } = await flow.email(email);
    expect(message.subject).toContain('link and code');
    expect(code).toMatch(/^\d{6}$/);
    expectSignedIn(flow, await flow.type(code ?? ''));
    expect(location(await flow.open(link ?? ''))).toBe('/login?error=expired');
  });

  it.each([
    ['POST', '/passwordless/sessions'],
    ['POST', '/user_management/magic_auth'],
  ])('leaves nothing behind when WorkOS fails at %s %s', async (method, path) => {
    const email = address('fail');
    flow.browser();
    const set = vi.spyOn(flow.store, 'set');
    await fetch(`${flow.emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ method, path, status: 500, times: 2 }),
    });
    const answer = await flow.ask(email, '/login?error=upstream_unavailable');
    const stored = set.mock.calls.map(([key]) => key).filter((key) => key.includes('pl:'));
    set.mockRestore();
    expect(stored.length).toBeGreaterThan(0);
    for (const key of stored) expect(await flow.store.get(key), key).toBeNull();
    expect(answer.status).toBe(303);
  });

  it('the link first retires the code', async () => {
    const email = address('pair-link');
    const asker = flow.browser();
    await flow.ask(email);
    const { code, link } = await flow.email(email);
    const jar = Object.fromEntries(asker.getAll().map((c) => [c.name, c.value]));
    expectSignedIn(flow, await flow.open(link ?? ''));
    flow.browser(jar); // the same browser's binding, as a second tab would still hold it
    expect(location(await flow.type(code ?? ''))).toBe('/login/check-email?error=code_used');
  });
});
