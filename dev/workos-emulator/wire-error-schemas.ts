// Error bodies of the WorkOS API, in the shapes recorded from the real API or given by its
// OpenAPI spec (docs/workos-contract.md 1.5, 2.1, 2.3, 3). Re-exported by wire-schemas.ts.
import { z } from 'zod';
import { message } from './wire-primitives.ts';

/** 422 `{"message":"Validation failed","errors":[{field, code}]}` (recorded, no top-level code). */
export const validationErrorSchema = z.object({
  message,
  errors: z.array(z.object({ field: z.string().min(1), code: z.string().min(1) })).min(1),
});

/** 422 `{message}` (recorded for send on an unknown session), and the body of other plain errors. */
export const messageErrorSchema = z.object({ message });

/** 401 for a wrong API key: recorded `{"message":"Unauthorized"}`; OpenAPI `{"error":"Unauthorized"}`. */
export const unauthorizedSchema = z.union([
  z.object({ message }),
  z.object({ error: z.literal('Unauthorized') }),
]);

/** 404 `{message}`, or `{message, code: "entity_not_found", entity_id}` (both recorded). */
export const notFoundSchema = z.object({
  message,
  code: z.string().min(1).optional(),
  entity_id: z.string().min(1).optional(),
});

/** OAuth-style 400 `{error, error_description}` (`invalid_grant`, `invalid_client`, ...). */
export const oauthErrorSchema = z.object({
  error: z.string().regex(/^[a-z_]+$/, 'expected an OAuth error code'),
  error_description: message,
});

/** `{code, message}` errors of the user-management API (400 one-time code, 422, 429). */
export const codeErrorSchema = z.object({
  code: z.string().regex(/^[a-z_]+$/, 'expected an error code'),
  message,
});

/** 422 of the user-management API: `{code, message}` (OpenAPI), `errors` optional. */
export const userManagementValidationSchema = codeErrorSchema.extend({
  errors: z.array(z.object({ field: z.string(), code: z.string() })).optional(),
});

/** 429: `{code, message}` / `{message}`, or the OAuth shape (OpenAPI); no body was ever recorded. */
export const rateLimitSchema = z.union([
  z.object({ message, code: z.string().min(1).optional() }),
  oauthErrorSchema,
]);

/** 5xx and other generic failures: `{message, code?}` (no recording; the SDK reads `message`). */
export const serverErrorSchema = z.object({ message, code: z.string().min(1).optional() });

/** 400 for a body that is not JSON (the emulator's wording of WorkOS's `invalid_request_body`). */
export const invalidBodySchema = z.object({ message, code: z.literal('invalid_request_body') });
