import { rejectOtherMethods } from '@/lib/http/responses';
import { handleSignInRequest } from '@/lib/auth/flow/request-handler';

// POST /api/auth/passwordless/:orgId: email a magic link through the organization's connection.
export async function POST(request: Request, { params }: { params: Promise<{ orgId: string }> }) {
  const { orgId } = await params;
  return handleSignInRequest(request, orgId);
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds: the rate-limit check, one WorkOS budget (WORKOS_BUDGET_MS, at
// most 10 s, for every WorkOS call) and SMTP delivery fit in it (lib/auth/route-budget.test.ts).
export const maxDuration = 35;
