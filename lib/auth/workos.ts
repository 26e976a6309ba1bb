import 'server-only';
import { WorkOS } from '@workos-inc/node';
import { getEnv } from '../env.ts';
import { normalizeRetryAfterFetch } from './workos-retry-after.ts';
import { WorkOSBudget } from './workos-budget.ts';

let client: WorkOS | undefined;

/**
 * The one WorkOS client, created on first use. Host, port and https come from configuration, so
 * tests and local runs point the real SDK at the emulator without any code branch.
 */
export function getWorkOS(): WorkOS {
  if (!client) {
    const { apiKey, clientId, apiHostname, apiPort, apiHttps, budgetMs } = getEnv().workos;
    client = new WorkOS(apiKey, {
      clientId,
      apiHostname,
      port: apiPort,
      https: apiHttps,
      // The SDK's own retries sleep up to 60 s on a Retry-After and cannot be cut short; the app
      // retries inside its per-request budget instead (workos-budget.ts).
      maxRetries: 0,
      // A request the budget gave up on is cut off by then too, not left running.
      timeout: budgetMs,
      fetchFn: normalizeRetryAfterFetch,
    });
  }
  return client;
}

/** A fresh WorkOS time budget for one incoming request (WORKOS_BUDGET_MS). */
export function workosBudget(): WorkOSBudget {
  return new WorkOSBudget(getEnv().workos.budgetMs);
}

/** The client id for code exchange (the SDK does not fall back to the constructor's here). */
export function workosClientId(): string {
  return getEnv().workos.clientId;
}
