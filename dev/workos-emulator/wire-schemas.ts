// Zod schemas of the WorkOS wire bodies (snake_case JSON) the app and this emulator exchange,
// written by hand from real recorded responses, the official SDKs' fixtures and the OpenAPI spec.
// Objects are not strict: real WorkOS adds keys over time (legacy `saml_*`/`oidc_*` on
// connections), and the SDK ignores unknown ones. Contract: docs/workos-contract.md.
import { z } from 'zod';
import { email, oauthTokensSchema, timestamp, wireId } from './wire-primitives.ts';

export * from './wire-error-schemas.ts';
export * from './wire-user-schemas.ts';
export { oauthTokensSchema, timestamp, wireId } from './wire-primitives.ts';

/** `https://<host>/passwordless/<token>/confirm` (http only for a local emulator). */
export const passwordlessLink = z
  .string()
  .regex(/^https?:\/\/[^/?#\s]+\/passwordless\/[A-Za-z0-9]+\/confirm$/, 'expected a passwordless link');

/** POST /passwordless/sessions 201. */
export const passwordlessSessionSchema = z.object({
  object: z.literal('passwordless_session'),
  id: wireId('passwordless_session'),
  email,
  expires_at: timestamp,
  link: passwordlessLink,
});

/** POST /passwordless/sessions/:id/send 201. */
export const sendSessionSchema = z.object({ success: z.literal(true) });

const role = z.object({ slug: z.string().min(1) });

/**
 * SSO profile (GET /sso/profile 200, and `profile` of POST /sso/token). `name` and `groups` are
 * optional because the recorded 2021 profile has neither key; Magic Link sends them as null.
 */
export const profileSchema = z.object({
  object: z.literal('profile'),
  id: wireId('prof'),
  idp_id: z.string(),
  organization_id: wireId('org').nullable(),
  connection_id: wireId('conn'),
  connection_type: z.string().min(1),
  email,
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  name: z.string().nullable().optional(),
  role: role.optional(),
  roles: z.array(role).optional(),
  groups: z.array(z.string()).nullable().optional(),
  custom_attributes: z.record(z.string(), z.unknown()),
  raw_attributes: z.record(z.string(), z.unknown()),
});

/** POST /sso/token 200. */
export const ssoTokenSchema = z.object({
  token_type: z.literal('Bearer'),
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
  profile: profileSchema,
  oauth_tokens: oauthTokensSchema.optional(),
});

/** One entry of a connection's `domains`; the id is the organization domain's (`org_domain_`). */
export const connectionDomainSchema = z.object({
  object: z.literal('connection_domain'),
  id: wireId('org_domain'),
  domain: z.string().min(1),
});

/** Connection (GET /connections/:id 200, entries of GET /connections). */
export const connectionSchema = z.object({
  object: z.literal('connection'),
  id: wireId('conn'),
  // Null only for the emulator's environment-wide Magic Link connection (no source shows one).
  organization_id: wireId('org').nullable(),
  connection_type: z.string().min(1),
  name: z.string(),
  state: z.enum(['draft', 'active', 'inactive', 'validating', 'requires_type', 'deleting']),
  // Deprecated by WorkOS but present in every recorded connection.
  status: z.enum(['linked', 'unlinked']),
  domains: z.array(connectionDomainSchema),
  created_at: timestamp,
  updated_at: timestamp,
});

const cursor = wireId('conn').nullable();

/** GET /connections 200. `object: "list"` is missing from the OpenAPI example, hence optional. */
export const connectionListSchema = z.object({
  object: z.literal('list').optional(),
  data: z.array(connectionSchema),
  list_metadata: z.object({ before: cursor, after: cursor }),
});

/** One entry of an organization's `domains` (SDK 11 `OrganizationDomainResponse`). */
export const organizationDomainSchema = z.object({
  object: z.literal('organization_domain'),
  id: wireId('org_domain'),
  organization_id: wireId('org'),
  domain: z.string().min(1),
  state: z.enum(['verified', 'pending', 'failed', 'legacy_verified', 'unverified']),
  verification_strategy: z.enum(['dns', 'manual']).optional(),
  verification_token: z.string().optional(),
  created_at: timestamp.optional(),
  updated_at: timestamp.optional(),
});

/** GET /organizations/:id 200 (no recording exists: SDK 11 `OrganizationResponse`). */
export const organizationSchema = z.object({
  object: z.literal('organization'),
  id: wireId('org'),
  name: z.string().min(1),
  allow_profiles_outside_organization: z.boolean(),
  domains: z.array(organizationDomainSchema),
  external_id: z.string().nullable().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

const state = z.string().optional();

/**
 * The query the emailed link adds to the redirect URI: `code` (+ `state`), or
 * `error=access_denied` (+ `error_description`, `state`); never both `code` and `error`.
 */
export const linkRedirectQuerySchema = z.union([
  z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,512}$/), state, error: z.never().optional() }),
  z.object({
    error: z.literal('access_denied'),
    error_description: z.string().min(1).optional(),
    state,
    code: z.never().optional(),
  }),
]);
