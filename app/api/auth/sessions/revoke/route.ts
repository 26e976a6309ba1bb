import { handleRevoke } from '@/lib/auth/sessions/handlers';
import { rejectOtherMethods } from '@/lib/http/responses';

// POST /api/auth/sessions/revoke: end one session (`id`), all others (`others`) or all (`all`).
export const POST = handleRevoke;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. Only the store.
export const maxDuration = 10;
