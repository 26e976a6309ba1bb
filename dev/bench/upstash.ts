// The Upstash store of `npm run bench:http`: redis-server and the local REST bridge in a child
// process, with the bridge's counters (HTTP requests = store round trips, Redis commands) read
// over IPC around the requests being counted.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BridgeStats } from '../upstash-local/index.ts';
import { stopChild, track } from './processes.ts';

export type LocalUpstash = {
  url: string;
  token: string;
  /** Zeroes the counters (and returns what they held). */
  reset(): Promise<BridgeStats>;
  stats(): Promise<BridgeStats>;
  stop(): Promise<void>;
};

type Reply = { id?: number; stats?: BridgeStats; ready?: { url: string; token: string }; failed?: string };

export async function startLocalUpstash(): Promise<LocalUpstash> {
  const child = track(
    fork(fileURLToPath(new URL('./upstash-process.ts', import.meta.url)), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      detached: true, // its own process group, with redis-server in it
    }),
  );
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Upstash bridge process exited (${code})`)));
    child.on('message', (reply: Reply) => {
      if (reply.ready) resolve(reply.ready);
      if (reply.failed)
        reject(new Error(`redis-server and the Upstash bridge could not start: ${reply.failed}`));
    });
  });
  let nextId = 0;
  const ask = (op: 'stats' | 'reset') =>
    new Promise<BridgeStats>((resolve) => {
      const id = ++nextId;
      const listener = (reply: Reply) => {
        if (reply.id !== id || !reply.stats) return;
        child.off('message', listener);
        resolve(reply.stats);
      };
      child.on('message', listener);
      child.send({ id, op });
    });
  return {
    ...ready,
    reset: () => ask('reset'),
    stats: () => ask('stats'),
    stop: () => stopChild(child),
  };
}
