import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoggedRequest } from './index.ts';
import { CONN_EXAMPLE_MAGIC_LINK_ID, ORG_EXAMPLE_ID } from './seed.ts';
import { REDIRECT_URI, setupTestEmulator } from './test-support.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/smoke-workos.ts', import.meta.url));
const t = setupTestEmulator({ reset: true });

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  findings: string[];
}

/** Runs scripts/smoke-workos.ts with only `env` (plus PATH) and returns its exit code and output. */
function smoke(env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve) => {
    const options = {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test' as const, ...env },
      timeout: 30_000,
      encoding: 'utf8' as const,
    };
    execFile(process.execPath, [SCRIPT, ...args], options, (error, stdout, stderr) => {
      const findings = stdout
        .split('\n')
        .filter((line) => line.startsWith('finding: '))
        .map((line) => line.slice('finding: '.length));
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, findings });
    });
  });
}

const emulatorEnv = () => ({
  WORKOS_API_KEY: t.emulator.apiKey,
  WORKOS_CLIENT_ID: t.emulator.clientId,
  WORKOS_API_HOSTNAME: '127.0.0.1',
  WORKOS_API_PORT: String(t.emulator.port),
  WORKOS_API_HTTPS: 'false',
  SMOKE_EMAIL: 'smoke@example.com',
  SMOKE_REDIRECT_URI: REDIRECT_URI,
});

const profile = (connection: string, organization: string | null) =>
  `profile connection_type MagicLink, connection_id ${connection}, organization_id ${organization ?? 'null'}`;

describe('scripts/smoke-workos.ts against a fresh emulator', () => {
  it('prints what it needs and exits 2 without configuration, and refuses a live key', async () => {
    const bare = await smoke({});
    expect(bare.code).toBe(2);
    for (const name of ['WORKOS_API_KEY', 'WORKOS_CLIENT_ID', 'SMOKE_EMAIL', 'SMOKE_REDIRECT_URI']) {
      expect(bare.stderr).toContain(name);
    }
    expect(bare.stdout).toBe('');
    const live = await smoke({ ...emulatorEnv(), WORKOS_API_KEY: 'sk_live_x' });
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('sk_live_');
  });

  it('walks the unsettled points and reports one finding each, without codes, tokens or links', async () => {
    const env = {
      ...emulatorEnv(),
      SMOKE_ORGANIZATION_ID: ORG_EXAMPLE_ID,
      SMOKE_FOREIGN_EMAIL: 'guest@elsewhere.test',
    };
    const run = await smoke(env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const routed = profile(CONN_EXAMPLE_MAGIC_LINK_ID, ORG_EXAMPLE_ID);
    expect(run.findings).toEqual([
      expect.stringMatching(
        /^createSession without connection: 201 passwordless_session, expires in about 9\d\d s$/,
      ),
      'first GET of the link: 302, Location: redirect URI, query keys code,state',
      `domain routing (no connection, s***@example.com): ${routed}`,
      'second GET of the used link: 302, Location: redirect URI, query keys error,error_description,state; ' +
        'error=access_denied; error_description="The link has already been used."',
      `createSession with connection ${CONN_EXAMPLE_MAGIC_LINK_ID} (s***@example.com): honoured; ${routed}`,
      `connection ${CONN_EXAMPLE_MAGIC_LINK_ID} + foreign-domain email g***@elsewhere.test: honoured; ${routed}`,
      'HEAD on a fresh link: 200, Location: none, query keys (none)',
      'GET after the HEAD: 302, Location: redirect URI, query keys code,state (the link still worked)',
      'listConnections for an unknown organization (org_00000000000000000000000000): 200 with 0 connection(s)',
      expect.stringMatching(
        /^wire shapes: \d+ API response\(s\) checked, all match dev\/workos-emulator\/wire-schemas\.ts$/,
      ),
    ]);
    // Nothing secret on stdout: no link token, no code, no key, no full address.
    const requests = (await (await t.call('GET', '/_emulator/requests')).json()) as LoggedRequest[];
    const links = requests.filter((r) => r.path.endsWith('/confirm'));
    const tokens = [...new Set(links.map((r) => r.path.split('/')[2] ?? ''))];
    const codes = requests.filter((r) => r.path === '/sso/token').map((r) => String(r.body?.code));
    expect(tokens.length).toBe(4);
    expect(codes.length).toBe(3);
    for (const secret of [...tokens, ...codes, t.emulator.apiKey, 'smoke@example.com', '/passwordless/']) {
      expect(run.stdout).not.toContain(secret);
    }
    // It never asked for an email to be sent.
    expect(requests.filter((r) => r.path.endsWith('/send'))).toEqual([]);
    expect(await t.emails()).toEqual([]);
  });

  it('skips the foreign-email point without an organization and reports the environment connection', async () => {
    const run = await smoke({ ...emulatorEnv(), SMOKE_EMAIL: 'solo@elsewhere.test' });
    expect(run.code).toBe(0);
    expect(run.findings).toContain(
      `domain routing (no connection, s***@elsewhere.test): ${profile('conn_01JENVMAGCK000000000000001', null)}`,
    );
    expect(run.findings).toContain('connection + foreign-domain email: skipped (set SMOKE_ORGANIZATION_ID)');
  });

  it('with --rate-limit, reports the 429 body keys and Retry-After (and only that)', async () => {
    await t.call('POST', '/_emulator/faults', {
      method: 'POST',
      path: '/passwordless/sessions',
      status: 429,
      retryAfter: 7,
    });
    const limited = await smoke({ ...emulatorEnv(), SMOKE_RATE_LIMIT_MAX: '5' }, ['--rate-limit']);
    expect(limited.code).toBe(0);
    expect(limited.findings).toEqual([
      'rate limit: 429 after 1 createSession call(s); body keys message,code; code="rate_limit_exceeded", ' +
        'message="Too many requests (injected fault)"',
      'rate limit: Retry-After "7" (SDK retryAfter 7)',
      'wire shapes: 1 API response(s) checked, all match dev/workos-emulator/wire-schemas.ts',
    ]);
    const unlimited = await smoke({ ...emulatorEnv(), SMOKE_RATE_LIMIT_MAX: '3' }, ['--rate-limit']);
    expect(unlimited.findings[0]).toBe('rate limit: no 429 after 3 createSession calls');
  });

  it('exits 1 when WorkOS cannot be reached or a response breaks the schemas', async () => {
    const down = await smoke({ ...emulatorEnv(), WORKOS_API_PORT: '1' });
    expect(down.code).toBe(1);
    expect(down.findings[0]).toMatch(/^WithoutConnection failed: /);
    await t.call('POST', '/_emulator/faults', { path: '/connections', status: 404, body: { gone: true } });
    const broken = await smoke(emulatorEnv());
    expect(broken.code).toBe(1);
    expect(broken.findings).toContain(
      'wire shape mismatch: GET /connections 404: message: Invalid input: expected string, received undefined',
    );
  });
});
