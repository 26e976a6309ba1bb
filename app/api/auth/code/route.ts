import { handleCodeSubmission } from '@/lib/auth/flow/handlers';
import { rejectOtherMethods } from '@/lib/http/responses';

// POST /api/auth/code: the emailed code, typed on /login/check-email (lib/auth/flow/handlers.ts).
export const POST = (request: Request) => handleCodeSubmission(request);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds: the rate-limit check, one WorkOS budget (at most 10 s), the store.
export const maxDuration = 15;
