import { z } from 'zod';
import type { BodyKind } from '../http/body.ts';
import { normalizeEmail } from './email.ts';
import { DEFAULT_RETURN_TO, safeReturnTo } from './return-to.ts';

/** A validated request for a magic link. */
export type SignInRequest = { email: string; returnTo: string; remember: boolean; returnToRejected: boolean };

// Exactly these keys: unknown ones (isAdmin, connection, __proto__ …) are refused, not ignored.
const jsonSchema = z.strictObject({
  email: z.string().max(320),
  returnTo: z.string().max(2048).optional(),
  remember: z.boolean().optional(),
});
const formSchema = z.strictObject({
  email: z.string().max(320),
  returnTo: z.string().max(2048).optional(),
  remember: z.enum(['true', 'on', 'false']).optional(),
});

/** Checks the fields of a request body; expected failures come back as error codes. */
export function parseSignInRequest(
  fields: Record<string, unknown>,
  kind: BodyKind,
): { ok: true; value: SignInRequest } | { ok: false; code: 'invalid_request' | 'invalid_email' } {
  const parsed = kind === 'json' ? jsonSchema.safeParse(fields) : formSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, code: 'invalid_request' };
  const email = normalizeEmail(parsed.data.email);
  if (!email) return { ok: false, code: 'invalid_email' };
  const remember =
    parsed.data.remember === true || parsed.data.remember === 'true' || parsed.data.remember === 'on';
  const requested = parsed.data.returnTo;
  const safe = requested === undefined || requested === '' ? DEFAULT_RETURN_TO : safeReturnTo(requested);
  return {
    ok: true,
    value: { email, returnTo: safe ?? DEFAULT_RETURN_TO, remember, returnToRejected: safe === null },
  };
}
