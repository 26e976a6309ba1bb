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
  retryAfter: number;
}

export const faultSchema = z.strictObject({
  method: z.string().min(1).optional(),
  path: z.string().startsWith('/'),
  status: z.number().int().min(400).max(599).optional(),
  times: z.number().int().min(1).default(1),
  delayMs: z.number().int().min(0).max(120_000).default(0),
  /** Optional body to answer with instead of the default for the status. */
  body: z.unknown().optional(),
  /** Seconds for Retry-After on a 429 (default 1). */
  retryAfter: z.number().int().min(0).default(1),
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
