import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmulator } from './index.ts';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const closeServer = (server: Server) => new Promise((resolve) => server.close(resolve));
const portOf = (server: Server) => (server.address() as AddressInfo).port;

describe('startEmulator / close', () => {
  it('frees both ports promptly even with open keep-alive and SMTP connections', async () => {
    const emulator = await startEmulator({ port: 0, smtpPort: 0 });
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    expect(emulator.publicUrl).toBe(`http://localhost:${emulator.port}`);
    expect(emulator.smtpPort).toBeGreaterThan(0);
    await (await fetch(`${emulator.url}/_emulator/health`)).json();
    const smtpClient = connect(emulator.smtpPort, '127.0.0.1');
    await new Promise((resolve) => smtpClient.once('data', resolve));
    const started = performance.now();
    await emulator.close();
    // Generous for loaded CI machines; without the fixes this waits for smtp-server's 30 s close timeout.
    expect(performance.now() - started).toBeLessThan(5000);
    smtpClient.destroy();
    for (const port of [emulator.port, emulator.smtpPort]) await closeServer(await listenOn(port));
  });

  it('cuts an injected delay short on close', async () => {
    const emulator = await startEmulator({ port: 0, smtpPort: 0 });
    await fetch(`${emulator.url}/_emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ path: '/connections', delayMs: 60_000 }),
    });
    const pending = fetch(`${emulator.url}/connections`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    await emulator.close();
    expect(await pending).toBeInstanceOf(Error);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('rejects when the SMTP port is taken, releasing the HTTP port', async () => {
    const blocker = await listenOn(0);
    const free = await listenOn(0);
    const httpPort = portOf(free);
    await closeServer(free);
    await expect(startEmulator({ port: httpPort, smtpPort: portOf(blocker) })).rejects.toThrow(/EADDRINUSE/);
    await closeServer(await listenOn(httpPort));
    await closeServer(blocker);
  });
});
