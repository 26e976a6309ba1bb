// CLI: `node dev/workos-emulator/main.ts` (npm run emulator). The only place that reads the environment.
import { startEmulator, type EmulatorOptions } from './index.ts';

function intFromEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

function listFromEnv(name: string): string[] | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Emulator options from WORKOS_EMULATOR_* variables (unset ones keep the defaults). */
function optionsFromEnv(): Partial<EmulatorOptions> {
  const env = process.env;
  return {
    host: env.WORKOS_EMULATOR_HOST || undefined,
    port: intFromEnv('WORKOS_EMULATOR_PORT'),
    smtpPort: intFromEnv('WORKOS_EMULATOR_SMTP_PORT'),
    apiKey: env.WORKOS_EMULATOR_API_KEY || undefined,
    clientId: env.WORKOS_EMULATOR_CLIENT_ID || undefined,
    redirectUris: listFromEnv('WORKOS_EMULATOR_REDIRECT_URIS'),
    publicUrl: env.WORKOS_EMULATOR_PUBLIC_URL || undefined,
    seedFile: env.WORKOS_EMULATOR_SEED || undefined,
    sessionExpiresIn: intFromEnv('WORKOS_EMULATOR_SESSION_EXPIRES_IN'),
    log: (line) => console.log(`[workos-emulator] ${line}`),
  };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(optionsFromEnv());
  console.log(`[workos-emulator] API      ${emulator.url}  (client ${emulator.clientId})`);
  console.log(`[workos-emulator] Inbox    ${emulator.inboxUrl}`);
  console.log(`[workos-emulator] SMTP     smtp://${new URL(emulator.url).hostname}:${emulator.smtpPort}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[workos-emulator] ${signal}: stopping`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `[workos-emulator] failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
