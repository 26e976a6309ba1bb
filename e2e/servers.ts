// Ports and settings of the servers the Playwright suite starts (see playwright.config.ts).
// Two copies of the app run side by side: one on the memory store, one on the Upstash store
// through the local bridge and a real redis-server.

const SESSION_PASSWORD = 'e2e-session-password-that-is-at-least-32-chars';
const redisPort = 6479;
const upstashBridgePort = 8179;
const upstashToken = 'e2e-token';

type Target = {
  name: string;
  delivery: 'workos' | 'smtp';
  appUrl: string;
  emulatorUrl: string;
  env: Record<string, string>;
};

function target(
  name: string,
  appPort: number,
  emulatorPort: number,
  extra: Record<string, string>,
  appUrl = `http://localhost:${appPort}`,
): Target {
  return {
    name,
    delivery: extra.EMAIL_DELIVERY === 'smtp' ? 'smtp' : 'workos',
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
  logDir: '.e2e-logs',
  redisPort,
  upstashBridgePort,
  upstashToken,
  sharedEnv: {
    SESSION_PASSWORD,
    // As behind a trusted proxy: the client IP comes from x-real-ip. Browser tests send none (IP
    // unknown, so only the per-email limit applies); e2e/rate-limit-ip.spec.ts sends its own.
    CLIENT_IP_HEADER: 'x-real-ip',
    WORKOS_EMULATOR_QUIET: '1',
  },
  memory: target('memory-store', 3100, 4110, {}),
  // The Upstash copy also sends its own email over SMTP (to the emulator's sink), so both delivery
  // modes go through the whole suite.
  upstash: target('upstash-store', 3200, 4210, {
    EMAIL_DELIVERY: 'smtp',
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${upstashBridgePort}`,
    UPSTASH_REDIS_REST_TOKEN: upstashToken,
  }),
  // Behind a TLS front (e2e/tls-proxy.ts) with an https APP_URL, as in production: `__Host-`
  // cookies, `Secure`, HSTS. The app itself listens on 3600, people reach it on 3643.
  https: target('https', 3600, 4610, {}, 'https://localhost:3643'),
  // Degraded copies for failure modes that a shared server cannot show: SMTP refusing connections,
  // and an Upstash endpoint where nothing listens (port 9 is the discard port, closed here).
  smtpDown: target('smtp-down', 3400, 4410, { EMAIL_DELIVERY: 'smtp', SMTP_URL: 'smtp://127.0.0.1:9' }),
  redisDown: target('redis-down', 3500, 4510, {
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9',
    UPSTASH_REDIS_REST_TOKEN: 'unused',
  }),
};

export type E2ETarget = Target;
