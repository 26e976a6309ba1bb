// Real local SMTP servers that fail in chosen ways, for tests of our own mail delivery.
import net, { type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A server listening on 127.0.0.1, with its smtp:// URL. */
export type TestServer = { url: string; close(): Promise<void> };

type Refusal = { at: 'MAIL FROM' | 'RCPT TO' | 'DATA'; reply: string; code: number };

function listen(server: net.Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve(`smtp://127.0.0.1:${(server.address() as AddressInfo).port}`),
    );
  });
}

const closeNet = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** An smtp-server that answers one command with `code reply` (e.g. 451 at RCPT TO). */
export async function refusingServer(refusal: Refusal): Promise<TestServer> {
  const fail = () => Object.assign(new Error(refusal.reply), { responseCode: refusal.code });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onMailFrom: (_a, _s, done) => done(refusal.at === 'MAIL FROM' ? fail() : null),
    onRcptTo: (_a, _s, done) => done(refusal.at === 'RCPT TO' ? fail() : null),
    onData: (stream, _s, done) => {
      stream.resume();
      stream.on('end', () => done(refusal.at === 'DATA' ? fail() : null));
    },
  });
  const url = await listen(server.server);
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A TCP server that greets with `greeting` and hangs up, or (greeting null) never says anything. */
export async function rawServer(greeting: string | null): Promise<TestServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (greeting !== null) socket.end(`${greeting}\r\n`);
  });
  const url = await listen(server);
  return {
    url,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return closeNet(server);
    },
  };
}

/** An smtp:// URL where nothing listens (a port that was free a moment ago). */
export async function refusedUrl(): Promise<string> {
  const server = net.createServer();
  const url = await listen(server);
  await closeNet(server);
  return url;
}
