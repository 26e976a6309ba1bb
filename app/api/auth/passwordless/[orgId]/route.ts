import { rejectOtherMethods } from '@/lib/http/responses';
import { handleSignInRequest } from '@/lib/http/sign-in-endpoint';

// POST /api/auth/passwordless/:orgId: email a magic link through the organization's connection.
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return handleSignInRequest(request, orgId);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. Up to three WorkOS calls (organization lookup, createSession, sendSession): see lib/auth/workos.ts.
export const maxDuration = 60;
