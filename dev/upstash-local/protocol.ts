// The Upstash REST wire format, as @upstash/redis 1.39 speaks it (read from its source and tested in bridge.test.ts):
// a command is a JSON array, replies are {"result"} / {"error"}, and with `Upstash-Encoding: base64`
// every string in a reply, at any depth, is base64 of its bytes.
import { createHash } from 'node:crypto';

/** A request the bridge refuses before it reaches Redis (answered with HTTP 400). */
export class CommandError extends Error {
  override name = 'CommandError';
}

// Commands that change the state of the one shared connection, block it, or take it over.
const REFUSED = new Set([
  ...['MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH', 'SELECT', 'SWAPDB', 'QUIT', 'RESET', 'HELLO', 'AUTH'],
  ...['CLIENT', 'MONITOR', 'SYNC', 'PSYNC', 'SHUTDOWN', 'DEBUG', 'WAIT', 'WAITAOF'],
  ...['SUBSCRIBE', 'PSUBSCRIBE', 'SSUBSCRIBE', 'UNSUBSCRIBE', 'PUNSUBSCRIBE', 'SUNSUBSCRIBE'],
  ...[
    'BLPOP',
    'BRPOP',
    'BRPOPLPUSH',
    'BLMOVE',
    'BLMPOP',
    'BZPOPMIN',
    'BZPOPMAX',
    'BZMPOP',
    'XREAD',
    'XREADGROUP',
  ],
]);

/** Checks one command (`["SET", "k", 1]`) and turns every argument into a string, as Upstash does. */
export function parseCommand(raw: unknown): string[] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new CommandError('ERR command must be a non-empty array');
  const args = raw.map((arg: unknown) => {
    if (typeof arg === 'string') return arg;
    if (typeof arg === 'number' || typeof arg === 'boolean') return String(arg);
    if (arg === null) return 'null';
    throw new CommandError('ERR command arguments must be strings or numbers');
  });
  const name = args[0]!.toUpperCase();
  if (REFUSED.has(name)) throw new CommandError(`ERR Command is not available: '${args[0]}'`);
  // ioredis applies reply transformers keyed by the lower-case name (HGETALL -> object, ZRANGE
  // WITHSCORES -> pairs); the upper-case name keeps Redis's raw reply, which is what Upstash returns.
  return [name, ...args.slice(1)];
}

/** Checks a pipeline or transaction body: a non-empty array of commands. */
export function parseCommands(raw: unknown): string[][] {
  if (!Array.isArray(raw) || raw.length === 0)
    throw new CommandError('ERR body must be an array of commands');
  return raw.map(parseCommand);
}

/** Encodes a raw ioredis reply (Buffers, numbers, null, nested arrays) for JSON. */
export function encodeReply(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return base64 ? value.toString('base64') : value.toString('utf8');
  if (typeof value === 'string') return base64 ? Buffer.from(value).toString('base64') : value;
  if (Array.isArray(value)) return value.map((item) => encodeReply(item, base64));
  if (value instanceof Error) return encodeReply(value.message, base64);
  return value ?? null;
}

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/**
 * Every @upstash/ratelimit script starts with `#!lua flags=allow-key-locking`, an Upstash-only flag
 * that Redis 7 rejects. Drops that flag (keeping line numbers) and returns the script unchanged otherwise.
 */
export function stripUpstashFlags(script: string): string {
  const shebang = /^#!lua[^\r\n]*/.exec(script)?.[0];
  const flags = shebang && /\sflags=(\S*)/.exec(shebang)?.[1];
  if (!shebang || flags === undefined || !flags.split(',').includes('allow-key-locking')) return script;
  const kept = flags.split(',').filter((flag) => flag && flag !== 'allow-key-locking');
  return (kept.length ? `#!lua flags=${kept.join(',')}` : '') + script.slice(shebang.length);
}

/** Rewrites script commands so clients keep using the SHA1 of the script they sent. */
export type ScriptRewriter = {
  /** The command to send to Redis, and how to map its reply back. */
  rewrite(args: string[]): { args: string[]; mapReply?: (reply: unknown) => unknown };
};

/** Remembers original SHA1 -> stripped SHA1 for EVALSHA, SCRIPT LOAD and SCRIPT EXISTS. */
export function createScriptRewriter(): ScriptRewriter {
  const shas = new Map<string, string>();
  const strip = (script: string) => {
    const stripped = stripUpstashFlags(script);
    if (stripped !== script && shas.size < 10_000) shas.set(sha1(script), sha1(stripped));
    return stripped;
  };
  const mapSha = (sha: string) => shas.get(sha.toLowerCase()) ?? sha;
  return {
    rewrite(args) {
      const [name, first, ...rest] = args;
      if (first === undefined) return { args };
      if (name === 'EVAL' || name === 'EVAL_RO') return { args: [name, strip(first), ...rest] };
      if (name === 'EVALSHA' || name === 'EVALSHA_RO') return { args: [name, mapSha(first), ...rest] };
      if (name !== 'SCRIPT') return { args };
      const sub = first.toUpperCase();
      if (sub === 'EXISTS') return { args: [name, first, ...rest.map(mapSha)] };
      if (sub === 'FLUSH') shas.clear();
      if (sub !== 'LOAD' || rest[0] === undefined) return { args };
      // Upstash answers SCRIPT LOAD with the SHA1 of the script as sent; later EVALSHA calls use it.
      const original = sha1(rest[0]);
      return { args: [name, first, strip(rest[0])], mapReply: () => original };
    },
  };
}
