// `npm run upstash:local`: redis-server plus the Upstash REST bridge in the foreground.
// Environment: REDIS_PORT (6390), UPSTASH_LOCAL_PORT (8079), UPSTASH_REDIS_REST_TOKEN (local),
// REDIS_SERVER_BIN (redis-server from PATH).
import { isPortFree, portInUseMessage } from '../launcher-config.ts';
import { startUpstashLocal } from './index.ts';

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be a TCP port`);
  return value;
};

const redisPort = port('REDIS_PORT', 6390);
const bridgePort = port('UPSTASH_LOCAL_PORT', 8079);
for (const [value, name] of [
  [redisPort, 'REDIS_PORT'],
  [bridgePort, 'UPSTASH_LOCAL_PORT'],
] as const) {
  if (value !== 0 && !(await isPortFree(value))) {
    console.error(portInUseMessage(value, name, 'npm run upstash:local'));
    process.exit(1);
  }
}

try {
  const local = await startUpstashLocal({
    redisPort,
    bridgePort,
    token: process.env.UPSTASH_REDIS_REST_TOKEN || 'local',
  });
  console.log(`redis-server on 127.0.0.1:${local.redisPort}, Upstash REST bridge on ${local.url}`);
  console.log('Point the app at it with:\n');
  console.log(`UPSTASH_REDIS_REST_URL=${local.url}`);
  console.log(`UPSTASH_REDIS_REST_TOKEN=${local.token}\n`);
  console.log('Ctrl+C stops both.');

  const stop = (code: number) => () => void local.stop().finally(() => process.exit(code));
  process.once('SIGINT', stop(130));
  process.once('SIGTERM', stop(143));
} catch (error) {
  console.error(`upstash-local could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
