import type { Params } from './http.ts';

/** One API request as served by GET /_emulator/requests. */
export interface LoggedRequest {
  id: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed body (JSON or form) with secrets replaced by "[redacted]"; null when absent or unparsable. */
  body: Params | null;
  status: number | undefined;
  time: string;
}

// Values a test never needs and a log must never show.
const SECRET_KEYS = new Set(['client_secret', 'code_verifier', 'password', 'refresh_token']);
const MAX_ENTRIES = 1000;

/** Replaces secret values in a parsed body. */
export function redact(params: Params): Params {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, SECRET_KEYS.has(key) ? '[redacted]' : value]),
  );
}

/** Ring buffer of API requests, newest last internally. */
export class RequestLog {
  private entries: LoggedRequest[] = [];

  /** Records a request; the returned entry gets its status once answered. */
  add(entry: LoggedRequest): LoggedRequest {
    const stored = { ...entry, query: redact(entry.query) as Record<string, string> };
    stored.body = entry.body ? redact(entry.body) : null;
    this.entries.push(stored);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    return stored;
  }

  /** Newest first, optionally only paths starting with `pathPrefix` and/or one method. */
  list(pathPrefix?: string, method?: string): LoggedRequest[] {
    const m = method?.toUpperCase();
    return this.entries
      .filter((e) => (!pathPrefix || e.path.startsWith(pathPrefix)) && (!m || e.method === m))
      .reverse();
  }

  /** Forgets all entries. */
  clear(): void {
    this.entries = [];
  }
}
