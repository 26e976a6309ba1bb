import { sealData, unsealData } from 'iron-session';
import { describe, expect, it } from 'vitest';
import { sessionData } from '../../test/session-data.ts';
import { cookieName, toSessionUser, type SessionData } from './session-config.ts';

const OLD = 'old-password-0123456789-abcdefghijkl';
const NEW = 'new-password-0123456789-mnopqrstuvwx';
const APP = 'https://app.example.com';
const now = Math.floor(Date.now() / 1000);
const data = sessionData(APP, now);

describe('toSessionUser', () => {
  it('maps a valid payload to a user', () => {
    expect(toSessionUser(data, APP)).toEqual({
      sessionId: 'sid-1',
      userId: 'prof_1',
      email: 'a@example.com',
      organizationId: null,
      signedInAt: new Date(now * 1000),
      expiresAt: new Date((now + 60) * 1000),
      remember: false,
      tracked: false,
    });
    expect(toSessionUser({ ...data, rem: false }, APP)?.tracked).toBe(true);
    expect(toSessionUser({ ...data, rem: true }, APP)?.remember).toBe(true);
  });

  it.each([
    ['empty', {}],
    ['wrong version', { ...data, v: 2 }],
    ['missing sid', { ...data, sid: undefined }],
    ['past expiry', { ...data, exp: now - 1 }],
    ['string expiry', { ...data, exp: String(now + 60) }],
    ['no audience', { ...data, aud: undefined }],
    ['another origin', { ...data, aud: 'https://app-git-feature.vercel.app' }],
    ['the same host over http', { ...data, aud: 'http://app.example.com' }],
  ])('treats %s as anonymous', (_name, payload) => {
    expect(toSessionUser(payload as Partial<SessionData>, APP)).toBeNull();
  });

  it('accepts a cookie only on the origin that sealed it, even with a shared password', async () => {
    const seal = await sealData(data, { password: { 1: OLD }, ttl: 60 });
    const unsealed = await unsealData<SessionData>(seal, { password: { 1: OLD } });
    expect(toSessionUser(unsealed, APP)).not.toBeNull();
    expect(toSessionUser(unsealed, 'https://preview-abc.vercel.app')).toBeNull();
  });
});

describe('cookieName', () => {
  it('uses the __Host- prefix on https only', () => {
    expect(cookieName('session', 'https://app.example.com')).toBe('__Host-session');
    expect(cookieName('session', 'http://localhost:3000')).toBe('session');
  });
});

describe('password rotation (U-SEAL)', () => {
  it('reads old seals after rotation, seals with the newest id, and drops removed ids', async () => {
    const oldSeal = await sealData(data, { password: { 1: OLD }, ttl: 60 });
    const rotated = { 2: NEW, 1: OLD };
    expect(toSessionUser(await unsealData<SessionData>(oldSeal, { password: rotated }), APP)).not.toBeNull();
    const newSeal = await sealData(data, { password: rotated, ttl: 60 });
    expect(newSeal.split('*')[1]).toBe('2');
    expect(await unsealData(newSeal, { password: { 1: OLD } })).toEqual({});
  });

  it('treats a tampered seal as anonymous, not as an error', async () => {
    const seal = await sealData(data, { password: { 1: OLD }, ttl: 60 });
    const flipped = seal.slice(0, 40) + (seal[40] === 'A' ? 'B' : 'A') + seal.slice(41);
    expect(toSessionUser(await unsealData(flipped, { password: { 1: OLD } }), APP)).toBeNull();
    expect(toSessionUser(await unsealData('garbage', { password: { 1: OLD } }), APP)).toBeNull();
  });

  it('keeps a sealed session small (ASVS 3.3.5)', async () => {
    const seal = await sealData(
      { ...data, email: `${'a'.repeat(64)}@${'b'.repeat(180)}.com` },
      {
        password: { 1: OLD },
      },
    );
    expect(seal.length).toBeLessThan(1200);
  });
});
