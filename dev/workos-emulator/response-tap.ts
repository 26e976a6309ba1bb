// A fetch wrapper that records every WorkOS API response it sees and checks each one against the
// wire schemas (wire-check.ts). The emulator's tests route the SDK (`fetchFn`) and their own
// requests through one, and fail any test that saw a response breaking the contract.
import { checkResponse, type WireResponse } from './wire-check.ts';

/** A recorded response and what was wrong with it ([] when it conforms). */
export interface TappedResponse extends WireResponse {
  /** The raw Retry-After header, if any. */
  retryAfter: string | null;
  problems: string[];
}

function requestMethod(input: string | URL | Request, init?: RequestInit): string {
  if (init?.method) return init.method.toUpperCase();
  return input instanceof Request ? input.method.toUpperCase() : 'GET';
}

function requestUrl(input: string | URL | Request): URL {
  if (input instanceof Request) return new URL(input.url);
  return new URL(input);
}

/** Records and checks the responses of the origins it is told to watch. */
export class ResponseTap {
  private readonly origins = new Set<string>();
  private records: TappedResponse[] = [];
  private pending: Promise<void>[] = [];

  /** Watches every response from `baseUrl`'s origin (except the /_emulator control API). */
  watch(baseUrl: string): void {
    this.origins.add(new URL(baseUrl).origin);
  }

  /** A fetch that behaves like `fetch` and records what it gets back (for the SDK's `fetchFn`). */
  readonly fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const response = await fetch(input, init);
    const url = requestUrl(input);
    if (this.origins.has(url.origin) && !/^\/_emulator(\/|$)/.test(url.pathname)) {
      this.pending.push(this.record(requestMethod(input, init), url.pathname, response.clone()));
    }
    return response;
  };

  private async record(method: string, path: string, response: Response): Promise<void> {
    const wire: WireResponse = {
      method,
      path,
      status: response.status,
      contentType: response.headers.get('content-type'),
      location: response.headers.get('location'),
      text: await response.text().catch(() => ''),
    };
    const retryAfter = response.headers.get('retry-after');
    this.records.push({ ...wire, retryAfter, problems: checkResponse(wire) });
  }

  /** Waits for the bodies still being read, then returns what is recorded so far (kept). */
  async peek(): Promise<TappedResponse[]> {
    await Promise.all(this.pending);
    return [...this.records];
  }

  /** Waits for the bodies still being read, then returns and forgets everything recorded. */
  async take(): Promise<TappedResponse[]> {
    await Promise.all(this.pending);
    this.pending = [];
    const records = this.records;
    this.records = [];
    return records;
  }

  /** Like take(), but only the contract violations, one line each. */
  async takeViolations(): Promise<string[]> {
    return (await this.take()).flatMap((record) => record.problems);
  }
}
