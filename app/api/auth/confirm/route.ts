import { handleConfirm } from '@/lib/auth/flow/confirm';
import { rejectOtherMethods } from '@/lib/http/responses';

// POST /api/auth/confirm: "Yes, sign me in" on /login/confirm (lib/auth/flow/confirm.ts).
export const POST = (request: Request) => handleConfirm(request);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
