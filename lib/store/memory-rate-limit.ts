// The in-process twin of @upstash/ratelimit's slidingWindow, so `npm run dev` limits exactly as
// production does. Same approximation: the previous fixed window's count, weighted by how much of
// it still overlaps the sliding window, plus the current window's count; a denied request is not
// counted; a refund takes one off the current window (as a negative `rate` does there).
import { atomically, type MemoryStore } from './memory.ts';
import type { Limiter, LimitResponse } from './types.ts';

/** Where a limiter keeps its counters and how much it allows. */
export type MemoryLimiterOptions = { prefix: string; limit: number; windowSeconds: number };

type Counters = { window: number; current: number; previous: number };

function parse(raw: string | null): Counters | null {
  if (raw === null) return null;
  const value: unknown = JSON.parse(raw);
  if (typeof value !== 'object' || value === null) return null;
  const { window, current, previous } = value as Record<string, unknown>;
  if (typeof window !== 'number' || typeof current !== 'number' || typeof previous !== 'number') return null;
  return { window, current, previous };
}

/** The counters as of window number `window`: shifted along when a window (or more) has passed. */
function advance(stored: Counters | null, window: number): Counters {
  if (stored?.window === window) return stored;
  const previous = stored?.window === window - 1 ? stored.current : 0;
  return { window, current: 0, previous };
}

/** A sliding-window limiter on the memory store (one atomic update per request). */
export function createMemoryLimiter(store: MemoryStore, options: MemoryLimiterOptions): Limiter {
  const windowMs = options.windowSeconds * 1000;
  // Like @upstash/ratelimit: counters live for two windows (plus a second) after their last write.
  const ttlSeconds = options.windowSeconds * 2 + 1;
  const key = (identifier: string) => `${options.prefix}:${identifier}`;
  return {
    refund: (identifier) =>
      atomically(() =>
        store.update(key(identifier), ttlSeconds, (raw, now) => {
          const counters = advance(parse(raw), Math.floor(now / windowMs));
          return { value: JSON.stringify({ ...counters, current: counters.current - 1 }), result: undefined };
        }),
      ),
    limit: (identifier) =>
      atomically(() =>
        store.update<LimitResponse>(key(identifier), ttlSeconds, (raw, now) => {
          const window = Math.floor(now / windowMs);
          const counters = advance(parse(raw), window);
          const elapsed = (now % windowMs) / windowMs;
          const weightedPrevious = Math.floor((1 - elapsed) * counters.previous);
          const reset = (window + 1) * windowMs;
          if (weightedPrevious + counters.current >= options.limit)
            return { result: { success: false, reset } };
          const next = { ...counters, current: counters.current + 1 };
          return { value: JSON.stringify(next), result: { success: true, reset } };
        }),
      ),
  };
}
