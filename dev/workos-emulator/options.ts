import { resolveDefaultRedirectUri } from './redirect-uris.ts';
import { DEFAULT_SEED, loadSeedFile, type Seed } from './seed.ts';

export interface EmulatorOptions {
  /** Interface both servers bind to. */
  host: string;
  /** HTTP port for the API, the magic links and /_emulator; 0 = ephemeral. */
  port: number;
  /** SMTP sink port; 0 = ephemeral. */
  smtpPort: number;
  /** The only accepted API key (also the OAuth client_secret). */
  apiKey: string;
  /** The only accepted client_id. */
  clientId: string;
  /** Allowed redirect URIs (exact, or prefix when ending in `*`); empty = any http(s) localhost origin. The first one is the default redirect URI. */
  redirectUris: string[];
  /**
   * Used when createSession has no `redirect_uri` (and for unknown link tokens). Default: the first
   * non-wildcard `redirectUris` entry, or http://localhost:3000/api/auth/callback with no list.
   */
  defaultRedirectUri: string | undefined;
  /** Base of the magic links; default `http://localhost:<port>`. */
  publicUrl: string | undefined;
  /** Seed data; overrides seedFile. */
  seed: Seed | undefined;
  /** Path of a JSON seed file (see README). */
  seedFile: string | undefined;
  /** Default passwordless session lifetime in seconds when the request has no `expires_in`. */
  sessionExpiresIn: number;
  /**
   * Whether createMagicAuth emails the code, as WorkOS does by default. `false` is the dashboard's
   * own-email-delivery setting: the app sends the code it gets back (EMAIL_DELIVERY=smtp).
   */
  emailMagicAuthCodes: boolean;
  /** One line per API request; default: silent. */
  log: (line: string) => void;
}

/** The defaults documented in README.md. */
export const DEFAULT_OPTIONS: EmulatorOptions = {
  host: '127.0.0.1',
  port: 4010,
  smtpPort: 4025,
  apiKey: 'sk_test_local',
  clientId: 'client_local',
  redirectUris: [],
  defaultRedirectUri: undefined,
  publicUrl: undefined,
  seed: undefined,
  seedFile: undefined,
  sessionExpiresIn: 900,
  emailMagicAuthCodes: true,
  log: () => {},
};

export type ResolvedOptions = EmulatorOptions & { seed: Seed };

/**
 * Options after defaults, with the seed loaded, the default redirect URI resolved (undefined only
 * when the list has only wildcards) and the public URL still open until the port is known.
 */
export function resolveOptions(partial: Partial<EmulatorOptions> = {}): ResolvedOptions {
  const defined = Object.fromEntries(Object.entries(partial).filter(([, v]) => v !== undefined));
  const options: EmulatorOptions = { ...DEFAULT_OPTIONS, ...defined };
  const seed = options.seed ?? (options.seedFile ? loadSeedFile(options.seedFile) : DEFAULT_SEED);
  if (!Number.isInteger(options.sessionExpiresIn) || options.sessionExpiresIn <= 0) {
    throw new Error('sessionExpiresIn must be a positive integer (seconds)');
  }
  const defaultRedirectUri = resolveDefaultRedirectUri(options.redirectUris, options.defaultRedirectUri);
  return { ...options, seed, defaultRedirectUri };
}

/** The URL people and SDKs use to reach a server bound to `host`. */
export function reachableHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}
