import { describe, expect, it } from 'vitest';
import { isSameOrigin } from './origin.ts';

const APP = 'https://app.example.com';
const h = (init: Record<string, string>) => new Headers(init);

describe('isSameOrigin', () => {
  it('accepts the exact configured origin', () => {
    expect(isSameOrigin(h({ origin: APP }), APP)).toBe(true);
    expect(isSameOrigin(h({ origin: APP, 'sec-fetch-site': 'same-origin' }), APP)).toBe(true);
  });
  it.each([
    ['no Origin', {}],
    ['Origin null', { origin: 'null' }],
    ['another origin', { origin: 'https://evil.example' }],
    ['a sibling subdomain', { origin: 'https://x.app.example.com' }],
    ['http downgrade', { origin: 'http://app.example.com' }],
    ['cross-site fetch metadata', { origin: APP, 'sec-fetch-site': 'cross-site' }],
    ['same-site fetch metadata', { origin: APP, 'sec-fetch-site': 'same-site' }],
  ])('refuses %s', (_name, headers) => expect(isSameOrigin(h(headers), APP)).toBe(false));
});
