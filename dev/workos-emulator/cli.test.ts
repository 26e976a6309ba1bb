import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));

let dir: string;
let child: ChildProcess;
let output = '';

/** Resolves with the first stdout match of `pattern` (the CLI prints its URLs once listening). */
function waitFor(pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not print ${pattern}:\n${output}`)), 10_000);
    const check = () => {
      const match = pattern.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve(match);
    };
    child.stdout?.on('data', check);
    check();
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'workos-emulator-'));
  const seed = {
    includeDefaults: false,
    organizations: [{ id: 'org_01JACME0000000000000000001', name: 'Acme', domains: ['acme.test'] }],
    connections: [
      { id: 'conn_01JACME000000000000000001', organization_id: 'org_01JACME0000000000000000001' },
    ],
  };
  writeFileSync(join(dir, 'seed.json'), JSON.stringify(seed));
  child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      WORKOS_EMULATOR_PORT: '0',
      WORKOS_EMULATOR_SMTP_PORT: '0',
      WORKOS_EMULATOR_API_KEY: 'sk_test_cli',
      WORKOS_EMULATOR_SEED: join(dir, 'seed.json'),
      WORKOS_EMULATOR_PUBLIC_URL: 'http://links.localhost:9999/',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('main.ts', () => {
  it('starts from the environment, serves the seed file, and stops on SIGTERM', async () => {
    const [, apiUrl] = await waitFor(/API\s+(http:\/\/\S+)/);
    await waitFor(/SMTP\s+smtp:\/\/127\.0\.0\.1:\d+/);
    expect(output).toContain('Inbox    http://links.localhost:9999/_emulator/inbox');
    const health = await fetch(`${apiUrl}/_emulator/health`);
    expect(await health.json()).toEqual({ ok: true });
    const res = await fetch(`${apiUrl}/connections`, { headers: { Authorization: 'Bearer sk_test_cli' } });
    const list = (await res.json()) as { data: { id: string }[] };
    expect(list.data.map((c) => c.id)).toEqual(['conn_01JACME000000000000000001']);
    await waitFor(/GET \/connections 200/);
    expect(output).not.toContain('sk_test_cli');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
