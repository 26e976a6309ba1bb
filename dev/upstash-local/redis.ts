// A throwaway redis-server for local development and tests: 127.0.0.1 only, no persistence.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';

/** A running (or stopped) redis-server child process on a fixed port. */
export type RedisServer = {
  readonly port: number;
  /** Starts it again on the same port after stop() (an empty database: nothing is persisted). */
  start(): Promise<void>;
  /** Terminates the process and waits for it to exit; connections drop at once. */
  stop(): Promise<void>;
  /** SIGSTOP: the port keeps accepting connections but nothing answers (a hung backend). */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
};

const READY_TIMEOUT_MS = 5000;

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not pick a free port'))));
    });
  });
}

/** True when a Redis server on `port` answers PING. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(250, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

function spawnRedis(port: number): ChildProcess {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  args.push('--dir', tmpdir(), '--daemonize', 'no', '--loglevel', 'warning');
  return spawn(process.env.REDIS_SERVER_BIN ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function waitUntilReady(child: ChildProcess, port: number): Promise<void> {
  let output = '';
  let spawnError: Error | undefined;
  child.once('error', (error) => (spawnError = error)); // e.g. ENOENT: redis-server is not installed
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError)
      throw new Error(
        `could not run redis-server (install it, e.g. apt-get install redis-server): ${spawnError.message}`,
      );
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`redis-server on port ${port} exited early: ${output.trim() || child.exitCode}`);
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server on port ${port} did not answer PING within ${READY_TIMEOUT_MS} ms`);
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Spawns `redis-server` from PATH on 127.0.0.1:`port` (0 picks a free port) and waits until it answers. */
export async function startRedis(port = 0): Promise<RedisServer> {
  const fixedPort = port || (await freePort());
  let child: ChildProcess | undefined;
  // A crashed test run must not leave an orphan redis-server holding the port.
  const killOnExit = () => child?.kill('SIGKILL');

  const start = async () => {
    if (child && child.exitCode === null && child.signalCode === null) return;
    child = spawnRedis(fixedPort);
    process.once('exit', killOnExit);
    await waitUntilReady(child, fixedPort);
  };
  const stop = async () => {
    if (!child) return;
    const current = child;
    current.kill('SIGCONT'); // a paused process would not handle SIGTERM
    current.kill('SIGTERM');
    const timer = setTimeout(() => current.kill('SIGKILL'), 2000);
    await waitForExit(current);
    clearTimeout(timer);
    process.removeListener('exit', killOnExit);
  };

  await start();
  return {
    port: fixedPort,
    start,
    stop,
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
  };
}
