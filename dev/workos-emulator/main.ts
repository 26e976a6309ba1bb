// CLI: `node dev/workos-emulator/main.ts` (npm run emulator).
import { emulatorOptionsFromEnv } from './env-options.ts';
import { startEmulator } from './index.ts';

async function main(): Promise<void> {
  const emulator = await startEmulator({
    ...emulatorOptionsFromEnv(process.env),
    log: (line) => console.log(`[workos-emulator] ${line}`),
  });
  console.log(`[workos-emulator] API      ${emulator.url}  (client ${emulator.clientId})`);
  console.log(`[workos-emulator] Inbox    ${emulator.inboxUrl}`);
  console.log(`[workos-emulator] SMTP     smtp://${new URL(emulator.url).hostname}:${emulator.smtpPort}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[workos-emulator] ${signal}: stopping`);
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(
    `[workos-emulator] failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
