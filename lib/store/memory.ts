// In-process store for `npm run dev` (one process; lost on restart). Each operation runs
// synchronously inside its promise, so no other call can interleave with it: that is what
// makes getAndDelete, ifAbsent and increment atomic here.
import { assertTtl, type Store } from './types.ts';

/** Decides the new value of a key from its current one (see MemoryStore.update). */
export type Update<T> = (current: string | null, now: number) => { value?: string; result: T };

/** The in-process store plus the one atomic read-modify-write step its rate limiter needs. */
export type MemoryStore = Store & {
  /** Reads `key`, calls `next`, and writes `value` (when given) with a fresh TTL, all in one step. */
  update<T>(key: string, ttlSeconds: number, next: Update<T>): T;
  /** Entries held, expired ones included until the next sweep. */
  readonly size: number;
};

/** A clock for tests, the entry cap, and how often expired entries are swept. */
export type MemoryStoreOptions = { now?: () => number; maxEntries?: number; sweepIntervalMs?: number };

type Entry = { value: string; expiresAt: number };

const INTEGER = /^-?\d{1,15}$/;

/** Runs `operation` synchronously (nothing can interleave) and reports like an async store: throws reject. */
export function atomically<T>(operation: () => T): Promise<T> {
  return new Promise((resolve) => resolve(operation()));
}

// A hash or list entry is its kind's tag and the JSON of its contents, so a plain string is never
// read as one (Redis's WRONGTYPE).
const tag = (kind: 'hash' | 'list', contents: unknown) => `\u0000${kind}:${JSON.stringify(contents)}`;

function decode<T>(entry: Entry | undefined, kind: 'hash' | 'list', empty: T): T {
  if (!entry) return empty;
  const prefix = `\u0000${kind}:`;
  if (!entry.value.startsWith(prefix))
    throw new Error('WRONGTYPE Operation against a key holding the wrong kind of value');
  return JSON.parse(entry.value.slice(prefix.length)) as T;
}

/** Creates an empty in-memory store. */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 100_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 10_000;
  const entries = new Map<string, Entry>();
  let nextSweepAt = 0;

  // Expiry is honoured on every read; sweeps only bound the memory held by keys nobody reads again.
  const read = (key: string, at: number): Entry | undefined => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= at) entries.delete(key);
    return entry && entry.expiresAt > at ? entry : undefined;
  };
  const sweep = (at: number) => {
    for (const [key, entry] of entries) if (entry.expiresAt <= at) entries.delete(key);
    nextSweepAt = at + sweepIntervalMs;
  };
  const write = (key: string, value: string, ttlSeconds: number, at: number) => {
    assertTtl(ttlSeconds);
    if (at >= nextSweepAt) sweep(at);
    if (!entries.has(key) && entries.size >= maxEntries) {
      sweep(at);
      // Evicting live entries would silently reset rate-limit counters: refuse instead (fail closed).
      if (entries.size >= maxEntries) throw new Error(`memory store is full (${maxEntries} live entries)`);
    }
    entries.set(key, { value, expiresAt: at + ttlSeconds * 1000 });
  };

  return {
    get: (key) => atomically(() => read(key, now())?.value ?? null),
    set: (key, value, ttlSeconds, opts) =>
      atomically(() => {
        const at = now();
        assertTtl(ttlSeconds);
        if (opts?.ifAbsent && read(key, at)) return false;
        write(key, value, ttlSeconds, at);
        return true;
      }),
    getAndDelete: (key) =>
      atomically(() => {
        const entry = read(key, now());
        entries.delete(key);
        return entry?.value ?? null;
      }),
    delete: (key) => atomically(() => void entries.delete(key)),
    increment: (key, ttlSeconds) =>
      atomically(() => {
        const at = now();
        assertTtl(ttlSeconds);
        const entry = read(key, at);
        if (!entry) {
          write(key, '1', ttlSeconds, at);
          return 1;
        }
        if (!INTEGER.test(entry.value)) throw new Error('ERR value is not an integer or out of range');
        const next = Number(entry.value) + 1;
        entry.value = String(next); // same entry: the TTL set at creation stands
        return next;
      }),
    getMany: (keys) => atomically(() => keys.map((key) => read(key, now())?.value ?? null)),
    // Hashes and lists are held as one JSON-encoded entry each: the whole value is rewritten per step.
    hashSet: (key, field, value, ttlSeconds) =>
      atomically(() => {
        const at = now();
        const fields = decode<Record<string, string>>(read(key, at), 'hash', {});
        fields[field] = value;
        write(key, tag('hash', fields), ttlSeconds, at);
        return Object.keys(fields).length;
      }),
    hashGetAll: (key) => atomically(() => decode<Record<string, string>>(read(key, now()), 'hash', {})),
    hashDelete: (key, removed) =>
      atomically(() => {
        const at = now();
        const entry = read(key, at);
        const fields = decode<Record<string, string>>(entry, 'hash', {});
        for (const field of removed) delete fields[field];
        if (!entry) return;
        if (Object.keys(fields).length === 0) entries.delete(key);
        else entry.value = tag('hash', fields); // same entry: its TTL stands, as with HDEL
      }),
    listPush: (key, value, maxLength, ttlSeconds) =>
      atomically(() => {
        const at = now();
        const items = [value, ...decode<string[]>(read(key, at), 'list', [])].slice(0, maxLength);
        write(key, tag('list', items), ttlSeconds, at);
      }),
    listRange: (key, count) =>
      atomically(() => decode<string[]>(read(key, now()), 'list', []).slice(0, count)),
    update(key, ttlSeconds, next) {
      const at = now();
      const { value, result } = next(read(key, at)?.value ?? null, at);
      if (value !== undefined) write(key, value, ttlSeconds, at);
      return result;
    },
    get size() {
      return entries.size;
    },
  } satisfies MemoryStore;
}
