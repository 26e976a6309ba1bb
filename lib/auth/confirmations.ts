import 'server-only';
import { z } from 'zod';
import type { Store } from '../store/types.ts';
import { randomToken, sha256Hex } from './tokens.ts';

/** Lifetime of a cross-device confirmation: long enough to read one sentence and click. */
export const CONFIRM_TTL_SECONDS = 120;

/** A verified sign-in waiting for a click on another device. */
export type Confirmation = {
  userId: string;
  email: string;
  organizationId: string | null;
  returnTo: string;
  remember: boolean;
  /** The origin (APP_URL) whose callback verified it; only that deployment may use it. */
  origin: string;
};

const schema = z.object({
  userId: z.string(),
  email: z.string(),
  organizationId: z.string().nullable(),
  returnTo: z.string(),
  remember: z.boolean(),
  origin: z.string(),
});

const confirmKey = (hash: string) => `pl:confirm:${hash}`;

/** Keeps a verified profile under a new one-time token; returns the token (stored only hashed). */
export async function createConfirmation(store: Store, confirmation: Confirmation): Promise<string> {
  const token = randomToken(32);
  await store.set(confirmKey(await sha256Hex(token)), JSON.stringify(confirmation), CONFIRM_TTL_SECONDS);
  return token;
}

function parse(raw: string | null, origin: string): Confirmation | null {
  if (raw === null) return null;
  const parsed = schema.safeParse(JSON.parse(raw));
  return parsed.success && parsed.data.origin === origin ? parsed.data : null;
}

/** Reads a pending confirmation made on `origin` without using it (to show the question). */
export async function peekConfirmation(
  store: Store,
  token: string,
  origin: string,
): Promise<Confirmation | null> {
  return parse(await store.get(confirmKey(await sha256Hex(token))), origin);
}

/** Uses a confirmation made on `origin` exactly once. */
export async function consumeConfirmation(
  store: Store,
  token: string,
  origin: string,
): Promise<Confirmation | null> {
  return parse(await store.getAndDelete(confirmKey(await sha256Hex(token))), origin);
}
