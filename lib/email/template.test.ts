import { describe, expect, it } from 'vitest';
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
});
