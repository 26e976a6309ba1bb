// Shared helpers for the emulator's Vitest suites (not a test file itself).
import { WorkOS, type WorkOSOptions } from '@workos-inc/node';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startEmulator, type EmulatorOptions, type InboxMessage, type RunningEmulator } from './index.ts';
import { ResponseTap } from './response-tap.ts';

export const REDIRECT_URI = 'http://localhost:3000/api/auth/callback';

/**
 * Sees every API response of this test file's emulators: the SDK's (through `fetchFn`), `call`,
 * `fetch` and `openLink`. setupTestEmulator fails each test that saw one breaking the wire schemas.
 */
export const responseTap = new ResponseTap();

export interface TestEmulator {
  emulator: RunningEmulator;
  workos: WorkOS;
  /** JSON call to the emulator (control routes or raw API). */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  /** `fetch` through the response tap, for requests `call` cannot make (forms, query strings). */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  /** Another SDK client on this emulator (another key or client id), tapped like `workos`. */
  sdk(apiKey?: string, options?: WorkOSOptions): WorkOS;
  emails(to?: string): Promise<InboxMessage[]>;
}

/** Starts an emulator on ephemeral ports plus a real SDK client pointed at it (no retries). */
export async function startTestEmulator(options: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, smtpPort: 0, ...options });
  responseTap.watch(emulator.url);
  responseTap.watch(emulator.publicUrl);
  const sdk = (apiKey = emulator.apiKey, extra: WorkOSOptions = {}) =>
    new WorkOS(apiKey, {
      apiHostname: '127.0.0.1',
      port: emulator.port,
      https: false,
      clientId: emulator.clientId,
      maxRetries: 0,
      fetchFn: responseTap.fetch,
      ...extra,
    });
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    responseTap.fetch(`${emulator.url}${path}`, {
      method,
      headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
  const emails = async (to?: string) => {
    const res = await call('GET', `/_emulator/emails${to ? `?to=${encodeURIComponent(to)}` : ''}`);
    return (await res.json()) as InboxMessage[];
  };
  return { emulator, workos: sdk(), call, fetch: responseTap.fetch, sdk, emails };
}

export interface TestEmulatorSetup extends Partial<EmulatorOptions> {
  /** POST /_emulator/reset before each test. */
  reset?: boolean;
}

/**
 * Registers the suite's hooks: start an emulator before all tests (and reset it before each one
 * with `reset: true`), close it after all. Returns a stable handle that delegates to the running
 * emulator, usable from any test or helper in the file.
 */
export function setupTestEmulator({ reset = false, ...options }: TestEmulatorSetup = {}): TestEmulator {
  let current: TestEmulator | undefined;
  const running = () => {
    if (!current) throw new Error('The test emulator is not running (used outside its beforeAll/afterAll?)');
    return current;
  };
  beforeAll(async () => {
    current = await startTestEmulator(options);
  });
  afterAll(async () => {
    await current?.emulator.close();
  });
  afterEach(async () => {
    expect(await responseTap.takeViolations(), 'API responses that break wire-schemas.ts').toEqual([]);
  });
  if (reset) {
    beforeEach(async () => {
      await running().call('POST', '/_emulator/reset');
    });
  }
  return {
    get emulator() {
      return running().emulator;
    },
    get workos() {
      return running().workos;
    },
    call: (...args) => running().call(...args),
    fetch: (...args) => running().fetch(...args),
    sdk: (...args) => running().sdk(...args),
    emails: (to) => running().emails(to),
  };
}

/** The rejection of `promise`; fails the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('Expected the promise to reject, but it resolved');
}

/** Opens a magic link without following the redirect; returns the Location as a URL. */
export async function openLink(link: string): Promise<{ status: number; location: URL | undefined }> {
  const res = await responseTap.fetch(link, { redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  return { status: res.status, location: location ? new URL(location) : undefined };
}
