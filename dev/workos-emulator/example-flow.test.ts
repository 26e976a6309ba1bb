import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from './index.ts';

const run = promisify(execFile);
let emulator: Awaited<ReturnType<typeof startEmulator>>;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, smtpPort: 0 });
});
afterAll(() => emulator.close());

describe('example-flow.ts (README)', () => {
  it('gets a Magic Link profile with only the SDK and the control API', async () => {
    const script = new URL('./example-flow.ts', import.meta.url).pathname;
    const { stdout } = await run(process.execPath, [script, emulator.url]);
    const result = JSON.parse(stdout) as {
      state: string;
      profile: { connectionType: string; email: string };
    };
    expect(result.state).toBe('xyz');
    expect(result.profile.connectionType).toBe('MagicLink');
    expect(result.profile.email).toMatch(/^example-\d+@example\.com$/);
  });
});
