import 'server-only';
import { z } from 'zod';
import { sha256Hex } from '../tokens.ts';
import type { Store } from '../../store/types.ts';

/** Wrong codes one attempt takes before it is burned. */
export const MAX_WRONG_CODES = 5;

/** A pending Magic Auth sign-in, keyed by the hash of the binding secret of the browser that asked. */
export type CodeAttempt = {
  email: string;
  returnTo: string;
  remember: boolean;
  organizationId: string | null;
  /** The origin (APP_URL) that created it: only that deployment may complete it. */
  origin: string;
  /** Hash of the newest code sent, keyed by the binding secret: earlier codes no longer work. */
  codeHash: string;
  /** link+code: the paired link's attempt (its state's hash); whichever is used first wins. */
  stateHash: string | null;
  /** link+code with our own delivery: the paired continue page's token hash, retired with it. */
  continueHash: string | null;
};

const schema = z.object({
  email: z.string(),
  returnTo: z.string(),
  remember: z.boolean(),
  organizationId: z.string().nullable(),
  origin: z.string(),
  codeHash: z.string(),
  stateHash: z.string().nullable(),
  continueHash: z.string().nullable(),
});

const key = (bindHash: string) => `pl:code:${bindHash}`;
const wrongKey = (bindHash: string) => `pl:code-wrong:${bindHash}`;

/**
 * Stores (or replaces, on a resend: only the newest code works) this browser's pending code
 * sign-in; the wrong-code count restarts.
 */
export async function saveCodeAttempt(store: Store, bindHash: string, attempt: CodeAttempt, ttl: number) {
  await store.set(key(bindHash), JSON.stringify(attempt), ttl);
  await store.delete(wrongKey(bindHash));
}

/** This browser's pending code sign-in made on `origin`, without using it. */
export async function readCodeAttempt(store: Store, bindHash: string, origin: string) {
  const raw = await store.get(key(bindHash));
  const parsed = raw === null ? null : schema.safeParse(JSON.parse(raw));
  return parsed?.success && parsed.data.origin === origin ? parsed.data : null;
}

/** Takes the attempt exactly once (of two concurrent correct codes, one signs in). */
export async function consumeCodeAttempt(store: Store, bindHash: string): Promise<boolean> {
  return (await store.getAndDelete(key(bindHash))) !== null;
}

/** Counts one wrong code; at MAX_WRONG_CODES the attempt is burned. Returns the tries left. */
export async function countWrongCode(store: Store, bindHash: string, ttl: number): Promise<number> {
  const wrong = await store.increment(wrongKey(bindHash), ttl);
  if (wrong >= MAX_WRONG_CODES) await store.delete(key(bindHash));
  return Math.max(0, MAX_WRONG_CODES - wrong);
}

/** Removes an attempt whose code could not be sent. */
export async function discardCodeAttempt(store: Store, bindHash: string): Promise<void> {
  await store.delete(key(bindHash));
}

/** The hash a code is stored and compared as: only the browser holding `secret` can derive it. */
export const codeHashOf = (secret: string, code: string) => sha256Hex(`code:${secret}:${code}`);
