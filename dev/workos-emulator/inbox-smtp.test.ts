import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { setupTestEmulator } from './test-support.ts';

const t = setupTestEmulator({ reset: true });

describe('inbox and SMTP sink', () => {
  it('receives SMTP mail (with or without auth) into the same inbox with links extracted', async () => {
    const port = t.emulator.smtpPort;
    const plain = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    await plain.sendMail({
      from: 'App <app@example.com>',
      to: 'Mixed.Case@Example.com',
      subject: 'Sign in',
      text: 'Open https://app.test/a?x=1&y=2. Or (http://localhost:3000/b).',
      html: '<p><a href="https://app.test/a?x=1&amp;y=2">go</a> <a href="https://app.test/c">c</a></p>',
    });
    const authed = nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      ignoreTLS: true,
      auth: { user: 'u', pass: 'p' },
    });
    await authed.sendMail({ from: 'a@example.com', to: 'other@example.com', subject: 'Second', text: 'hi' });
    const [mail] = await t.emails('mixed.case@example.com');
    expect(mail).toMatchObject({ subject: 'Sign in', from: '"App" <app@example.com>' });
    // `to` is the SMTP envelope; nodemailer lower-cases the domain there.
    expect(mail?.to.toLowerCase()).toBe('mixed.case@example.com');
    expect(mail?.links).toEqual([
      'https://app.test/a?x=1&y=2',
      'http://localhost:3000/b',
      'https://app.test/c',
    ]);
    expect(mail?.createdAt).toMatch(/Z$/);
    expect((await t.emails()).map((m) => m.subject)).toEqual(['Second', 'Sign in']);
    expect(await t.emails('nobody@example.com')).toEqual([]);
    expect((await t.call('DELETE', '/_emulator/emails')).status).toBe(204);
    expect(await t.emails()).toEqual([]);
  });

  it('renders the inbox page with every body escaped', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: t.emulator.smtpPort,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: 'x@example.com',
      to: 'page@example.com',
      subject: '<script>alert(1)</script>',
      html: '<b onclick="x()">"quoted"</b>',
      text: 'see https://app.test/page',
    });
    const res = await t.call('GET', '/_emulator/inbox');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;b onclick=&quot;x()&quot;&gt;&quot;quoted&quot;&lt;/b&gt;"></iframe>');
    expect(html).toContain('<a href="https://app.test/page">');
    // No allow-scripts, no allow-same-origin.
    expect(html).toContain('<iframe sandbox="allow-popups allow-popups-to-escape-sandbox" ');
  });
});
