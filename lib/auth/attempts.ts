import 'server-only';
import { z } from 'zod';
import type { Store } from '../store/types.ts';
import { randomToken, sha256Hex } from './tokens.ts';

/** What the server remembers about one magic-link request, keyed by the hash of its state. */
export type Attempt = {
  email: string;
  returnTo: string;
  remember: boolean;
  bindHash: string;
  createdAt: number;
  organizationId: string | null;
  connectionId: string | null;
  /** The origin (APP_URL) that created it: only that deployment's callback may complete it. */
  origin: string;
};

const attemptSchema = z.object({
  email: z.string(),
  returnTo: z.string(),
  remember: z.boolean(),
  bindHash: z.string(),
  createdAt: z.number(),
  organizationId: z.string().nullable(),
  connectionId: z.string().nullable(),
  origin: z.string(),
});

const attemptKey = (stateHash: string) => `pl:state:${stateHash}`;

/** Stores a new attempt under the SHA-256 of a fresh 256-bit state; returns the raw state once. */
export async function createAttempt(store: Store, attempt: Attempt, ttlSeconds: number): Promise<string> {
  const state = randomToken(32);
  const stored = await store.set(attemptKey(await sha256Hex(state)), JSON.stringify(attempt), ttlSeconds, {
    ifAbsent: true,
  });
  if (!stored) throw new Error('state collision'); // 256 random bits: an invariant, not a case
  return state;
}

/** Removes an attempt that could not be completed (e.g. WorkOS refused it). */
export async function discardAttempt(store: Store, state: string): Promise<void> {
  await store.delete(attemptKey(await sha256Hex(state)));
}

/** Takes an attempt exactly once (atomic get-and-delete); null when unknown, expired or used. */
export async function consumeAttempt(store: Store, state: string): Promise<Attempt | null> {
  return consumeAttemptByHash(store, await sha256Hex(state));
}

/** True while the attempt under this state hash can still be used (link+code's paired code asks). */
export async function attemptIsLive(store: Store, stateHash: string): Promise<boolean> {
  return (await store.get(attemptKey(stateHash))) !== null;
}

/** consumeAttempt by the state's hash: the one place where a link or its paired code wins. */
export async function consumeAttemptByHash(store: Store, stateHash: string): Promise<Attempt | null> {
  const raw = await store.getAndDelete(attemptKey(stateHash));
  if (raw === null) return null;
  const parsed = attemptSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}
