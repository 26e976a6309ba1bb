import { handleSignInRequest } from '@/lib/http/sign-in-endpoint';

// POST /api/auth/passwordless: email a magic link (other methods get Next's 405).
export function POST(request: Request) {
  return handleSignInRequest(request, null);
}
