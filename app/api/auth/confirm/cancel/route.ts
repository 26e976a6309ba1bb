import { handleConfirmCancel } from '@/lib/auth/flow/confirm';
import { rejectOtherMethods } from '@/lib/http/responses';

// POST /api/auth/confirm/cancel: "No, cancel" on /login/confirm (lib/auth/flow/confirm.ts).
export const POST = (request: Request) => handleConfirmCancel(request);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('POST');

// Vercel function limit in seconds. No WorkOS call, only the store.
export const maxDuration = 10;
