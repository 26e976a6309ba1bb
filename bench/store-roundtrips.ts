// `node bench/store-roundtrips.ts [N]`: the store work of N simulated sign-ins (address + IP limit
// checks, attempt SET NX, callback IP limit, GETDEL) through the real Upstash client, the local REST
// bridge and redis-server (both in their own process, as `npm run upstash:local` runs them), side by
// side with the memory store. Prints latency percentiles, HTTP round trips and Redis commands.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
// Type-only imports are erased before anything runs, so they are safe above the re-exec.
import type { RateLimiter } from '../lib/auth/rate-limit.ts';
import type { PolicyName } from '../lib/auth/rate-limit-policies.ts';
import type { RateLimitRule } from '../lib/env-rate-limit.ts';
import type { Store } from '../lib/store/types.ts';

// lib/auth/rate-limit.ts imports 'server-only', which throws outside a React Server bundle unless
// resolved with the `react-server` condition: run ourselves again with it.
if (!process.execArgv.some((arg) => arg.includes('react-server'))) {
  const args = ['--conditions=react-server', ...process.execArgv, fileURLToPath(import.meta.url)];
  const child = spawnSync(process.execPath, [...args, ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { Redis: IORedis } = await import('ioredis');
const { freePort } = await import('../dev/upstash-local/index.ts');
const { createRateLimiter, memoryLimiters, upstashLimiters } = await import('../lib/auth/rate-limit.ts');
const { POLICY_NAMES } = await import('../lib/auth/rate-limit-policies.ts');
const { randomToken, sha256Hex } = await import('../lib/auth/tokens.ts');
const { createMemoryStore } = await import('../lib/store/memory.ts');
const { createUpstashRedis, createUpstashStore } = await import('../lib/store/upstash.ts');
type Backend = { store: Store; limiter: RateLimiter };

const N = Number(process.argv[2] ?? 200);
const CONCURRENCY = 20;
const WIDE_OPEN = { limit: 1_000_000, windowSeconds: 900 }; // measure the work, never a denial
const RULES = Object.fromEntries(POLICY_NAMES.map((name) => [name, WIDE_OPEN])) as Record<
  PolicyName,
  RateLimitRule
>;
const run = randomToken(6);

// Every HTTP request the Upstash client makes, and the commands in it.
const traffic = { requests: 0, commands: 0 };
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : [];
  traffic.requests += 1;
  traffic.commands += Array.isArray(body) && Array.isArray(body[0]) ? body.length : 1;
  return realFetch(input, init);
};

async function startUpstashLocalProcess() {
  const [redisPort, bridgePort] = [await freePort(), await freePort()];
  const env = { ...process.env, REDIS_PORT: `${redisPort}`, UPSTASH_LOCAL_PORT: `${bridgePort}` };
  const main = fileURLToPath(new URL('../dev/upstash-local/main.ts', import.meta.url));
  const child = spawn(process.execPath, [main], { env: { ...env, UPSTASH_REDIS_REST_TOKEN: 'bench' } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  while (!output.includes('UPSTASH_REDIS_REST_URL=')) {
    if (child.exitCode !== null) throw new Error(`upstash-local exited: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const stop = async () => {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  };
  return { url: `http://127.0.0.1:${bridgePort}`, token: 'bench', redisPort, stop };
}

/** One sign-in's store work, in the order the request and callback routes do it; its duration in ms. */
async function signIn(i: number, { store, limiter }: Backend): Promise<number> {
  const started = performance.now();
  const email = `bench-${run}-${i}@example.com`;
  const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  if (!(await limiter.checkSignInLimits({ email, ip })).ok) throw new Error('sign-in limit denied');
  const key = `pl:state:${await sha256Hex(randomToken(32))}`;
  const attempt = JSON.stringify({
    email,
    returnTo: '/dashboard',
    bindHash: 'x'.repeat(64),
    createdAt: Date.now(),
  });
  if (!(await store.set(key, attempt, 600, { ifAbsent: true }))) throw new Error('attempt collision');
  if (!(await limiter.checkCallbackLimit(ip)).ok) throw new Error('callback limit denied');
  if ((await store.getAndDelete(key)) !== attempt) throw new Error('attempt lost');
  await limiter.refundCallbackLimit(ip);
  return performance.now() - started;
}

async function measure(backend: Backend, concurrency: number, offset: number): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < N) durations.push(await signIn(offset + next++, backend));
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return durations.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const fmt = (value: number) => value.toFixed(2).padStart(8);

const local = await startUpstashLocalProcess();
const direct = new IORedis({ port: local.redisPort, host: '127.0.0.1', protocol: 2 });
// Commands Redis executed, including those inside Lua scripts (INFO reports the count before itself).
const executed = async () => Number(/total_commands_processed:(\d+)/.exec(await direct.info('stats'))?.[1]);
try {
  const redis = createUpstashRedis({ url: local.url, token: local.token });
  const upstash: Backend = {
    store: createUpstashStore({ redis }),
    limiter: createRateLimiter({
      limiters: upstashLimiters(redis, 1000),
      rules: RULES,
      timeoutMs: 1000,
      trustedIpHeader: true,
    }),
  };
  const memoryStore = createMemoryStore();
  const memory: Backend = {
    store: memoryStore,
    limiter: createRateLimiter({
      limiters: memoryLimiters(memoryStore),
      rules: RULES,
      timeoutMs: 1000,
      trustedIpHeader: true,
    }),
  };

  Object.assign(traffic, { requests: 0, commands: 0 });
  await signIn(-1, upstash); // cold: Redis has not seen the rate-limit scripts yet
  const cold = { ...traffic };

  console.log(`Store work per simulated sign-in, N=${N}: Upstash client -> REST bridge -> redis-server`);
  console.log('backend  mode           p50 ms   p99 ms   HTTP/op  cmds sent/op  Redis executed/op');
  const p50: Record<string, number> = {};
  const rows = [
    ['upstash', upstash, 1],
    ['upstash', upstash, CONCURRENCY],
    ['memory', memory, 1],
    ['memory', memory, CONCURRENCY],
  ] as const;
  for (const [index, [name, backend, concurrency]] of rows.entries()) {
    Object.assign(traffic, { requests: 0, commands: 0 });
    const before = await executed();
    const sorted = await measure(backend, concurrency, index * N);
    const redisCommands = (await executed()) - before - 1; // minus the first INFO
    const mode = concurrency === 1 ? 'sequential' : `${concurrency} in flight`;
    p50[`${name} ${mode}`] = percentile(sorted, 0.5);
    const measured = [traffic.requests / N, traffic.commands / N, redisCommands / N];
    const counts =
      name === 'memory' ? '       -             -                  -' : measured.map(fmt).join('      ');
    console.log(
      `${name.padEnd(8)} ${mode.padEnd(13)} ${fmt(percentile(sorted, 0.5))} ${fmt(percentile(sorted, 0.99))}  ${counts}`,
    );
  }
  console.log(
    `\nCold first sign-in (script cache empty): ${cold.requests} HTTP requests, ${cold.commands} commands sent.`,
  );
  console.log(
    'Steady state: 4 HTTP requests per sign-in = limit checks (address + IP, one pipeline), SET NX,',
  );
  console.log(
    'callback limit, GETDEL. "Redis executed" counts the commands inside the rate-limit Lua scripts too.',
  );
  const ratio = (key: string) => (p50[`upstash ${key}`]! / p50[`memory ${key}`]!).toFixed(1);
  console.log(
    `p50 ratio upstash/memory: ${ratio('sequential')}x sequential, ${ratio(`${CONCURRENCY} in flight`)}x with ${CONCURRENCY} in flight`,
  );
} finally {
  direct.disconnect();
  await local.stop();
}
