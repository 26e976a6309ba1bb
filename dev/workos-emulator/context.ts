import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultList } from './faults.ts';
import type { Params } from './http.ts';
import type { Inbox } from './inbox.ts';
import type { EmulatorOptions } from './options.ts';
import type { RequestLog } from './request-log.ts';
import type { Seed, SeedConnection } from './seed.ts';
import type { Store } from './store.ts';

/** Shared state of one running emulator. */
export interface Emulator {
  options: EmulatorOptions;
  seed: Seed;
  /** Base URL of the links, without a trailing slash. */
  publicUrl: string;
  store: Store;
  inbox: Inbox;
  faults: FaultList;
  requests: RequestLog;
  /** HS256 key for Magic Auth access tokens; random per run. */
  jwtSecret: Buffer;
  /** Aborted by close(), to cut injected delays short. */
  signal: AbortSignal;
  now(): number;
}

export interface RouteContext {
  emu: Emulator;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Decoded `:name` path segments. */
  params: Record<string, string>;
  /** Query string as an object (last value wins). */
  query: Record<string, string>;
  /** Parsed JSON or form body; {} when empty. */
  body: Params;
}

export interface Route {
  method: string;
  /** Path pattern with `:name` segments. */
  path: string;
  /** `api_key`: requires `Authorization: Bearer <apiKey>`. */
  auth: 'api_key' | 'none';
  /** Error shape for an unparsable body. */
  bodyErrors?: 'oauth' | 'default';
  handle(ctx: RouteContext): void | Promise<void>;
}

/** Looks up a seeded connection by id. */
export function findConnection(emu: Emulator, id: string): SeedConnection | undefined {
  return emu.seed.connections.find((c) => c.id === id);
}
