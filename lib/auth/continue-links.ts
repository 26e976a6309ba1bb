import 'server-only';
import { sealData, unsealData } from 'iron-session';
import { z } from 'zod';
import type { Store } from '../store/types.ts';
import { randomToken, sha256Hex } from './tokens.ts';

// Scanner-proof links for our own email delivery (docs/security.md, "Mail scanners"): the email
// carries /login/continue?t=<token>, never the WorkOS link. Opening it (GET or HEAD, as every mail
// scanner does) changes nothing; only the person's POST uses it, and the server opens the WorkOS
// link itself. The token is stored only as its SHA-256, next to the sealed WorkOS link.

/** Shape of a continue token in a URL (32 random bytes, base64url). */
export const CONTINUE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const key = (hash: string) => `pl:continue:${hash}`;
const recordSchema = z.object({ seal: z.string(), origin: z.string() });

type Passwords = Record<string, string>;

/** Keeps `workosLink` behind a new one-time token for `ttlSeconds`; returns the token. */
export async function createContinueLink(
  store: Store,
  input: { workosLink: string; origin: string; passwords: Passwords; ttlSeconds: number },
): Promise<string> {
  const token = randomToken(32);
  const seal = await sealData(
    { link: input.workosLink },
    { password: input.passwords, ttl: input.ttlSeconds + 60 },
  );
  await store.set(
    key(await sha256Hex(token)),
    JSON.stringify({ seal, origin: input.origin }),
    input.ttlSeconds,
  );
  return token;
}

async function open(raw: string | null, origin: string, passwords: Passwords): Promise<string | null> {
  if (raw === null) return null;
  const record = recordSchema.safeParse(JSON.parse(raw));
  if (!record.success || record.data.origin !== origin) return null;
  const data = await unsealData<{ link?: unknown }>(record.data.seal, { password: passwords }).catch(
    () => ({}),
  );
  return 'link' in data && typeof data.link === 'string' ? data.link : null;
}

/** The WorkOS link behind a live token, without using it up. */
export async function peekContinueLink(
  store: Store,
  token: string,
  origin: string,
  passwords: Passwords,
): Promise<string | null> {
  if (!CONTINUE_TOKEN.test(token)) return null;
  return open(await store.get(key(await sha256Hex(token))), origin, passwords);
}

/** True while the token can still be used (the continue page's GET: reads, never writes). */
export async function continueLinkIsLive(store: Store, token: string, origin: string): Promise<boolean> {
  if (!CONTINUE_TOKEN.test(token)) return false;
  const raw = await store.get(key(await sha256Hex(token)));
  const record = raw === null ? null : recordSchema.safeParse(JSON.parse(raw));
  return record?.success === true && record.data.origin === origin;
}

/** Removes a token: used, or its sign-in could not be sent. */
export async function discardContinueLink(store: Store, token: string): Promise<void> {
  await discardContinueLinkByHash(store, await sha256Hex(token));
}

/** Removes a token known only by its hash (link+code: the code was used first). */
export async function discardContinueLinkByHash(store: Store, hash: string): Promise<void> {
  await store.delete(key(hash));
}
