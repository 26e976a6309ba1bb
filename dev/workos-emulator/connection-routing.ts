// Which Magic Link connection a passwordless session uses (README "Domain routing").
import { findConnection, type Emulator } from './context.ts';
import type { Seed, SeedConnection } from './seed.ts';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

const isActiveMagicLink = (c: SeedConnection) => c.connectionType === 'MagicLink' && c.state === 'active';

/** The lower-cased part after the last `@` ('' when there is none). */
export function emailDomain(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}

/**
 * The active Magic Link connection of the first organization (seed order) whose domains contain
 * the email's domain exactly (case-insensitive), preferring one whose own domains contain it too.
 */
export function routeByDomain(seed: Seed, email: string): SeedConnection | undefined {
  const domain = emailDomain(email);
  if (domain === '') return undefined;
  const has = (domains: string[]) => domains.some((d) => d.toLowerCase() === domain);
  for (const organization of seed.organizations) {
    if (!has(organization.domains)) continue;
    const candidates = seed.connections.filter(
      (c) => c.organizationId === organization.id && isActiveMagicLink(c),
    );
    const chosen = candidates.find((c) => has(c.domains)) ?? candidates[0];
    if (chosen) return chosen;
  }
  return undefined;
}

/** The environment-wide connection: active, Magic Link, no organization. */
export function environmentConnection(seed: Seed): SeedConnection | undefined {
  return seed.connections.find((c) => c.organizationId === null && isActiveMagicLink(c));
}

/**
 * The connection of a new session: the explicit `connection` (which must be an active Magic Link
 * connection; the email's domain is not checked against it), else the one routed by the email's
 * domain, else the environment-wide one.
 */
export function resolveConnection(
  emu: Emulator,
  id: string | undefined,
  email: string,
): Resolved<SeedConnection> {
  if (id === undefined || id === '') {
    const chosen = routeByDomain(emu.seed, email) ?? environmentConnection(emu.seed);
    if (chosen) return { ok: true, value: chosen };
    return { ok: false, message: 'The environment has no active Magic Link connection.' };
  }
  const connection = findConnection(emu, id);
  if (!connection) return { ok: false, message: `Connection '${id}' not found.` };
  if (!isActiveMagicLink(connection)) {
    return { ok: false, message: `Connection '${id}' is not an active Magic Link connection.` };
  }
  return { ok: true, value: connection };
}
