import { Redis } from '@upstash/redis';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupUpstashLocal } from './test-support.ts';

// The real clients against the bridge and a real redis-server: what works here works on Upstash.
const u = setupUpstashLocal({ token: 'bridge-secret' }); // u.raw: what lib/store uses, strings untouched
let redis: Redis; // the library defaults: base64 replies, automatic JSON deserialization

const key = (name: string) => `bridge-test:${name}:${crypto.randomUUID()}`;

beforeAll(() => {
  redis = new Redis({ url: u.local.url, token: u.local.token, enableTelemetry: false });
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(u.local.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.local.token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('Upstash REST wire format', () => {
  it('answers {result}, base64-encodes every string with Upstash-Encoding, and keeps numbers and nil', async () => {
    const k = key('wire');
    expect(await post('/', ['SET', k, 'héllo'])).toEqual({ status: 200, body: { result: 'OK' } });
    const b64 = { 'upstash-encoding': 'base64' };
    expect((await post('/', ['GET', k], b64)).body).toEqual({
      result: Buffer.from('héllo').toString('base64'),
    });
    expect((await post('/', ['GET', k])).body).toEqual({ result: 'héllo' });
    expect((await post('/', ['GET', key('missing')], b64)).body).toEqual({ result: null });
    expect((await post('/', ['EVAL', "return {1, 'a', {'b', 2}}", 0], b64)).body).toEqual({
      result: [1, 'YQ==', ['Yg==', 2]],
    });
  });

  it('stringifies numeric and boolean arguments', async () => {
    const k = key('num');
    await post('/', ['SET', k, 5, 'EX', 60]);
    expect((await post('/', ['INCRBYFLOAT', k, 1.5])).body).toEqual({ result: '6.5' });
    await post('/', ['SET', k, true]);
    expect((await post('/', ['GET', k])).body).toEqual({ result: 'true' });
  });

  it('reports command errors as 400 {error}, per-command errors in a pipeline as 200 items', async () => {
    const k = key('err');
    await post('/', ['SET', k, 'text']);
    const single = await post('/', ['INCR', k]);
    expect(single.status).toBe(400);
    expect(single.body).toEqual({ error: 'ERR value is not an integer or out of range' });
    const pipeline = await post('/pipeline', [
      ['INCR', k],
      ['GET', k],
    ]);
    expect(pipeline.status).toBe(200);
    expect(pipeline.body).toEqual([
      { error: 'ERR value is not an integer or out of range' },
      { result: 'text' },
    ]);
    expect((await post('/', ['NOSUCHCOMMAND'])).status).toBe(400);
    expect((await post('/', '{not json')).status).toBe(400);
    expect((await post('/', ['SUBSCRIBE', 'channel'])).status).toBe(400);
  });

  it('refuses a wrong token, other methods and other paths', async () => {
    expect(await post('/', ['PING'], { authorization: 'Bearer wrong' })).toEqual({
      status: 401,
      body: { error: 'Unauthorized' },
    });
    expect((await fetch(u.local.url, { headers: { authorization: `Bearer ${u.local.token}` } })).status).toBe(
      405,
    );
    expect((await post('/set/a/b', [])).status).toBe(404);
    const wrong = new Redis({ url: u.local.url, token: 'wrong', enableTelemetry: false });
    await expect(wrong.get('x')).rejects.toThrow(/Unauthorized/);
  });
});

describe('@upstash/redis through the bridge', () => {
  it('round-trips strings that look like base64, numbers or JSON exactly (no auto-deserialization)', async () => {
    for (const value of ['aGVsbG8=', 'T0s=', '123', '{"a":1}', 'ünïcødé ✓ 🎉', '']) {
      const k = key('str');
      expect(await u.raw.set(k, value)).toBe('OK');
      expect(await u.raw.get(k)).toBe(value);
    }
  });

  it('works with the library defaults: JSON values, counters, nil, hashes', async () => {
    const [j, n, h] = [key('json'), key('n'), key('hash')];
    await redis.set(j, { email: 'a@example.com', n: 1 });
    expect(await redis.get(j)).toEqual({ email: 'a@example.com', n: 1 });
    expect(await redis.incr(n)).toBe(1);
    expect(await redis.incrby(n, 41)).toBe(42);
    expect(await redis.get(key('missing'))).toBeNull();
    expect(await redis.mget(n, key('missing'))).toEqual([42, null]);
    expect(await redis.hset(h, { a: 'x', b: 2 })).toBe(2);
    // HGETALL must arrive as Redis's flat array (ioredis would have made it an object).
    expect(await redis.hgetall(h)).toEqual({ a: 'x', b: 2 });
    expect(await u.raw.hget(h, 'b')).toBe('2');
  });

  it('runs pipelines in order and surfaces a failed command', async () => {
    const k = key('pipe');
    const results = await u.raw.pipeline().set(k, 'a').append(k, 'b').get(k).del(k).get(k).exec();
    expect(results).toEqual(['OK', 2, 'ab', 1, null]);
    await u.raw.set(k, 'text');
    await expect(u.raw.pipeline().incr(k).exec()).rejects.toThrow(/INCR.*not an integer/i);
    const kept = await u.raw.pipeline().incr(k).get(k).exec({ keepErrors: true });
    expect(kept).toEqual([
      { error: 'ERR value is not an integer or out of range', result: undefined },
      { result: 'text' },
    ]);
  });

  it('runs MULTI/EXEC as a real transaction', async () => {
    const k = key('multi');
    expect(await u.raw.multi().incr(k).incr(k).get(k).exec()).toEqual([1, 2, '2']);
    // A queue-time error discards the whole transaction: nothing is applied.
    const aborted = await post('/multi-exec', [
      ['INCR', k],
      ['SET', k],
    ]);
    expect(aborted.status).toBe(400);
    expect(JSON.stringify(aborted.body)).toMatch(/^\{"error":"EXECABORT /);
    expect(await u.raw.get(k)).toBe('2');
  });

  it('evaluates Lua with nested replies', async () => {
    const reply = await u.raw.eval('return {KEYS[1], ARGV[1], 42, {ARGV[2]}}', ['k1'], ['aGVsbG8=', 'x']);
    expect(reply).toEqual(['k1', 'aGVsbG8=', 42, ['x']]);
  });
});
