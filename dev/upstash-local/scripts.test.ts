import { createHash } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis as IORedis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { stripUpstashFlags } from './protocol.ts';
import { setupUpstashLocal } from './test-support.ts';

// Lua through the bridge: the Upstash-only script flag, SHA1 mapping, and @upstash/ratelimit itself.
const u = setupUpstashLocal();

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const key = (name: string) => `scripts-test:${name}:${crypto.randomUUID()}`;

describe('Upstash-only Lua flags', () => {
  const script = '#!lua flags=allow-key-locking\nreturn ARGV[1]';

  it('are rejected by Redis 7 itself (why the bridge strips them)', async () => {
    const direct = new IORedis({ port: u.local.redisPort, host: '127.0.0.1', lazyConnect: true });
    await direct.connect();
    await expect(direct.eval(script, 0, 'x')).rejects.toThrow(/allow-key-locking/);
    direct.disconnect();
  });

  it('are stripped on EVAL and SCRIPT LOAD; EVALSHA and SCRIPT EXISTS use the original SHA1', async () => {
    const unique = `${script} .. '${crypto.randomUUID()}'`;
    expect(await u.raw.eval(unique, [], ['direct'])).toMatch(/^direct/);
    const sha = await u.raw.scriptLoad(unique);
    expect(sha).toBe(sha1(unique));
    expect(await u.raw.evalsha(sha, [], ['by-sha'])).toMatch(/^by-sha/);
    expect(await u.raw.scriptExists(sha, sha1('return 0 -- never loaded'))).toEqual([1, 0]);
  });

  it('only the Upstash flag is removed, line numbers stay', () => {
    expect(stripUpstashFlags('#!lua flags=allow-key-locking\nreturn 1')).toBe('\nreturn 1');
    expect(stripUpstashFlags('#!lua flags=no-writes,allow-key-locking\nreturn 1')).toBe(
      '#!lua flags=no-writes\nreturn 1',
    );
    expect(stripUpstashFlags('#!lua flags=no-writes\nreturn 1')).toBe('#!lua flags=no-writes\nreturn 1');
    expect(stripUpstashFlags('return 1')).toBe('return 1');
  });
});

describe('@upstash/ratelimit through the bridge', () => {
  for (const [name, algorithm] of [
    ['slidingWindow', Ratelimit.slidingWindow(3, '30 s')],
    ['fixedWindow', Ratelimit.fixedWindow(3, '30 s')],
  ] as const) {
    it(`${name}: allows 3, denies the 4th, and the denial lives in Redis`, async () => {
      const prefix = key(name);
      const make = () => new Ratelimit({ redis: u.raw, limiter: algorithm, prefix, ephemeralCache: false });
      const limiter = make();
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push((await limiter.limit('user')).success);
      expect(outcomes).toEqual([true, true, true, false]);
      // Another instance (no shared memory) sees the same state; another identifier is unaffected.
      expect((await make().limit('user')).success).toBe(false);
      expect((await make().limit('someone-else')).success).toBe(true);
    });
  }

  it('after the first NOSCRIPT -> EVAL, EVALSHA of the original SHA1 hits the stripped script', async () => {
    const limiter = new Ratelimit({
      redis: u.raw,
      limiter: Ratelimit.slidingWindow(100, '13 s'),
      prefix: key('sha'),
      ephemeralCache: false,
    });
    await u.raw.scriptFlush(); // a cold script cache, as on a fresh Redis
    u.local.bridge.resetStats();
    await limiter.limit('a');
    expect(u.local.bridge.stats().requests).toBe(2); // EVALSHA -> NOSCRIPT, then EVAL
    u.local.bridge.resetStats();
    await limiter.limit('b');
    await limiter.limit('c');
    expect(u.local.bridge.stats()).toEqual({ requests: 2, commands: 2 }); // one EVALSHA each
  });
});
