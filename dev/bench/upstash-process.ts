// Forked by dev/bench/upstash.ts: redis-server plus the Upstash REST bridge (as `npm run
// upstash:local` runs them, in a process of their own), answering IPC questions about the
// bridge's traffic counters. It stops both when its parent goes away, however that happens.
import { startUpstashLocal } from '../upstash-local/index.ts';

const send = (message: unknown) => process.send?.(message);

try {
  const local = await startUpstashLocal({ token: 'bench' });
  const stop = () => void local.stop().finally(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('message', (message: { id: number; op: 'stats' | 'reset' }) => {
    if (message.op === 'reset') local.bridge.resetStats();
    send({ id: message.id, stats: local.bridge.stats() });
  });
  send({ ready: { url: local.url, token: local.token, redisPort: local.redisPort } });
} catch (error) {
  send({ failed: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}
