// `npm run dev` / `npm run start:local`: the app on its embedded defaults. With no WORKOS_API_KEY
// it starts the local WorkOS emulator (API, inbox, SMTP sink) and points the real SDK at it
// through configuration only; everything else in the environment passes through to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { emulatorOptionsFromEnv } from './workos-emulator/env-options.ts';
import { startEmulator } from './workos-emulator/index.ts';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const env: NodeJS.ProcessEnv = { ...process.env };
const port = env.PORT ?? '3000';
env.PORT = port;
env.APP_URL ??= `http://localhost:${port}`;

if (mode === 'start' && !existsSync('.next/BUILD_ID')) {
  console.log('No production build yet: running `next build` first.');
  const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

if (!env.SESSION_PASSWORD) {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  env.SESSION_PASSWORD = Buffer.from(bytes).toString('base64url');
  console.log('SESSION_PASSWORD is not set: generated one for this run (sessions end when it stops).');
}

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
if (!env.WORKOS_API_KEY) {
  emulator = await startEmulator({
    ...emulatorOptionsFromEnv(env),
    log: env.WORKOS_EMULATOR_QUIET ? undefined : (line: string) => console.log(`[workos-emulator] ${line}`),
  });
  Object.assign(env, {
    WORKOS_API_KEY: emulator.apiKey,
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_HOSTNAME: new URL(emulator.url).hostname,
    WORKOS_API_PORT: String(emulator.port),
    WORKOS_API_HTTPS: 'false',
  });
  if (env.EMAIL_DELIVERY === 'smtp') env.SMTP_URL ??= `smtp://127.0.0.1:${emulator.smtpPort}`;
}
// A production build on this machine may use the emulator and the memory store; never on Vercel.
if (mode === 'start') env.ALLOW_LOCAL_SERVICES ??= 'true';

const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port], {
  env,
  stdio: 'inherit',
});

console.log(`\n  App:    ${env.APP_URL}`);
if (emulator)
  console.log(`  Inbox:  ${emulator.url}/_emulator/inbox  (every email the app sends lands here)`);
console.log(
  `  Store:  ${env.UPSTASH_REDIS_REST_URL ? `Upstash at ${env.UPSTASH_REDIS_REST_URL}` : 'in memory'}\n`,
);

async function stop(code: number) {
  if (next.exitCode === null) next.kill('SIGTERM');
  await emulator?.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));
next.on('exit', (code) => void stop(code ?? 1));
