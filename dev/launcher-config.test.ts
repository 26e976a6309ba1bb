import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStore, describeWorkos, isPortFree, portInUseMessage } from './launcher-config.ts';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

describe('describeWorkos', () => {
  it('names the emulator when it is used', () => {
    expect(describeWorkos({}, 'http://127.0.0.1:4010')).toBe(
      'WorkOS emulator at http://127.0.0.1:4010 (no WORKOS_API_KEY set)',
    );
  });

  it('names real WorkOS and the kind of key, never the key', () => {
    const text = describeWorkos({ WORKOS_API_KEY: 'sk_test_SECRETSECRET', WORKOS_CLIENT_ID: 'client_1' });
    expect(text).toBe('WorkOS at api.workos.com (key sk_test_…, client client_1)');
    expect(text).not.toContain('SECRET');
    expect(
      describeWorkos({
        WORKOS_API_KEY: 'sk_live_x',
        WORKOS_API_HOSTNAME: 'h.example',
        WORKOS_API_PORT: '8443',
      }),
    ).toContain('WorkOS at h.example:8443 (key sk_live_…');
  });
});

describe('describeStore', () => {
  it('names the host of Upstash (either variable name), never the token', () => {
    expect(
      describeStore({ UPSTASH_REDIS_REST_URL: 'https://eu1.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'tok' }),
    ).toBe('Upstash at eu1.upstash.io');
    expect(describeStore({ KV_REST_API_URL: 'https://kv.upstash.io' })).toBe('Upstash at kv.upstash.io');
    expect(describeStore({})).toBe('in memory (this process only)');
  });
});

describe('ports', () => {
  it('says in one sentence which variable moves a taken port', () => {
    expect(portInUseMessage(3000, 'PORT')).toBe(
      'Port 3000 is already in use: set PORT to another port (e.g. PORT=3001 npm run dev).',
    );
  });

  it('sees a port that something listens on', async () => {
    server = createServer();
    const port = await new Promise<number>((resolve) =>
      server?.listen(0, () => resolve((server?.address() as { port: number }).port)),
    );
    expect(await isPortFree(port)).toBe(false);
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = undefined;
    expect(await isPortFree(port)).toBe(true);
  });
});
