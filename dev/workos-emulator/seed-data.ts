// The built-in seed: fixed ids that tests outside this folder reference (README table).

/** Environment-wide Magic Link connection (no organization), used by plain `createSession` calls. */
export const CONN_ENV_MAGIC_LINK_ID = 'conn_01JENVMAGCK000000000000001';
/** "Example Co" (example.com): an organization with an active Magic Link connection. */
export const ORG_EXAMPLE_ID = 'org_01JEXAMPE0RG00000000000001';
export const CONN_EXAMPLE_MAGIC_LINK_ID = 'conn_01JEXAMPEMAGCK000000000001';
/** "Google Only Co" (googleonly.test): only a GoogleOAuth connection, no Magic Link. */
export const ORG_GOOGLE_ONLY_ID = 'org_01JG00GE0RG000000000000001';
export const CONN_GOOGLE_OAUTH_ID = 'conn_01JG00GEGGE000000000000001';
/** "Dormant Co" (dormant.test): a Magic Link connection that exists but is `inactive`. */
export const ORG_DORMANT_ID = 'org_01JDRMANT0RG00000000000001';
export const CONN_DORMANT_MAGIC_LINK_ID = 'conn_01JDRMANTMAGCK000000000001';
/**
 * "Split Co": organization domains `split.test` and `split-verified.test`, but its active Magic Link
 * connection lists only `split.test` (an address at `split-verified.test` matches the organization's
 * verified domains, not the connection's).
 */
export const ORG_SPLIT_ID = 'org_01JSP1TC00RG00000000000001';
export const CONN_SPLIT_MAGIC_LINK_ID = 'conn_01JSP1TC0MAGCK000000000001';

export type ConnectionState = 'draft' | 'active' | 'inactive' | 'validating';

export interface SeedOrganization {
  id: string;
  name: string;
  domains: string[];
  createdAt: string;
}

export interface SeedConnection {
  id: string;
  organizationId: string | null;
  name: string;
  connectionType: string;
  state: ConnectionState;
  domains: string[];
  createdAt: string;
}

export interface Seed {
  organizations: SeedOrganization[];
  connections: SeedConnection[];
}

const T0 = '2026-01-01T00:00:00.000Z';

function conn(
  id: string,
  organizationId: string | null,
  name: string,
  connectionType: string,
  state: ConnectionState,
  domains: string[],
  createdAt: string,
): SeedConnection {
  return { id, organizationId, name, connectionType, state, domains, createdAt };
}

/** The built-in seed; ids are fixed so tests outside this folder can reference them. */
export const DEFAULT_SEED: Seed = {
  organizations: [
    {
      id: ORG_EXAMPLE_ID,
      name: 'Example Co',
      domains: ['example.com'],
      createdAt: '2026-01-02T00:00:00.000Z',
    },
    {
      id: ORG_GOOGLE_ONLY_ID,
      name: 'Google Only Co',
      domains: ['googleonly.test'],
      createdAt: '2026-01-03T00:00:00.000Z',
    },
    {
      id: ORG_DORMANT_ID,
      name: 'Dormant Co',
      domains: ['dormant.test'],
      createdAt: '2026-01-04T00:00:00.000Z',
    },
    {
      id: ORG_SPLIT_ID,
      name: 'Split Co',
      domains: ['split.test', 'split-verified.test'],
      createdAt: '2026-01-05T00:00:00.000Z',
    },
  ],
  // Distinct created_at values keep the default `order=desc` listing deterministic.
  connections: [
    conn(CONN_ENV_MAGIC_LINK_ID, null, 'Magic Link', 'MagicLink', 'active', [], T0),
    conn(
      CONN_EXAMPLE_MAGIC_LINK_ID,
      ORG_EXAMPLE_ID,
      'Example Co Magic Link',
      'MagicLink',
      'active',
      ['example.com'],
      '2026-01-02T00:00:01.000Z',
    ),
    conn(
      CONN_GOOGLE_OAUTH_ID,
      ORG_GOOGLE_ONLY_ID,
      'Google Only Co Google',
      'GoogleOAuth',
      'active',
      ['googleonly.test'],
      '2026-01-03T00:00:01.000Z',
    ),
    conn(
      CONN_DORMANT_MAGIC_LINK_ID,
      ORG_DORMANT_ID,
      'Dormant Co Magic Link',
      'MagicLink',
      'inactive',
      ['dormant.test'],
      '2026-01-04T00:00:01.000Z',
    ),
    conn(
      CONN_SPLIT_MAGIC_LINK_ID,
      ORG_SPLIT_ID,
      'Split Co Magic Link',
      'MagicLink',
      'active',
      ['split.test'],
      '2026-01-05T00:00:01.000Z',
    ),
  ],
};
