// One `next start` of a build for `npm run bench:http`, configured the way `npm run start:local`
// and the e2e servers are (production build, local stand-ins allowed), but hermetic: nothing from
// the shell's environment or a .env file reaches it.
import { openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { baseEnv } from './copies.ts';
import { serverRssKb, spawnTracked, stopChild, treeCpuMs } from './processes.ts';

export type Server = {
  /** APP_URL: http://localhost:<port>. */
  url: string;
  /** The `next start` process (its group holds next-server). */
  pid: number;
  /** VmRSS of next-server now, in KiB. */
  rssKb(): number;
  /** CPU time the server's process tree has used so far, in ms (user + system). */
  cpuMs(): number;
  stop(): Promise<void>;
};

export type ServerConfig = {
  dir: string;
  port: number;
  logFile: string;
  sessionPassword: string;
  emulator: { apiKey: string; clientId: string; port: number };
  /** Unset: the memory store. */
  upstash?: { url: string; token: string };
  /** Keeps the builds apart in one Redis database (rate-limit counters, attempts). */
  keyPrefix: string;
};

const tail = (file: string) => readFileSync(file, 'utf8').trim().split('\n').slice(-20).join('\n');

/** Starts `next start` in `config.dir` and resolves once it answers /login. */
export async function startServer(config: ServerConfig): Promise<Server> {
  const url = `http://localhost:${config.port}`;
  const env = baseEnv({
    PORT: String(config.port),
    APP_URL: url,
    SESSION_PASSWORD: config.sessionPassword,
    ALLOW_LOCAL_SERVICES: 'true',
    WORKOS_API_KEY: config.emulator.apiKey,
    WORKOS_CLIENT_ID: config.emulator.clientId,
    WORKOS_API_HOSTNAME: '127.0.0.1',
    WORKOS_API_PORT: String(config.emulator.port),
    WORKOS_API_HTTPS: 'false',
    // As behind a proxy that sets it (Vercel): the sign-in then does its per-IP limit checks too.
    CLIENT_IP_HEADER: 'x-real-ip',
    STORE_KEY_PREFIX: config.keyPrefix,
    ...(config.upstash
      ? { UPSTASH_REDIS_REST_URL: config.upstash.url, UPSTASH_REDIS_REST_TOKEN: config.upstash.token }
      : {}),
  });
  const out = openSync(config.logFile, 'w');
  const child = spawnTracked(
    process.execPath,
    ['node_modules/next/dist/bin/next', 'start', '-p', String(config.port)],
    { cwd: config.dir, env, stdio: ['ignore', out, out] },
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(
        `next start in ${config.dir} exited (${child.exitCode ?? child.signalCode}):\n${tail(config.logFile)}`,
      );
    const answered = await fetch(`${url}/login`, { redirect: 'manual', signal: AbortSignal.timeout(5000) })
      .then((response) => response.status)
      .catch(() => 0);
    if (answered > 0 && answered < 500) break;
    if (Date.now() > deadline)
      throw new Error(
        `next start on port ${config.port} did not answer /login within 60 s:\n${tail(config.logFile)}`,
      );
    await sleep(200);
  }
  return {
    url,
    pid: child.pid!,
    rssKb: () => serverRssKb(child.pid!),
    cpuMs: () => treeCpuMs(child.pid!),
    stop: () => stopChild(child),
  };
}
