// Ports and settings of the servers the Playwright suite starts (see playwright.config.ts).
// Two copies of the app run side by side: one on the memory store, one on the Upstash store
// through the local bridge and a real redis-server.

const SESSION_PASSWORD = 'e2e-session-password-that-is-at-least-32-chars';
const redisPort = 6479;
const upstashBridgePort = 8179;
const upstashToken = 'e2e-token';

type Target = {
  name: string;
  appUrl: string;
  emulatorUrl: string;
  env: Record<string, string>;
};

function target(name: string, appPort: number, emulatorPort: number, extra: Record<string, string>): Target {
  const appUrl = `http://localhost:${appPort}`;
  return {
    name,
    appUrl,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    env: {
      PORT: String(appPort),
      APP_URL: appUrl,
      WORKOS_EMULATOR_PORT: String(emulatorPort),
      WORKOS_EMULATOR_SMTP_PORT: String(emulatorPort + 15),
      ...extra,
    },
  };
}

export const E2E = {
  sessionPassword: SESSION_PASSWORD,
  redisPort,
  upstashBridgePort,
  upstashToken,
  sharedEnv: {
    SESSION_PASSWORD,
    // Every test runs from 127.0.0.1: the per-IP limit is raised so parallel tests do not share out a
    // budget of 10; the per-email limit keeps its default (each test uses fresh addresses).
    RATE_LIMIT_IP: '1000/15m',
    WORKOS_EMULATOR_QUIET: '1',
  },
  memory: target('memory-store', 3100, 4110, {}),
  upstash: target('upstash-store', 3200, 4210, {
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${upstashBridgePort}`,
    UPSTASH_REDIS_REST_TOKEN: upstashToken,
  }),
};

export type E2ETarget = Target;
