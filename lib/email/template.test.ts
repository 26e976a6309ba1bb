import { describe, expect, it, vi } from 'vitest';
import { minutesLeft, utcText } from '../time-text.ts';
import { renderSignInEmail } from './template.ts';

describe('renderSignInEmail', () => {
  const expiresAt = new Date(Date.now() + 10 * 60_000);

  it('carries the link and its expiry in both parts', () => {
    const mail = renderSignInEmail({
      link: 'http://localhost:4010/passwordless/abc/confirm',
      expiresAt,
      appUrl: 'https://app.example.com',
    });
    expect(mail.subject).toBe('Your sign-in link for app.example.com');
    expect(mail.text).toContain('http://localhost:4010/passwordless/abc/confirm');
    expect(mail.text).toMatch(/expires in 10 minutes/);
    expect(mail.html).toContain('href="http://localhost:4010/passwordless/abc/confirm"');
  });

  it('escapes the link in HTML', () => {
    const mail = renderSignInEmail({
      link: 'https://x.test/"><script>alert(1)</script>',
      expiresAt,
      appUrl: 'https://app.example.com',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });

  it('states the instant and the minutes the check-email page shows for the same expiresAt', () => {
    // The page renders utcText(binding.expiresAt) and minutesLeft(binding.expiresAt); the binding's
    // expiresAt is the Date this template gets (lib/auth/request-link.ts), so both must agree.
    const at = new Date(Date.UTC(2026, 11, 2, 14, 5, 30));
    const now = at.getTime() - 10 * 60_000;
    vi.useFakeTimers({ now });
    try {
      const mail = renderSignInEmail({ link: 'https://x.test/l', expiresAt: at, appUrl: 'https://a.test' });
      const sentence = `expires in ${minutesLeft(at.getTime(), now)} (at ${utcText(at.getTime(), true)})`;
      expect(sentence).toBe('expires in 10 minutes (at 2026-12-02 14:05 UTC)');
      expect(mail.text).toContain(sentence);
      expect(mail.html).toContain(sentence);
      expect(mail.text).toContain(utcText(at.getTime()));
    } finally {
      vi.useRealTimers();
    }
  });

  it('says "1 minute", not "1 minutes", for a short lifetime', () => {
    const mail = renderSignInEmail({
      link: 'https://x.test/l',
      expiresAt: new Date(Date.now() + 60_000),
      appUrl: 'https://a.test',
    });
    expect(mail.text).toMatch(/expires in 1 minute \(at/);
  });
});

describe('renderSignInEmail with a code', () => {
  const expiresAt = new Date(Date.now() + 10 * 60_000);
  const appUrl = 'https://app.example.com';

  it('carries only the code for SIGN_IN_METHOD=code, and no URL', () => {
    const mail = renderSignInEmail({ code: '123456', expiresAt, appUrl });
    expect(mail.subject).toBe('Your sign-in code for app.example.com: 123456');
    expect(mail.text).toContain('123456');
    expect(mail.text).toMatch(/The code works once and expires in 10 minutes/);
    expect(mail.text).not.toMatch(/https?:\/\//);
    expect(mail.html).not.toContain('href=');
  });

  it('carries both for link+code and says one use retires the other', () => {
    const mail = renderSignInEmail({
      link: 'https://app.example.com/login/continue?t=x',
      code: '654321',
      expiresAt,
      appUrl,
    });
    expect(mail.subject).toBe('Your sign-in link and code for app.example.com');
    expect(mail.text).toContain('654321');
    expect(mail.text).toContain('https://app.example.com/login/continue?t=x');
    expect(mail.text).toMatch(/The link and the code work once and expire in 10 minutes/);
    expect(mail.text).toContain('the other then stops working');
  });

  it('refuses to render an email with neither', () => {
    expect(() => renderSignInEmail({ expiresAt, appUrl })).toThrow(/a link or a code/);
  });
});
