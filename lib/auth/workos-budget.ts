import { GenericServerException, RateLimitExceededException } from '@workos-inc/node';

/** The WorkOS calls the app makes, named as they appear in logs. */
export type WorkOSOperation =
  | 'list_connections'
  | 'get_organization'
  | 'create_session'
  | 'send_session'
  | 'open_link'
  | 'exchange_code'
  | 'create_magic_auth'
  | 'authenticate_code';

/** What a WorkOS call threw, with the call it came from (the error mapping depends on both). */
export class WorkOSCallError extends Error {
  override name = 'WorkOSCallError';
  readonly operation: WorkOSOperation;
  constructor(operation: WorkOSOperation, cause: unknown) {
    super(`WorkOS ${operation} failed: ${cause instanceof Error ? cause.name : 'unknown error'}`, { cause });
    this.operation = operation;
  }
}

/** Thrown when a request's WorkOS budget runs out before WorkOS answered. */
export class WorkOSTimeoutError extends Error {
  override name = 'WorkOSTimeoutError';
  constructor() {
    super('WorkOS did not answer within the time budget.');
  }
}

/** A retry is only started when at least this much of the budget is left for it. */
const MIN_ATTEMPT_MS = 1_000;
/** Back-off before the one retry of a network error or 5xx. */
const RETRY_DELAY_MS = 250;
/** A 429 is retried only when WorkOS asks for a wait this short; longer ones go to the person. */
const MAX_RETRY_AFTER_WAIT_MS = 1_000;

/** How long to wait before retrying after `error`, or null when it must not be retried. */
function retryDelay(error: unknown): number | null {
  if (error instanceof RateLimitExceededException) {
    const ms = (error.retryAfter ?? Infinity) * 1000;
    return Number.isFinite(ms) && ms <= MAX_RETRY_AFTER_WAIT_MS ? ms : null;
  }
  if (error instanceof GenericServerException && error.status >= 500) return RETRY_DELAY_MS;
  // fetch itself failed (connection refused or reset, DNS): nothing reached WorkOS's logic.
  if (error instanceof TypeError) return RETRY_DELAY_MS;
  return null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One incoming request's allowance of WorkOS time (WORKOS_BUDGET_MS). Every call the request makes
 * draws on it, including the one retry and any Retry-After wait, so a slow or stalled WorkOS gets
 * the person a clear answer in time instead of a platform timeout.
 */
export class WorkOSBudget {
  readonly deadline: number;

  constructor(ms: number) {
    this.deadline = Date.now() + ms;
  }

  /** Milliseconds left (never negative). */
  remaining(): number {
    return Math.max(0, this.deadline - Date.now());
  }

  /**
   * Runs one WorkOS call within what is left; retries once when that is safe and fits. Whatever
   * it finally throws comes wrapped in a WorkOSCallError naming `operation`.
   */
  async call<T>(operation: WorkOSOperation, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.race(run());
      } catch (error) {
        const delay = attempt === 1 ? retryDelay(error) : null;
        if (delay === null || this.remaining() < delay + MIN_ATTEMPT_MS)
          throw new WorkOSCallError(operation, error);
        await sleep(delay);
      }
    }
  }

  private race<T>(pending: Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WorkOSTimeoutError()), this.remaining());
    });
    // The abandoned call may still fail later; that must not become an unhandled rejection.
    pending.catch(() => undefined);
    return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
  }
}
