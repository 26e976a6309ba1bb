// `npm run dev` / `npm run start:local`: the app on its embedded defaults. It first reads .env,
// .env.local and .env.<mode>[.local] the way Next does (the shell's environment wins), so real
// keys there are used. With no WORKOS_API_KEY it starts the local WorkOS emulator (API, inbox,
// SMTP sink) and points the real SDK at it through configuration only; everything else in the
// environment passes through to the app.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import nextEnv from '@next/env';
import {
  describeStore,
  describeWorkos,
  isAddressInUse,
  isPortFree,
  portInUseMessage,
} from './launcher-config.ts';
import { emulatorOptionsFromEnv } from './workos-emulator/env-options.ts';
import { startEmulator } from './workos-emulator/index.ts';

const mode = process.argv[2] === 'start' ? 'start' : 'dev';
const command = mode === 'start' ? 'npm run start:local' : 'npm run dev';
const { loadedEnvFiles } = nextEnv.loadEnvConfig(process.cwd(), mode === 'dev', {
  info: () => {},
  error: console.error,
});
if (loadedEnvFiles.length > 0)
  console.log(`Read ${loadedEnvFiles.map((file) => file.path).join(', ')} (the shell's variables win).`);
const env: NodeJS.ProcessEnv = { ...process.env };
const port = env.PORT ?? '3000';
env.PORT = port;
env.APP_URL ||= `http://localhost:${port}`;

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

/** Stops with one sentence (no stack trace). */
function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

if (!(await isPortFree(Number(port)))) fail(portInUseMessage(Number(port), 'PORT', command));

let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
if (!env.WORKOS_API_KEY) {
  const options = emulatorOptionsFromEnv(env);
  emulator = await startEmulator({
    ...options,
    // Like the WorkOS dashboard's default Redirect URI: where a link WorkOS does not know goes.
    defaultRedirectUri: options.defaultRedirectUri ?? `${env.APP_URL}/api/auth/callback`,
    // Like the dashboard setting own delivery needs: WorkOS then leaves emailing codes to the app.
    emailMagicAuthCodes: options.emailMagicAuthCodes ?? env.EMAIL_DELIVERY !== 'smtp',
    log: env.WORKOS_EMULATOR_QUIET ? undefined : (line: string) => console.log(`[workos-emulator] ${line}`),
  }).catch((error: unknown) => {
    if (!isAddressInUse(error)) throw error;
    // The API listens first (default 4010), then the SMTP sink (default 4025).
    const smtp = error.port !== undefined && error.port !== (options.port ?? 4010);
    return fail(
      portInUseMessage(error.port ?? 0, smtp ? 'WORKOS_EMULATOR_SMTP_PORT' : 'WORKOS_EMULATOR_PORT', command),
    );
  });
  Object.assign(env, {
    WORKOS_API_KEY: emulator.apiKey,
    WORKOS_CLIENT_ID: emulator.clientId,
    WORKOS_API_HOSTNAME: new URL(emulator.url).hostname,
    WORKOS_API_PORT: String(emulator.port),
    WORKOS_API_HTTPS: 'false',
  });
  if (env.EMAIL_DELIVERY === 'smtp') env.SMTP_URL ||= `smtp://127.0.0.1:${emulator.smtpPort}`;
}
// A production build on this machine may use the emulator and the memory store; never on Vercel.
if (mode === 'start') env.ALLOW_LOCAL_SERVICES ??= 'true';

const next = spawn(process.execPath, ['node_modules/next/dist/bin/next', mode, '-p', port], {
  env,
  stdio: 'inherit',
});

console.log(`\n  App:    ${env.APP_URL}`);
console.log(`  WorkOS: ${describeWorkos(env, emulator?.url)}`);
if (emulator)
  console.log(`  Inbox:  ${emulator.url}/_emulator/inbox  (every email the app sends lands here)`);
console.log(`  Store:  ${describeStore(env)}\n`);

async function stop(code: number) {
  if (next.exitCode === null) next.kill('SIGTERM');
  await emulator?.close();
  process.exit(code);
}

process.on('SIGINT', () => void stop(130));
process.on('SIGTERM', () => void stop(143));
next.on('exit', (code) => void stop(code ?? 1));
