import { handleContinue } from '@/lib/auth/flow/continue';
import { rejectOtherMethods } from '@/lib/http/responses';

// POST /api/auth/continue (t): the Continue click on /login/continue (lib/auth/flow/continue.ts).
export const POST = (request: Request) => handleContinue(request);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds: one WorkOS budget (at most 10 s) and the store.
export const maxDuration = 15;
