import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './context.ts';
import { FaultList } from './faults.ts';
import { Inbox } from './inbox.ts';
import { reachableHost, resolveOptions, type EmulatorOptions, type ResolvedOptions } from './options.ts';
import { RequestLog } from './request-log.ts';
import { createHttpServer } from './server.ts';
import { startSmtpSink } from './smtp-sink.ts';
import { Store } from './store.ts';

export type { EmulatorOptions } from './options.ts';
export type { InboxMessage } from './inbox.ts';
export type { LoggedRequest } from './request-log.ts';
export * from './seed.ts';

export interface RunningEmulator {
  /** Base URL of the API as bound (e.g. http://127.0.0.1:4010). */
  url: string;
  port: number;
  smtpPort: number;
  apiKey: string;
  clientId: string;
  /** Base URL of the magic links (WORKOS_EMULATOR_PUBLIC_URL or http://localhost:<port>). */
  publicUrl: string;
  /** The dev inbox page. */
  inboxUrl: string;
  /** Stops both servers, dropping open connections. */
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeHttp(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets (fetch, the SDK, browsers) would otherwise hold close() open.
    server.closeAllConnections();
  });
}

function createState(options: ResolvedOptions, signal: AbortSignal): Emulator {
  return {
    options,
    seed: options.seed,
    publicUrl: '',
    store: new Store(),
    inbox: new Inbox(),
    faults: new FaultList(),
    requests: new RequestLog(),
    jwtSecret: randomBytes(32),
    signal,
    now: () => Date.now(),
  };
}

/** Starts the WorkOS emulator (HTTP API + SMTP sink); port 0 picks free ports. */
export async function startEmulator(options: Partial<EmulatorOptions> = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const abort = new AbortController();
  const emu = createState(resolved, abort.signal);
  const http = createHttpServer(emu);
  const port = await listen(http, resolved.port, resolved.host);
  emu.publicUrl = (resolved.publicUrl ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const smtp = await startSmtpSink(emu.inbox, resolved.host, resolved.smtpPort, resolved.log).catch(
    async (error: unknown) => {
      await closeHttp(http);
      throw error;
    },
  );
  let closing: Promise<void> | undefined;
  return {
    url: `http://${reachableHost(resolved.host)}:${port}`,
    port,
    smtpPort: smtp.port,
    apiKey: resolved.apiKey,
    clientId: resolved.clientId,
    publicUrl: emu.publicUrl,
    inboxUrl: `${emu.publicUrl}/_emulator/inbox`,
    close: () => {
      // Cut injected delays short, then free both ports.
      abort.abort();
      closing ??= Promise.all([closeHttp(http), smtp.close()]).then(() => undefined);
      return closing;
    },
  };
}
