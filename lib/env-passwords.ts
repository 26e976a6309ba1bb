import { z } from 'zod';
import { ConfigError } from './config-error.ts';

/** The iron-session password map from SESSION_PASSWORD (a string or a JSON map of ids). */
export function parsePasswords(value: string | undefined, production: boolean): Record<string, string> {
  if (!value) {
    if (production) throw new ConfigError('SESSION_PASSWORD is required in production (32+ characters).');
    return { '1': devPassword() };
  }
  let map: Record<string, string> = { '1': value };
  if (value.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new ConfigError('SESSION_PASSWORD looks like JSON but does not parse.');
    }
    const result = z.record(z.string().regex(/^\d+$/), z.string()).safeParse(parsed);
    if (!result.success || Object.keys(result.data).length === 0)
      throw new ConfigError('SESSION_PASSWORD as JSON must map numeric ids to passwords: {"2":"…","1":"…"}.');
    map = result.data;
  }
  for (const [id, password] of Object.entries(map)) {
    const name = value.startsWith('{') ? `SESSION_PASSWORD (id ${id})` : 'SESSION_PASSWORD';
    if (password.length < 32) throw new ConfigError(`${name} must be at least 32 characters long.`);
    if (isWeak(password))
      throw new ConfigError(
        `${name} is too weak (fewer than 10 distinct characters): generate one with \`openssl rand -base64 32\`.`,
      );
  }
  return map;
}

/**
 * A long but guessable secret: fewer than 10 distinct characters (`aaaa…`, `12341234…`).
 * 32 random base64 characters have about 25 distinct ones.
 */
function isWeak(password: string): boolean {
  return new Set(password).size < 10;
}

/** A per-process development secret, announced once. `npm run dev` passes its own to every worker. */
function devPassword(): string {
  const holder = globalThis as { __devSessionPassword?: string };
  if (!holder.__devSessionPassword) {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    holder.__devSessionPassword = btoa(String.fromCharCode(...bytes));
    console.warn(
      '[env] SESSION_PASSWORD is not set: generated a random one for this run (sessions end on restart).',
    );
  }
  return holder.__devSessionPassword;
}
