import { describe, expect, it } from 'vitest';
import { emailBucket, POLICIES, UNKNOWN_IP } from './rate-limit-policies.ts';

describe('emailBucket (RL-02, RL-03, RL-08)', () => {
  it('drops the +tag and lower-cases; other domains keep their dots', () => {
    expect(emailBucket('User+News@Example.COM')).toBe('user@example.com');
    expect(emailBucket('u+1+2@x.com')).toBe('u@x.com');
    expect(emailBucket('first.last@x.com')).toBe('first.last@x.com');
    expect(emailBucket('+only@x.com')).toBe('+only@x.com'); // no empty local part
  });

  it('folds Gmail: dots in the local part, googlemail.com, +tags, case', () => {
    const one = 'firstlast@gmail.com';
    for (const variant of [
      'firstlast@gmail.com',
      'first.last@gmail.com',
      'F.i.R.s.T.l.a.s.t@GMAIL.com',
      'first.last+news@gmail.com',
      'firstlast@googlemail.com',
      'first.last+x@GoogleMail.com',
    ])
      expect(emailBucket(variant), variant).toBe(one);
    expect(emailBucket('first.last@gmail.co')).toBe('first.last@gmail.co');
    expect(emailBucket('first.last@mail.gmail.com')).toBe('first.last@mail.gmail.com');
  });
});

describe('buckets of the policy table', () => {
  const subject = { email: 'First.Last+x@googlemail.com', ip: '2001:db8:1:2::7' };

  it('keys (address, IP) by the folded address and the /64, the ceiling by the address alone', () => {
    expect(POLICIES.emailIp.bucket(subject)).toBe('firstlast@gmail.com 2001:db8:1:2::/64');
    expect(POLICIES.emailCeiling.bucket(subject)).toBe('firstlast@gmail.com');
    expect(POLICIES.verifyEmail.bucket(subject)).toBe('firstlast@gmail.com');
    expect(POLICIES.ip.bucket(subject)).toBe('2001:db8:1:2::/64');
    expect(POLICIES.callbackIp.bucket({ ...subject, ip: '192.0.2.1' })).toBe('192.0.2.1');
  });

  it('keeps the shared unknown IP as one bucket, and the global budget as one for everyone', () => {
    expect(POLICIES.ip.bucket({ ...subject, ip: UNKNOWN_IP })).toBe(UNKNOWN_IP);
    expect(POLICIES.emailIp.bucket({ ...subject, ip: UNKNOWN_IP })).toBe('firstlast@gmail.com unknown');
    expect(POLICIES.global.bucket(subject)).toBe(POLICIES.global.bucket({ email: 'x@y.org', ip: '1.2.3.4' }));
  });
});
