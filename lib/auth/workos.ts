import 'server-only';
import { WorkOS } from '@workos-inc/node';
import { getEnv } from '../env.ts';

/** Per-attempt timeout of one WorkOS call, and how many times the SDK retries it. */
export const WORKOS_TIMEOUT_MS = 8_000;
export const WORKOS_MAX_RETRIES = 1;
/** Slack for the SDK's back-off between attempts (0.5 s × 1.5, jittered) and our store calls. */
const SLACK_MS = 2_000;

/**
 * Longest time one route may spend on WorkOS when it makes `calls` calls one after another: the
 * route's `maxDuration` (Vercel's function limit) must be at least this, plus the rate-limit
 * timeout, or Vercel would cut the person off with a 504 before the app could answer them.
 */
export function workosBudgetMs(calls: number): number {
  return calls * (WORKOS_TIMEOUT_MS * (1 + WORKOS_MAX_RETRIES) + SLACK_MS);
}

let client: WorkOS | undefined;

/**
 * The one WorkOS client, created on first use. Host, port and https come from configuration, so
 * tests and local runs point the real SDK at the emulator without any code branch.
 */
export function getWorkOS(): WorkOS {
  if (!client) {
    const { apiKey, clientId, apiHostname, apiPort, apiHttps } = getEnv().workos;
    client = new WorkOS(apiKey, {
      clientId,
      apiHostname,
      port: apiPort,
      https: apiHttps,
      // A person is waiting on every call: one quick retry, then a clear error instead of the
      // SDK's default of four attempts with back-off.
      maxRetries: WORKOS_MAX_RETRIES,
      timeout: WORKOS_TIMEOUT_MS,
    });
  }
  return client;
}

/** The client id for code exchange (the SDK does not fall back to the constructor's here). */
export function workosClientId(): string {
  return getEnv().workos.clientId;
}
