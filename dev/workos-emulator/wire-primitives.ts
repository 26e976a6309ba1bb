// Building blocks of the wire schemas (wire-schemas.ts): ids, timestamps, addresses.
import { z } from 'zod';

const ULID = '[0-7][0-9A-HJKMNP-TV-Z]{25}';

/** `prefix_` + a 26-character ULID, the shape of every recorded WorkOS object id. */
export function wireId(prefix: string) {
  return z.string().regex(new RegExp(`^${prefix}_${ULID}$`), `expected a ${prefix}_<ULID> id`);
}

/** ISO-8601 UTC with exactly three fractional digits and `Z` (`2020-09-16T15:44:08.475Z`). */
export const timestamp = z.iso.datetime({ precision: 3 });

/** An email address as WorkOS echoes it (case kept). */
export const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'expected an email address');

/** An error `message`: a non-empty string. */
export const message = z.string().min(1);

/** `oauth_tokens` of an OAuth connection's token answer (never sent for Magic Link). */
export const oauthTokensSchema = z.object({
  provider: z.string().min(1),
  access_token: z.string().min(1),
  refresh_token: z.string(),
  expires_at: z.number().int(),
  scopes: z.array(z.string()),
});
