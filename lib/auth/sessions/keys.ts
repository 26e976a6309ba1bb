import { sha256Hex } from '../tokens.ts';

// Store keys of the per-person session index and activity log. A person is their address
// (lower-cased): a sign-in request has no WorkOS user id yet, and one address may sign in through
// several connections. Hashed, so key names carry no address.

export async function personKey(email: string): Promise<string> {
  return (await sha256Hex(email.trim().toLowerCase())).slice(0, 32);
}

export const sessionsKey = (person: string) => `user:sessions:${person}`;
export const activityKey = (person: string) => `user:activity:${person}`;
/** Last active (epoch seconds) of one session; its TTL is the idle timeout. */
export const activeKey = (sessionId: string) => `session:active:${sessionId}`;
/** The deny-list entry of an ended session (lib/auth/revocation.ts writes it). */
export const revokedKey = (sessionId: string) => `session:revoked:${sessionId}`;
