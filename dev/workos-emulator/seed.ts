import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_SEED, type Seed, type SeedConnection, type SeedOrganization } from './seed-data.ts';

export * from './seed-data.ts';

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
