import { describe, expect, it } from 'vitest';
import { earlierSendsNote, emailMayStateLater } from './check-email-copy.ts';

describe('earlierSendsNote', () => {
  it('says what earlier emails still do, per sign-in method', () => {
    expect(earlierSendsNote('link')).toBe(
      'Links sent earlier still work until they expire; any of them signs you in once.',
    );
    expect(earlierSendsNote('code')).toBe('Only the newest code works; codes sent earlier no longer do.');
    expect(earlierSendsNote('link+code')).toBe(
      'Links sent earlier still work until they expire; only the newest code works.',
    );
  });
});

describe('emailMayStateLater', () => {
  it('warns for WorkOS links (900 s in the email, at most 600 s in the app)', () => {
    expect(emailMayStateLater({ delivery: 'workos', method: 'link', ttlSeconds: 600 })).toBe(true);
    expect(emailMayStateLater({ delivery: 'workos', method: 'link+code', ttlSeconds: 600 })).toBe(true);
  });

  it('warns for WorkOS codes only when the app is stricter than their 10 minutes', () => {
    expect(emailMayStateLater({ delivery: 'workos', method: 'code', ttlSeconds: 600 })).toBe(false);
    expect(emailMayStateLater({ delivery: 'workos', method: 'code', ttlSeconds: 300 })).toBe(true);
  });

  it('never warns for our own email, which states the app lifetime', () => {
    expect(emailMayStateLater({ delivery: 'smtp', method: 'link', ttlSeconds: 600 })).toBe(false);
    expect(emailMayStateLater({ delivery: 'smtp', method: 'link', ttlSeconds: 60 })).toBe(false);
  });
});
