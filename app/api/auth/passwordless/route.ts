import { rejectOtherMethods } from '@/lib/http/responses';
import { handleSignInRequest } from '@/lib/http/sign-in-endpoint';

// POST /api/auth/passwordless: email a magic link (other methods: 405 with Allow).
export function POST(request: Request) {
  return handleSignInRequest(request, null);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. Up to three WorkOS calls (organization lookup, createSession, sendSession): see lib/auth/workos.ts.
export const maxDuration = 60;
