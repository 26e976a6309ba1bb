import { handleCallback } from '@/lib/auth/flow/handlers';
import { rejectOtherMethods } from '@/lib/http/responses';

// GET /api/auth/callback?code&state: WorkOS sends the person here from the emailed link.
export const GET = (request: Request) => handleCallback(request);

export const { POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = rejectOtherMethods('GET');

// Vercel function limit in seconds: the rate-limit check and one WorkOS budget (the code exchange
// and, for an organization, its domains) fit in it (lib/auth/route-budget.test.ts).
export const maxDuration = 15;
