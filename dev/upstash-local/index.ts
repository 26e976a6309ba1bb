// Local Upstash: a real redis-server plus the REST bridge in front of it (development and tests only;
// the app never imports this, it only sees UPSTASH_REDIS_REST_URL / UPSTASH_REDIS_REST_TOKEN).
import { startBridge, type Bridge } from './bridge.ts';
import { startRedis, type RedisServer } from './redis.ts';

export { freePort, type RedisServer } from './redis.ts';
export type { Bridge, BridgeStats } from './bridge.ts';

/** What startUpstashLocal() started; `redis` can be stopped, restarted or paused mid-test. */
export type UpstashLocal = {
  readonly url: string;
  readonly token: string;
  readonly redisPort: number;
  readonly bridgePort: number;
  readonly redis: RedisServer;
  readonly bridge: Bridge;
  /** Stops the bridge and redis-server. */
  stop(): Promise<void>;
};

/** Ports and token; a port of 0 (the default) picks a free one. */
export type UpstashLocalOptions = { redisPort?: number; bridgePort?: number; token?: string };

/** Starts redis-server and the Upstash REST bridge; resolves when both answer. */
export async function startUpstashLocal(options: UpstashLocalOptions = {}): Promise<UpstashLocal> {
  const token = options.token ?? 'local';
  const redis = await startRedis(options.redisPort ?? 0);
  let bridge: Bridge;
  try {
    bridge = await startBridge({ redisPort: redis.port, port: options.bridgePort ?? 0, token });
  } catch (error) {
    await redis.stop();
    throw error;
  }
  return {
    url: bridge.url,
    token,
    redisPort: redis.port,
    bridgePort: bridge.port,
    redis,
    bridge,
    stop: async () => {
      await bridge.stop();
      await redis.stop();
    },
  };
}
