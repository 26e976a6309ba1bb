// Magic Auth / user-management bodies (docs/workos-contract.md 2.2, 3). Re-exported by wire-schemas.ts.
import { z } from 'zod';
import { email, oauthTokensSchema, timestamp, wireId } from './wire-primitives.ts';

/** POST /user_management/magic_auth 201 and GET /user_management/magic_auth/:id 200. */
export const magicAuthSchema = z.object({
  object: z.literal('magic_auth'),
  id: wireId('magic_auth'),
  user_id: wireId('user'),
  email,
  code: z.string().regex(/^\d{6}$/, 'expected a 6-digit code'),
  expires_at: timestamp,
  created_at: timestamp,
  updated_at: timestamp,
});

/** AuthKit user; `profile_picture_url`/`last_sign_in_at` are missing from the 2023 recording. */
export const userSchema = z.object({
  object: z.literal('user'),
  id: wireId('user'),
  email,
  email_verified: z.boolean(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  profile_picture_url: z.string().nullable().optional(),
  last_sign_in_at: timestamp.nullable().optional(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** POST /user_management/authenticate 200. */
export const authenticateSchema = z.object({
  user: userSchema,
  organization_id: wireId('org').nullable().optional(),
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  authentication_method: z.string().min(1).optional(),
  impersonator: z.object({ email, reason: z.string().nullable() }).optional(),
  oauth_tokens: oauthTokensSchema.optional(),
});
