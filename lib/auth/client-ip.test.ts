import { describe, expect, it } from 'vitest';
import { clientIp, ipRateLimitKey, normalizeIp, readClientIp } from './client-ip.ts';

const headers = (init: Record<string, string>) => new Headers(init);

describe('clientIp', () => {
  it('trusts nothing without a configured header, however plausible the request looks', () => {
    const h = headers({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' });
    expect(clientIp(h)).toBeNull();
    expect(clientIp(h, '')).toBeNull();
  });

  it('reads only the configured header', () => {
    const h = headers({ 'x-real-ip': '203.0.113.7', 'x-forwarded-for': '198.51.100.1' });
    expect(clientIp(h, 'x-real-ip')).toBe('203.0.113.7');
    expect(clientIp(h, 'X-Real-IP')).toBe('203.0.113.7');
    expect(clientIp(h, 'cf-connecting-ip')).toBeNull();
  });

  it('takes the right-most x-forwarded-for entry: the one the trusted proxy appended', () => {
    const h = headers({ 'x-forwarded-for': '1.1.1.1, 10.0.0.1 ,  203.0.113.7 ' });
    expect(clientIp(h, 'x-forwarded-for')).toBe('203.0.113.7');
    expect(clientIp(headers({ 'x-forwarded-for': '203.0.113.7,' }), 'x-forwarded-for')).toBeNull();
  });

  it('rejects anything that is not exactly one address literal, as malformed', () => {
    for (const value of [
      'unknown',
      '203.0.113.7, 198.51.100.1',
      '256.1.1.1',
      '01.2.3.4',
      '010.0.0.1', // octal to some parsers, decimal to others: ambiguous
      '1.2.3',
      '1.2.3.4:',
      '1.2.3.4:123456',
      '[1.2.3.4]:80',
      '[::1',
      'fe80::1%eth0',
      '::1]@evil.example/[',
      '1::2::3',
      'localhost',
    ])
      expect(readClientIp(headers({ 'x-real-ip': value }), 'x-real-ip'), value).toEqual({
        ip: null,
        problem: 'malformed',
        value,
      });
  });

  it('drops a port: ip:port and [ipv6]:port are one address', () => {
    const read = (value: string) => clientIp(headers({ 'x-real-ip': value }), 'x-real-ip');
    expect(read('203.0.113.7:5678')).toBe('203.0.113.7');
    expect(read('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(read('[::1]')).toBe('::1');
    expect(clientIp(headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7:80' }), 'x-forwarded-for')).toBe(
      '203.0.113.7',
    );
  });

  it('tells a missing header from an unconfigured one', () => {
    expect(readClientIp(headers({ 'x-real-ip': '203.0.113.7' }))).toEqual({
      ip: null,
      problem: 'unconfigured',
    });
    expect(readClientIp(headers({}), 'x-real-ip')).toEqual({ ip: null, problem: 'missing' });
    expect(readClientIp(headers({ 'x-real-ip': '  ' }), 'x-real-ip')).toEqual({
      ip: null,
      problem: 'missing',
    });
    expect(readClientIp(headers({ 'x-real-ip': '203.0.113.7' }), 'x-real-ip')).toEqual({ ip: '203.0.113.7' });
  });

  it('normalizes IPv6 and unwraps IPv4-mapped addresses', () => {
    expect(normalizeIp('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(normalizeIp('::1')).toBe('::1');
    expect(normalizeIp('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(normalizeIp('::ffff:c000:201')).toBe('192.0.2.1');
    expect(normalizeIp('192.0.2.1')).toBe('192.0.2.1');
  });
});

describe('ipRateLimitKey', () => {
  it('keys IPv4 by address and IPv6 by its /64', () => {
    expect(ipRateLimitKey('192.0.2.1')).toBe('192.0.2.1');
    expect(ipRateLimitKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipRateLimitKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipRateLimitKey('2001:db8:0:0:ffff::1')).toBe(ipRateLimitKey('2001:db8::2'));
    expect(ipRateLimitKey('::1')).toBe('0:0:0:0::/64');
    expect(ipRateLimitKey('2001:db8:1:3::1')).not.toBe(ipRateLimitKey('2001:db8:1:2::1'));
  });
});
