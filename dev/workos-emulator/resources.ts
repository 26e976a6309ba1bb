// Wire (snake_case) JSON of the WorkOS objects, shaped as in docs/workos-contract.md sections 2-4.
import { stableId } from './ids.ts';
import type { SeedConnection, SeedOrganization } from './seed.ts';
import type { MagicAuth, User } from './store.ts';

export interface ProfileJson {
  object: 'profile';
  id: string;
  idp_id: string;
  organization_id: string | null;
  connection_id: string;
  connection_type: string;
  email: string;
  first_name: null;
  last_name: null;
  /** Magic Link knows no name. */
  name: null;
  /** Magic Link has no directory groups (null, as in a real printed Magic Link profile). */
  groups: null;
  custom_attributes: Record<string, never>;
  raw_attributes: Record<string, never>;
}

/** ISO-8601 UTC with milliseconds, the format of every WorkOS timestamp. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Magic Link profile; the id is stable per connection + email, like a real returning user's profile. */
export function profileJson(connection: SeedConnection, email: string): ProfileJson {
  return {
    object: 'profile',
    id: stableId('prof', `${connection.id}\n${email.toLowerCase()}`),
    idp_id: email,
    organization_id: connection.organizationId,
    connection_id: connection.id,
    connection_type: connection.connectionType,
    email,
    first_name: null,
    last_name: null,
    name: null,
    groups: null,
    custom_attributes: {},
    raw_attributes: {},
  };
}

/**
 * Id of `domain` under `ownerId` (an organization, or a connection without one). A recorded
 * connection's domains carry `org_domain_` ids, so a connection domain gets the same id as that
 * domain in its organization's `domains`.
 */
export function domainId(ownerId: string, domain: string): string {
  return stableId('org_domain', `${ownerId}\n${domain.toLowerCase()}`);
}

/** Connection object as returned by GET /connections. */
export function connectionJson(c: SeedConnection) {
  return {
    object: 'connection',
    id: c.id,
    organization_id: c.organizationId,
    connection_type: c.connectionType,
    name: c.name,
    state: c.state,
    // Deprecated by WorkOS but still sent: `linked` for an active connection (recorded).
    status: c.state === 'active' ? 'linked' : 'unlinked',
    domains: c.domains.map((domain) => ({
      object: 'connection_domain',
      id: domainId(c.organizationId ?? c.id, domain),
      domain,
    })),
    created_at: c.createdAt,
    updated_at: c.createdAt,
  };
}

/** Organization object as returned by GET /organizations/:id. */
export function organizationJson(o: SeedOrganization) {
  return {
    object: 'organization',
    id: o.id,
    name: o.name,
    allow_profiles_outside_organization: false,
    domains: o.domains.map((domain) => ({
      object: 'organization_domain',
      id: domainId(o.id, domain),
      organization_id: o.id,
      domain,
      state: 'verified',
      verification_strategy: 'manual',
      created_at: o.createdAt,
      updated_at: o.createdAt,
    })),
    external_id: null,
    metadata: {},
    created_at: o.createdAt,
    updated_at: o.createdAt,
  };
}

/** AuthKit user object. */
export function userJson(u: User) {
  return {
    object: 'user',
    id: u.id,
    email: u.email,
    email_verified: u.emailVerified,
    first_name: null,
    last_name: null,
    profile_picture_url: null,
    last_sign_in_at: u.lastSignInAt === undefined ? null : iso(u.lastSignInAt),
    locale: null,
    external_id: null,
    metadata: {},
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
  };
}

/** MagicAuth object (includes the code, as the real API does). */
export function magicAuthJson(m: MagicAuth) {
  return {
    object: 'magic_auth',
    id: m.id,
    user_id: m.userId,
    email: m.email,
    code: m.code,
    expires_at: iso(m.expiresAt),
    created_at: iso(m.createdAt),
    updated_at: iso(m.createdAt),
  };
}
