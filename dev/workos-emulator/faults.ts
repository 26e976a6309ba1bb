import { z } from 'zod';

/** A queued failure or stall for matching API requests (POST /_emulator/faults). */
export interface Fault {
  id: number;
  method: string | undefined;
  path: string;
  status: number | undefined;
  times: number;
  delayMs: number;
  body: unknown;
  /** Retry-After value: seconds, or a string sent verbatim (an HTTP date); 429 defaults to 1. */
  retryAfter: number | string | undefined;
  /** Extra response headers of the injected answer. */
  headers: Record<string, string>;
}

// Headers the emulator must set itself for the answer to stay valid HTTP and JSON.
const RESERVED_HEADERS = new Set(['content-type', 'content-length', 'transfer-encoding', 'connection']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

export const faultSchema = z.strictObject({
  method: z.string().min(1).optional(),
  path: z.string().startsWith('/'),
  status: z.number().int().min(400).max(599).optional(),
  times: z.number().int().min(1).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(0),
  /** Optional body to answer with instead of the default for the status. */
  body: z.unknown().optional(),
  /** Retry-After: integer seconds (any size) or a string sent verbatim; 429s default to 1. */
  retryAfter: z.union([z.number().int().min(0), z.string().min(1).regex(HEADER_VALUE)]).optional(),
  /** Headers added to the injected answer (they win over Retry-After from `retryAfter`). */
  headers: z
    .record(
      z
        .string()
        .regex(HEADER_NAME)
        .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'this header is set by the emulator'),
      z.string().regex(HEADER_VALUE),
    )
    .default({}),
});

export type FaultInput = z.infer<typeof faultSchema>;

/** Fault queue; each match uses up one of `times`. */
export class FaultList {
  private faults: Fault[] = [];
  private nextId = 1;

  /** Queues a fault; it applies to the next `times` matching requests. */
  add(input: FaultInput): Fault {
    const fault: Fault = {
      ...input,
      id: this.nextId++,
      method: input.method?.toUpperCase(),
      status: input.status,
      body: input.body,
      retryAfter: input.retryAfter,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault matching the request, if any. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.faults.find((f) => (!f.method || f.method === method) && path.startsWith(f.path));
    if (!fault) return undefined;
    fault.times -= 1;
    if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return { ...fault };
  }

  /** The faults still queued. */
  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes all faults. */
  clear(): void {
    this.faults = [];
  }
}

/** The headers of an injected answer: Retry-After (429 by default, any status when given), then `headers`. */
export function faultHeaders(fault: Fault): Record<string, string> {
  const retryAfter = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
  return { ...(retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) }), ...fault.headers };
}

/** The JSON error body for an injected status, shaped so the SDK picks the matching exception. */
export function faultBody(status: number): Record<string, unknown> {
  if (status === 401) return { message: 'Unauthorized' };
  if (status === 404) return { message: 'Not Found (injected fault)', code: 'entity_not_found' };
  if (status === 422)
    return { message: 'Validation failed (injected fault)', code: 'invalid_request_parameters' };
  if (status === 429) return { message: 'Too many requests (injected fault)', code: 'rate_limit_exceeded' };
  if (status >= 500) return { message: 'Internal server error (injected fault)', code: 'server_error' };
  return { message: `Request failed with status ${status} (injected fault)`, code: 'injected_fault' };
}
