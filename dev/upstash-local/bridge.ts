// An Upstash-REST-compatible HTTP server in front of a real redis-server, so the real
// @upstash/redis and @upstash/ratelimit clients run unchanged in development and tests.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis, ReplyError } from 'ioredis';
import { CommandError, createScriptRewriter, encodeReply, parseCommand, parseCommands } from './protocol.ts';

/** Traffic counters: HTTP requests answered and commands sent on to Redis. */
export type BridgeStats = { requests: number; commands: number };

/** A running bridge. */
export type Bridge = {
  readonly url: string;
  readonly port: number;
  stats(): BridgeStats;
  resetStats(): void;
  stop(): Promise<void>;
};

/** Where the bridge listens, which Redis it forwards to, and the bearer token it requires. */
export type BridgeOptions = { redisPort: number; token: string; port?: number };

type Answer = { status: number; body: unknown };
type Item = { result: unknown } | { error: string };

const MAX_BODY_BYTES = 1024 * 1024;

/** Thrown for requests answered with a fixed HTTP status before anything reaches Redis. */
class HttpError extends Error {
  status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'ERR request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'ERR failed to parse command');
  }
}

/** Redis said no (wrong type, syntax, NOSCRIPT...): the client's fault, 400 as on Upstash. */
const isReplyError = (error: unknown): error is Error => error instanceof ReplyError;

function toAnswer(error: unknown): Answer {
  if (error instanceof HttpError) return { status: error.status, body: { error: error.message } };
  if (error instanceof CommandError || isReplyError(error))
    return { status: 400, body: { error: error.message } };
  // Connection refused or dropped: Redis is down. The client must see a failure, not a result.
  const message = error instanceof Error ? error.message : String(error);
  return { status: 503, body: { error: `ERR redis unavailable: ${message}` } };
}

/** Starts the bridge on 127.0.0.1:`port` (0 picks a free port) and connects it to Redis. */
export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const redis = new Redis({
    host: '127.0.0.1',
    port: options.redisPort,
    protocol: 2, // Upstash answers with RESP2 shapes (scores as strings, HGETALL as a flat array)
    lazyConnect: true,
    // Fail fast while Redis is down instead of queueing: clients must see the outage at once.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: () => 50, // keep reconnecting: tests stop and restart redis-server
    connectTimeout: 1000,
  });
  redis.on('error', () => {}); // each request reports its own failure; reconnects are expected
  await redis.connect();

  const scripts = createScriptRewriter();
  const stats: BridgeStats = { requests: 0, commands: 0 };
  const expected = digest(`Bearer ${options.token}`);

  async function runOne(command: string[], base64: boolean): Promise<Answer> {
    const { args, mapReply } = scripts.rewrite(command);
    const [name = '', ...rest] = args;
    stats.commands += 1;
    const reply: unknown = await redis.callBuffer(name, ...rest);
    return { status: 200, body: { result: encodeReply(mapReply ? mapReply(reply) : reply, base64) } };
  }

  async function runMany(commands: string[][], base64: boolean, transaction: boolean): Promise<Answer> {
    const batch = transaction ? redis.multi() : redis.pipeline();
    const mappers = commands.map((command) => {
      const { args, mapReply } = scripts.rewrite(command);
      const [name = '', ...rest] = args;
      batch.callBuffer(name, ...rest);
      return mapReply;
    });
    stats.commands += commands.length;
    // A queue-time error aborts a transaction (EXECABORT): exec() rejects with a ReplyError.
    const results = (await batch.exec()) ?? [];
    const failure = results.map(([error]) => error).find((error) => error && !isReplyError(error));
    if (failure) throw failure;
    const items: Item[] = results.map(([error, reply], i) => {
      if (error) return { error: error.message };
      const mapReply = mappers[i];
      return { result: encodeReply(mapReply ? mapReply(reply) : reply, base64) };
    });
    return { status: 200, body: items };
  }

  async function handle(req: IncomingMessage): Promise<Answer> {
    if (req.method !== 'POST') throw new HttpError(405, 'ERR only POST is supported');
    const given = digest(req.headers.authorization ?? '');
    if (!timingSafeEqual(given, expected)) throw new HttpError(401, 'Unauthorized');
    stats.requests += 1;
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    const base64 = req.headers['upstash-encoding'] === 'base64';
    const body = await readJson(req);
    if (path === '/') return runOne(parseCommand(body), base64);
    if (path === '/pipeline') return runMany(parseCommands(body), base64, false);
    if (path === '/multi-exec') return runMany(parseCommands(body), base64, true);
    throw new HttpError(404, 'ERR upstash-local serves only POST /, /pipeline and /multi-exec');
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void handle(req)
      .catch(toAnswer)
      .then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => {
      redis.disconnect();
      reject(error);
    });
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats: () => ({ ...stats }),
    resetStats: () => Object.assign(stats, { requests: 0, commands: 0 }),
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
