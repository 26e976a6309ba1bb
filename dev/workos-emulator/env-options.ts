// Emulator options from the environment, shared by the CLI (main.ts) and the app launcher
// (dev/run-local.ts), so every WORKOS_EMULATOR_* variable works the same in both.
import type { EmulatorOptions } from './options.ts';

type Env = Record<string, string | undefined>;

function intFromEnv(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return n;
}

function listFromEnv(env: Env, name: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function booleanFromEnv(env: Env, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new Error(`${name} must be on or off, got '${env[name]}'`);
}

/** Emulator options from WORKOS_EMULATOR_* variables (unset ones keep the defaults). */
export function emulatorOptionsFromEnv(env: Env): Partial<EmulatorOptions> {
  return {
    host: env.WORKOS_EMULATOR_HOST || undefined,
    port: intFromEnv(env, 'WORKOS_EMULATOR_PORT'),
    smtpPort: intFromEnv(env, 'WORKOS_EMULATOR_SMTP_PORT'),
    apiKey: env.WORKOS_EMULATOR_API_KEY || undefined,
    clientId: env.WORKOS_EMULATOR_CLIENT_ID || undefined,
    redirectUris: listFromEnv(env, 'WORKOS_EMULATOR_REDIRECT_URIS'),
    defaultRedirectUri: env.WORKOS_EMULATOR_DEFAULT_REDIRECT_URI || undefined,
    publicUrl: env.WORKOS_EMULATOR_PUBLIC_URL || undefined,
    seedFile: env.WORKOS_EMULATOR_SEED || undefined,
    sessionExpiresIn: intFromEnv(env, 'WORKOS_EMULATOR_SESSION_EXPIRES_IN'),
    emailMagicAuthCodes: booleanFromEnv(env, 'WORKOS_EMULATOR_MAGIC_AUTH_EMAILS'),
  };
}
