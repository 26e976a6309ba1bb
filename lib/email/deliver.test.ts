import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkOSBudget } from '../auth/workos-budget.ts';
import { Inbox } from '../../dev/workos-emulator/inbox.ts';
import { startSmtpSink, type SmtpSink } from '../../dev/workos-emulator/smtp-sink.ts';
import { rawServer, refusedUrl, refusingServer, type TestServer } from '../../test/smtp-servers.ts';

// deliverSignInEmail over SMTP against real local servers: the emulator's sink (which refuses
// `reject-…` and `bounce-…` recipients with 550 5.1.1 and echoes the address) and servers that
// fail in other ways. A permanent refusal of the recipient resolves; everything else throws.

const inbox = new Inbox();
let sink: SmtpSink;
const lines: { level: string; line: string }[] = [];

beforeAll(async () => {
  sink = await startSmtpSink(inbox, '127.0.0.1', 0, () => undefined);
  vi.stubEnv('APP_URL', 'http://localhost:3000');
  vi.stubEnv('SESSION_PASSWORD', 'deliver-test-password-0123456789abcdef');
  vi.stubEnv('EMAIL_DELIVERY', 'smtp');
  for (const level of ['log', 'warn', 'error'] as const)
    vi.spyOn(console, level).mockImplementation(
      (line: unknown) => void lines.push({ level, line: String(line) }),
    );
});
afterAll(async () => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  await sink.close();
});
beforeEach(() => {
  lines.length = 0;
});

/** Delivers through `url` with a fresh configuration (getEnv caches the first one it reads). */
async function deliverVia(url: string, email: string): Promise<'sent' | 'rejected'> {
  vi.stubEnv('SMTP_URL', url);
  vi.resetModules();
  const { deliverSignInEmail } = await import('./deliver.ts');
  const link = `http://localhost:4010/passwordless/${crypto.randomUUID()}/confirm`;
  return deliverSignInEmail(
    {
      email,
      link,
      expiresAt: new Date(Date.now() + 600_000),
    },
    // SMTP delivery makes no WorkOS call: the budget is never drawn on.
    new WorkOSBudget(1_000),
  );
}

const events = () =>
  lines.map((l) => ({ level: l.level, ...(JSON.parse(l.line) as Record<string, unknown>) }));
const sinkUrl = () => `smtp://127.0.0.1:${sink.port}`;

describe('deliverSignInEmail over SMTP', () => {
  it('sends to an address the relay accepts, and logs nothing about rejection', async () => {
    await expect(deliverVia(sinkUrl(), 'alice@example.com')).resolves.toBe('sent');
    expect(inbox.list('alice@example.com')).toHaveLength(1);
    expect(events()).toEqual([]);
  });

  it.each(['reject-bob@example.com', 'Bounce-Carol@example.org'])(
    'resolves when the relay refuses %s with 550 at RCPT TO, and logs one masked warning',
    async (email) => {
      await expect(deliverVia(sinkUrl(), email)).resolves.toBe('rejected');
      expect(inbox.list(email)).toEqual([]);
      const [event, ...rest] = events();
      expect(rest).toEqual([]);
      expect(event).toEqual({
        level: 'warn',
        time: expect.any(String) as string,
        event: 'auth.delivery_rejected',
        email: `${email[0]}***${email.slice(email.indexOf('@'))}`,
        responseCode: 550,
        enhancedCode: '5.1.1',
      });
      // The relay's reply echoes the address: none of its text reaches the log.
      expect(lines[0]?.line).not.toContain(email.slice(0, email.indexOf('@')));
      expect(lines[0]?.line).not.toMatch(/unknown|rejected:/i);
    },
  );

  describe('failures that are not about the recipient still throw', () => {
    const servers: TestServer[] = [];
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
    });
    const start = async (server: Promise<TestServer>) => {
      const started = await server;
      servers.push(started);
      return started.url;
    };

    it.each([
      ['451 at RCPT TO (temporary)', { at: 'RCPT TO', code: 451, reply: '4.3.0 Try again later' }],
      ['450 at RCPT TO (mailbox busy)', { at: 'RCPT TO', code: 450, reply: '4.2.1 Mailbox busy' }],
      ['550 at MAIL FROM (our sender)', { at: 'MAIL FROM', code: 550, reply: '5.7.1 Sender refused' }],
      ['554 at DATA (the message)', { at: 'DATA', code: 554, reply: '5.6.0 Message refused' }],
    ] as const)('%s', async (_name, refusal) => {
      const url = await start(refusingServer(refusal));
      await expect(deliverVia(url, 'dave@example.com')).rejects.toMatchObject({ responseCode: refusal.code });
      expect(events()).toEqual([]);
    });

    it('a relay that refuses connections (ECONNREFUSED)', async () => {
      const error = await deliverVia(await refusedUrl(), 'erin@example.com').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ESOCKET' });
      expect(String((error as { message: string }).message)).toContain('ECONNREFUSED');
      expect(events()).toEqual([]);
    });

    it('a relay whose greeting is a 554 refusal', async () => {
      const url = await start(rawServer('554 5.3.2 Not accepting mail'));
      await expect(deliverVia(url, 'frank@example.com')).rejects.toThrow();
      expect(events()).toEqual([]);
    });

    it('a relay that never greets (greeting timeout)', { timeout: 15_000 }, async () => {
      const url = await start(rawServer(null));
      const started = Date.now();
      await expect(deliverVia(url, 'grace@example.com')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
      expect(Date.now() - started).toBeLessThan(8_000);
      expect(events()).toEqual([]);
    });
  });
});
