import { readFileSync } from 'node:fs';
import { z } from 'zod';

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
  ],
};

const seedFileSchema = z.strictObject({
  includeDefaults: z.boolean().default(true),
  organizations: z
    .array(
      z.strictObject({
        id: z.string().regex(/^org_\w+$/),
        name: z.string().min(1),
        domains: z.array(z.string().min(1)).default([]),
        created_at: z.iso.datetime().optional(),
      }),
    )
    .default([]),
  connections: z
    .array(
      z.strictObject({
        id: z.string().regex(/^conn_\w+$/),
        organization_id: z.string().nullable().default(null),
        name: z.string().min(1).optional(),
        connection_type: z.string().min(1).default('MagicLink'),
        state: z.enum(['draft', 'active', 'inactive', 'validating']).default('active'),
        domains: z.array(z.string().min(1)).default([]),
        created_at: z.iso.datetime().optional(),
      }),
    )
    .default([]),
});

/** Parses a seed file's JSON (format in README.md); throws a readable Error when it is invalid. */
export function parseSeed(json: unknown): Seed {
  const result = seedFileSchema.safeParse(json);
  if (!result.success) throw new Error(`Invalid emulator seed: ${z.prettifyError(result.error)}`);
  const file = result.data;
  const now = new Date().toISOString();
  const organizations: SeedOrganization[] = file.organizations.map((o) => ({
    id: o.id,
    name: o.name,
    domains: o.domains,
    createdAt: o.created_at ?? now,
  }));
  const connections: SeedConnection[] = file.connections.map((c) => ({
    id: c.id,
    organizationId: c.organization_id,
    name: c.name ?? `${c.connection_type} connection`,
    connectionType: c.connection_type,
    state: c.state,
    domains: c.domains,
    createdAt: c.created_at ?? now,
  }));
  const seed = { organizations, connections };
  return checkReferences(file.includeDefaults ? mergeSeeds(DEFAULT_SEED, seed) : seed);
}

/** Reads and parses a seed JSON file. */
export function loadSeedFile(path: string): Seed {
  return parseSeed(JSON.parse(readFileSync(path, 'utf8')));
}

/** Entries of `extra` replace same-id entries of `base`. */
export function mergeSeeds(base: Seed, extra: Seed): Seed {
  const orgIds = new Set(extra.organizations.map((o) => o.id));
  const connIds = new Set(extra.connections.map((c) => c.id));
  return {
    organizations: [...base.organizations.filter((o) => !orgIds.has(o.id)), ...extra.organizations],
    connections: [...base.connections.filter((c) => !connIds.has(c.id)), ...extra.connections],
  };
}

function checkReferences(seed: Seed): Seed {
  const orgIds = new Set(seed.organizations.map((o) => o.id));
  for (const c of seed.connections) {
    if (c.organizationId !== null && !orgIds.has(c.organizationId)) {
      throw new Error(
        `Invalid emulator seed: connection ${c.id} names unknown organization ${c.organizationId}`,
      );
    }
  }
  return seed;
}
