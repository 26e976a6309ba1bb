import { getEnv } from '@/lib/env';
import { isSameOrigin } from '@/lib/http/origin';
import { errorResponse, seeOther, rejectOtherMethods } from '@/lib/http/responses';
import { endSession } from '@/lib/auth/session';
import { logEvent } from '@/lib/log';
import { maskEmail } from '@/lib/auth/mask';
import { requestIp } from '@/lib/auth/request-ip';

// POST /api/auth/logout: end the session (other methods: 405 with Allow).
export async function POST(request: Request) {
  if (!isSameOrigin(request.headers, getEnv().appUrl)) return errorResponse(request, 'forbidden_origin');
  const user = await endSession();
  if (user) logEvent('auth.signed_out', { email: maskEmail(user.email), ip: requestIp(request.headers) });
  return seeOther('/login', { 'Clear-Site-Data': '"cache", "storage"' });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
