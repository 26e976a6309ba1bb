import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { E2E } from './servers.ts';

// Runs after every other project (playwright.config.ts): audits what the app servers logged.
const targets = [
  E2E.memory,
  E2E.upstash,
  E2E.https,
  E2E.code,
  E2E.smtpDown,
  E2E.redisDown,
  E2E.globalMemory,
  E2E.globalUpstash,
  E2E.idle,
];
const read = (name: string) => readFileSync(`${E2E.logDir}/${name}.log`, 'utf8');

test.describe('server logs', () => {
  for (const target of targets) {
    test(`${target.name}: auth events are JSON lines without secrets`, () => {
      const lines = read(target.name).split('\n');
      const events = lines
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      // Every server served requests that log auth events: an empty log would pass everything below.
      expect(events.length, `${target.name}: JSON log lines`).toBeGreaterThan(0);
      const text = lines.join('\n');
      // No seals, links, codes, states or full test addresses (tests use name-<time>-<hex>@<domain>).
      expect(text).not.toMatch(/Fe26\.2\*/);
      expect(text).not.toMatch(/\/passwordless\/[A-Za-z0-9]{16,}\/confirm/);
      expect(text).not.toMatch(/[?&](code|state)=/);
      expect(text).not.toMatch(/[a-z0-9]+-[a-z0-9]+-[0-9a-f]{8}@/);
      expect(text).not.toMatch(/sk_test_local|e2e-session-password/);
      expect(text).not.toMatch(/\n\s+at /); // no stack traces
      for (const event of events) {
        expect(typeof event.event).toBe('string');
        expect(typeof event.time).toBe('string');
        if (typeof event.email === 'string') expect(event.email).toMatch(/^.\*\*\*@/);
      }
    });
  }

  test('the main servers logged the whole life of a sign-in', () => {
    const names = new Set(
      [E2E.memory, E2E.upstash].flatMap((target) =>
        read(target.name)
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => (JSON.parse(line) as { event: string }).event),
      ),
    );
    for (const event of [
      'auth.link_requested',
      'auth.link_delivered',
      'auth.rate_limited',
      'auth.callback_succeeded',
      'auth.callback_failed',
      'auth.confirm_shown',
      'auth.confirm_succeeded',
      'auth.confirm_cancelled',
      'auth.signed_out',
    ])
      expect(names, event).toContain(event);
  });
});
