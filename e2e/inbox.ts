import { expect } from '@playwright/test';
import type { InboxMessage } from '../dev/workos-emulator/inbox.ts';

/** One message of the emulator's inbox (its stable `/_emulator/emails` contract). */
export type Email = InboxMessage;

/** Every message the emulator's inbox holds for `to`, newest first. */
export async function emailsTo(emulatorUrl: string, to: string): Promise<Email[]> {
  const response = await fetch(`${emulatorUrl}/_emulator/emails?to=${encodeURIComponent(to)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Email[];
}

/** Waits for the `count`-th email to `to` and returns the newest one. */
export async function waitForEmail(emulatorUrl: string, to: string, count = 1): Promise<Email> {
  let emails: Email[] = [];
  await expect
    .poll(async () => (emails = await emailsTo(emulatorUrl, to)).length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(count);
  return emails[0] as Email;
}

/** The magic link in the newest email to `to` (waiting for it to arrive). */
export async function magicLink(emulatorUrl: string, to: string, count = 1): Promise<string> {
  const email = await waitForEmail(emulatorUrl, to, count);
  // WorkOS's own email carries its link; ours carries the app's scanner-proof /login/continue link.
  const link = email.links.find(
    (url) =>
      (url.includes('/passwordless/') && url.endsWith('/confirm')) || url.includes('/login/continue?t='),
  );
  expect(link, `a magic link in "${email.subject}"`).toBeTruthy();
  return link as string;
}

/** The 6-digit code in the newest email to `to` (WorkOS's Magic Auth email, or ours). */
export async function emailedCode(emulatorUrl: string, to: string, count = 1): Promise<string> {
  const email = await waitForEmail(emulatorUrl, to, count);
  // Whitespace around it: never six digits inside a link's token.
  const code = /(?:^|\s)(\d{6})(?:\s|$)/.exec(email.text)?.[1];
  expect(code, `a code in "${email.subject}"`).toBeTruthy();
  return code as string;
}

/** Injects a fault into the emulator's API (see dev/workos-emulator/README.md). */
export async function injectFault(
  emulatorUrl: string,
  fault: {
    method?: string;
    path: string;
    status?: number;
    times?: number;
    delayMs?: number;
    /** Seconds, or a string sent verbatim (an HTTP date). */
    retryAfter?: number | string;
    body?: unknown;
  },
): Promise<void> {
  const response = await fetch(`${emulatorUrl}/_emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.ok).toBe(true);
}

/** Clears every injected fault. */
export async function clearFaults(emulatorUrl: string): Promise<void> {
  await fetch(`${emulatorUrl}/_emulator/faults`, { method: 'DELETE' });
}
