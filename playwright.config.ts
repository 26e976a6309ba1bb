import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';
import { E2E } from './e2e/servers.ts';

// Debian's Chromium when present (Playwright's CDN is unreachable here); otherwise Playwright's own
// browser (`npx playwright install chromium` on other machines).
const chromium = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find(
  (path) => path && existsSync(path),
);

/** The app under test, served by `npm run start:local` (a production build with the local stand-ins). */
function appServer(target: (typeof E2E)['memory']) {
  return {
    // Output goes to a file that e2e/logs.spec.ts audits once every other project has run.
    command: `mkdir -p ${E2E.logDir} && npm run start:local > ${E2E.logDir}/${target.name}.log 2>&1`,
    // Probed on APP_URL's host: any other host gets a 308 to APP_URL (for the https copy, the TLS
    // front that starts after it), so the https copy is probed by its port alone.
    ...(target.appUrl === `http://localhost:${target.env.PORT}`
      ? { url: `${target.appUrl}/login` }
      : { port: Number(target.env.PORT) }),
    timeout: 60_000,
    reuseExistingServer: false,
    env: { ...E2E.sharedEnv, ...target.env },
  };
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    ...devices['Desktop Chrome'],
    launchOptions: chromium ? { executablePath: chromium } : {},
    // A trace is recorded for every test and thrown away when it passes: worth it where someone can
    // open it, not in CI, which only prints its log (measured here: 7.8 min with, 6.0 min without).
    trace: process.env.CI ? 'off' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    ...[E2E.memory, E2E.upstash].map((target) => ({
      name: target.name,
      testIgnore: [
        /faults\.spec\.ts/,
        /workos-boundary\.spec\.ts/,
        /code\.spec\.ts/,
        /link-code\.spec\.ts/,
        /degraded\.spec\.ts/,
        /logs\.spec\.ts/,
        /https\.spec\.ts/,
        /global-budget\.spec\.ts/,
        /idle\.spec\.ts/,
      ],
      use: { baseURL: target.appUrl },
      metadata: target,
    })),
    // Emulator faults are global to a server: injected only after the shared suites are done.
    {
      name: 'workos-faults',
      testMatch: /faults\.spec\.ts/,
      dependencies: [E2E.memory.name, E2E.upstash.name],
      use: { baseURL: E2E.memory.appUrl },
      metadata: E2E.memory,
    },
    // The same for the Upstash copy's emulator, in parallel with the memory copy's faults.
    {
      name: 'workos-boundary',
      testMatch: /workos-boundary\.spec\.ts/,
      dependencies: [E2E.memory.name, E2E.upstash.name],
      use: { baseURL: E2E.upstash.appUrl },
      metadata: E2E.upstash,
    },
    // The code methods: code entry on both, what link+code pairs on its own copy, scanners on both.
    ...[E2E.code, E2E.linkCode].map((target) => ({
      name: target.name,
      testMatch:
        target === E2E.code ? /\/(code|scanners)\.spec\.ts$/ : /\/(code|link-code|scanners)\.spec\.ts$/,
      use: { baseURL: target.appUrl },
      metadata: target,
    })),
    { name: 'degraded', testMatch: /degraded\.spec\.ts/ },
    // The global send budget, each copy on its own (a spent budget stays spent for the run).
    ...[E2E.globalMemory, E2E.globalUpstash].map((target) => ({
      name: target.name,
      testMatch: /global-budget\.spec\.ts/,
      use: { baseURL: target.appUrl },
      metadata: target,
    })),
    {
      name: E2E.idle.name,
      testMatch: /idle\.spec\.ts/,
      use: { baseURL: E2E.idle.appUrl },
      metadata: E2E.idle,
    },
    {
      name: E2E.https.name,
      testMatch: /https\.spec\.ts/,
      use: { baseURL: E2E.https.appUrl, ignoreHTTPSErrors: true },
      metadata: E2E.https,
    },
    {
      name: 'log-audit',
      testMatch: /logs\.spec\.ts/,
      dependencies: [
        'workos-faults',
        'workos-boundary',
        'degraded',
        E2E.https.name,
        E2E.code.name,
        E2E.linkCode.name,
        E2E.globalMemory.name,
        E2E.globalUpstash.name,
        E2E.idle.name,
      ],
    },
  ],
  webServer: [
    {
      command: 'npm run upstash:local',
      port: E2E.upstashBridgePort,
      timeout: 30_000,
      reuseExistingServer: false,
      env: {
        REDIS_PORT: String(E2E.redisPort),
        UPSTASH_LOCAL_PORT: String(E2E.upstashBridgePort),
        UPSTASH_REDIS_REST_TOKEN: E2E.upstashToken,
      },
    },
    appServer(E2E.memory),
    appServer(E2E.upstash),
    appServer(E2E.https),
    {
      command: 'node e2e/tls-proxy.ts',
      url: `${E2E.https.appUrl}/login`,
      ignoreHTTPSErrors: true,
      timeout: 30_000,
      reuseExistingServer: false,
      env: {
        TLS_PROXY_PORT: new URL(E2E.https.appUrl).port,
        TLS_PROXY_TARGET: `http://127.0.0.1:${E2E.https.env.PORT}`,
      },
    },
    appServer(E2E.code),
    appServer(E2E.linkCode),
    appServer(E2E.smtpDown),
    appServer(E2E.redisDown),
    appServer(E2E.globalMemory),
    appServer(E2E.globalUpstash),
    appServer(E2E.idle),
  ],
});
