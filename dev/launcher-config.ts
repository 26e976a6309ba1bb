// Small, testable pieces of the local launcher (dev/run-local.ts): which WorkOS and which store a
// run uses, in words that never include a secret, and one clear sentence for a port in use.
import { createServer } from 'node:net';

type Env = Record<string, string | undefined>;

/** Which WorkOS the app will talk to, without the key (at most its sk_test_/sk_live_ kind). */
export function describeWorkos(env: Env, emulatorUrl?: string): string {
  if (emulatorUrl) return `WorkOS emulator at ${emulatorUrl} (no WORKOS_API_KEY set)`;
  const host = env.WORKOS_API_HOSTNAME ?? 'api.workos.com';
  const port = env.WORKOS_API_PORT ? `:${env.WORKOS_API_PORT}` : '';
  const kind = /^sk_(test|live)_/.exec(env.WORKOS_API_KEY ?? '')?.[0] ?? 'sk_';
  return `WorkOS at ${host}${port} (key ${kind}…, client ${env.WORKOS_CLIENT_ID ?? 'unset'})`;
}

/** Which store the app will use: Upstash (UPSTASH_* or Vercel's KV_REST_API_*) or memory. */
export function describeStore(env: Env): string {
  const url = env.UPSTASH_REDIS_REST_URL || env.KV_REST_API_URL;
  if (!url) return 'in memory (this process only)';
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // shown as given; lib/env.ts reports it as invalid
  }
  return `Upstash at ${host}`;
}

/** The one sentence for a port that is taken, naming the variable that moves it. */
export function portInUseMessage(port: number, variable: string, command = 'npm run dev'): string {
  return `Port ${port} is already in use: set ${variable} to another port (e.g. ${variable}=${port + 1} ${command}).`;
}

/** True when `error` is a listen failure because the port is taken. */
export function isAddressInUse(error: unknown): error is Error & { port?: number } {
  return error instanceof Error && (error as { code?: string }).code === 'EADDRINUSE';
}

/** Resolves when nothing listens on `port` (tries to listen on it for a moment, as Next will). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error) => (isAddressInUse(error) ? resolve(false) : reject(error)));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}
