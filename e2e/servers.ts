// Ports and settings of the servers the Playwright suite starts (see playwright.config.ts).
// Nine copies of the app run side by side: on the memory store (WorkOS delivery), on the Upstash
// store through the local bridge and a real redis-server (SMTP delivery), with codes (WorkOS's
// Magic Auth email) and with link+code (our own email), behind a TLS front with an https APP_URL,
// two degraded ones (SMTP refusing connections, Upstash unreachable) and two with a tiny global
// send budget and no trusted IP header (memory, Upstash), each with its own WorkOS emulator.
// Every port derives from E2E_PORT_BASE (default 3000), so
// `E2E_PORT_BASE=20000 npm run test:e2e` runs beside another copy of the suite:
//   apps base+100, +200, +300, +400, +500, +600 (TLS front +643), +700, +800, +900, +1000;
//   emulators base+1110, +1210, … +2010 (SMTP +15);
//   redis-server base+3479; Upstash bridge base+5179.

const BASE = Number(process.env.E2E_PORT_BASE ?? 3000);
if (!Number.isInteger(BASE) || BASE < 1024 || BASE > 59_000)
  throw new Error('E2E_PORT_BASE must be a whole number from 1024 to 59000.');

const SESSION_PASSWORD = 'e2e-session-password-that-is-at-least-32-chars';
const redisPort = BASE + 3479;
const upstashBridgePort = BASE + 5179;
const upstashToken = 'e2e-token';
const GLOBAL_BUDGET = 4;
const IDLE_TIMEOUT_SECONDS = 4;

type Target = {
  name: string;
  delivery: 'workos' | 'smtp';
  method: 'link' | 'code' | 'link+code';
  appUrl: string;
  emulatorUrl: string;
  env: Record<string, string>;
};

// Set to '' in every app's environment: a variable the environment sets, even blank, wins over a
// developer's .env.local (Next's precedence, which the launcher follows), and blank means unset to
// the launcher and the app, so the suite always runs on its emulators and local stores, never on
// real WorkOS, Upstash or SMTP.
const HERMETIC = Object.fromEntries(
  [
    'WORKOS_API_KEY',
    'WORKOS_CLIENT_ID',
    'WORKOS_API_HOSTNAME',
    'WORKOS_API_PORT',
    'WORKOS_API_HTTPS',
    'UPSTASH_REDIS_REST_URL',
    'UPSTASH_REDIS_REST_TOKEN',
    'KV_REST_API_URL',
    'KV_REST_API_TOKEN',
    'EMAIL_DELIVERY',
    'SMTP_URL',
    'SIGN_IN_METHOD',
  ].map((name) => [name, '']),
);

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
    method:
      extra.SIGN_IN_METHOD === 'code' || extra.SIGN_IN_METHOD === 'link+code' ? extra.SIGN_IN_METHOD : 'link',
    appUrl,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    env: {
      ...HERMETIC,
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
    // Out of the way of a whole run (hundreds of emails within the hour); the global-budget
    // copies below set their own.
    RATE_LIMIT_GLOBAL: '100000/1h',
    WORKOS_EMULATOR_QUIET: '1',
  },
  /** RATE_LIMIT_GLOBAL of the global-budget copies: sends per hour for the whole deployment. */
  globalBudget: GLOBAL_BUDGET,
  /** SESSION_IDLE_TIMEOUT_SECONDS of the idle copy. */
  idleTimeoutSeconds: IDLE_TIMEOUT_SECONDS,
  memory: target('memory-store', BASE + 100, BASE + 1110, {}),
  // The Upstash copy also sends its own email over SMTP (to the emulator's sink), so both delivery
  // modes go through the whole suite.
  upstash: target('upstash-store', BASE + 200, BASE + 1210, {
    EMAIL_DELIVERY: 'smtp',
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${upstashBridgePort}`,
    UPSTASH_REDIS_REST_TOKEN: upstashToken,
  }),
  // SIGN_IN_METHOD=code: WorkOS Magic Auth emails a 6-digit code, typed on the check-email page.
  code: target('code-method', BASE + 300, BASE + 1310, { SIGN_IN_METHOD: 'code' }),
  // SIGN_IN_METHOD=link+code: our own email (SMTP to the emulator's sink) with a link and a code.
  linkCode: target('link-code', BASE + 700, BASE + 1710, {
    SIGN_IN_METHOD: 'link+code',
    EMAIL_DELIVERY: 'smtp',
  }),
  // Behind a TLS front (e2e/tls-proxy.ts) with an https APP_URL, as in production: `__Host-`
  // cookies, `Secure`, HSTS. The app itself listens on base+600, people reach it on base+643.
  https: target('https', BASE + 600, BASE + 1610, {}, `https://localhost:${BASE + 643}`),
  // Degraded copies for failure modes that a shared server cannot show: SMTP refusing connections,
  // and an Upstash endpoint where nothing listens (port 9 is the discard port, closed here).
  smtpDown: target('smtp-down', BASE + 400, BASE + 1410, {
    EMAIL_DELIVERY: 'smtp',
    SMTP_URL: 'smtp://127.0.0.1:9',
  }),
  redisDown: target('redis-down', BASE + 500, BASE + 1510, {
    UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:9',
    UPSTASH_REDIS_REST_TOKEN: 'unused',
  }),
  // No trusted IP header (so no per-IP limit at all) and a global budget of GLOBAL_BUDGET: no
  // header a client sends can get more emails out of it. On each store; the Upstash one under its
  // own key prefix, so the upstash-store copy's sends do not spend its budget.
  globalMemory: target('global-memory', BASE + 800, BASE + 1810, {
    CLIENT_IP_HEADER: '',
    RATE_LIMIT_GLOBAL: `${GLOBAL_BUDGET}/1h`,
  }),
  globalUpstash: target('global-upstash', BASE + 900, BASE + 1910, {
    CLIENT_IP_HEADER: '',
    RATE_LIMIT_GLOBAL: `${GLOBAL_BUDGET}/1h`,
    EMAIL_DELIVERY: 'smtp',
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${upstashBridgePort}`,
    UPSTASH_REDIS_REST_TOKEN: upstashToken,
    STORE_KEY_PREFIX: 'e2e-global',
  }),
  // A normal session's idle timeout of a few seconds (remember-me keeps its 7-day default), on Upstash.
  idle: target('idle-timeout', BASE + 1000, BASE + 2010, {
    SESSION_IDLE_TIMEOUT_SECONDS: String(IDLE_TIMEOUT_SECONDS),
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${upstashBridgePort}`,
    UPSTASH_REDIS_REST_TOKEN: upstashToken,
    STORE_KEY_PREFIX: 'e2e-idle',
  }),
};

export type E2ETarget = Target;
