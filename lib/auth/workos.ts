import 'server-only';
import { WorkOS } from '@workos-inc/node';
import { getEnv } from '../env.ts';

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
      maxRetries: 1,
      timeout: 10_000,
    });
  }
  return client;
}

/** The client id for code exchange (the SDK does not fall back to the constructor's here). */
export function workosClientId(): string {
  return getEnv().workos.clientId;
}
