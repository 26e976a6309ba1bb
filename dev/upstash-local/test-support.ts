// Shared setup for the upstash-local Vitest suites (not a test file itself).
import { Redis } from '@upstash/redis';
import { afterAll, beforeAll } from 'vitest';
import { startUpstashLocal, type UpstashLocal, type UpstashLocalOptions } from './index.ts';

export interface UpstashTestContext {
  /** redis-server plus the REST bridge, on free ports. */
  readonly local: UpstashLocal;
  /** What lib/store uses: strings come back untouched (no automatic deserialization). */
  readonly raw: Redis;
}

/**
 * Registers the suite's hooks: start upstash-local and a raw @upstash/redis client before all tests,
 * stop it after all. Returns a stable handle whose fields are valid inside tests and later hooks.
 */
export function setupUpstashLocal(options: UpstashLocalOptions = {}): UpstashTestContext {
  let local: UpstashLocal | undefined;
  let raw: Redis | undefined;
  const running = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('upstash-local is not running (used outside its beforeAll/afterAll?)');
    return value;
  };
  beforeAll(async () => {
    local = await startUpstashLocal(options);
    raw = new Redis({
      url: local.url,
      token: local.token,
      automaticDeserialization: false,
      enableTelemetry: false,
    });
  });
  afterAll(async () => {
    await local?.stop();
  });
  return {
    get local() {
      return running(local);
    },
    get raw() {
      return running(raw);
    },
  };
}
