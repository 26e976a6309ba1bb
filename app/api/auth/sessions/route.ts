import { handleListSessions } from '@/lib/auth/sessions/handlers';
import { rejectOtherMethods } from '@/lib/http/responses';

// GET /api/auth/sessions: the signed-in person's sessions as JSON (other methods: 405 with Allow).
export const GET = handleListSessions;
export const { POST, PUT, PATCH, DELETE, OPTIONS } = rejectOtherMethods('GET');

// Vercel function limit in seconds. Only the store.
export const maxDuration = 10;
