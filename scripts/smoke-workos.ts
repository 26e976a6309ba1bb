// Asks a real WorkOS environment the questions the emulator's README lists under "Behaviours no
// source settles", and checks every API response against dev/workos-emulator/wire-schemas.ts.
// Never sends an email (createSession only, no sendSession); opens the links itself with
// `redirect: 'manual'`; prints one line per finding and never a code, token, link or key.
// Usage: scripts/README.md. Exit: 0 all probes ran and every response matched the schemas,
// 1 a probe failed or a response did not match, 2 configuration missing.
import { WorkOS } from '@workos-inc/node';
import { ResponseTap } from '../dev/workos-emulator/response-tap.ts';
import { OPTIONAL, REQUIRED, describeError, readConfig, type SmokeConfig } from './smoke-workos-lib.ts';
import * as probes from './smoke-workos-probes.ts';

const args = new Set(process.argv.slice(2));

function usage(missing: string[]): never {
  console.error(`smoke-workos: missing ${missing.join(', ')}. It needs:`);
  for (const [name, what] of Object.entries(REQUIRED)) console.error(`  ${name.padEnd(22)} ${what}`);
  console.error('Optional:');
  for (const [name, what] of Object.entries(OPTIONAL)) console.error(`  ${name.padEnd(22)} ${what}`);
  console.error('Flags: --rate-limit (only the 429 probe), --live (allow an sk_live_ key)');
  process.exit(2);
}

function client(config: SmokeConfig, tap: ResponseTap): WorkOS {
  return new WorkOS(config.apiKey, {
    clientId: config.clientId,
    apiHostname: config.hostname,
    port: config.port,
    https: config.https,
    maxRetries: 0,
    timeout: 15_000,
    fetchFn: tap.fetch,
  });
}

const read = readConfig(process.env);
if (!read.ok) usage(read.missing);
const config = read.config;
if (config.apiKey.startsWith('sk_live_') && !args.has('--live')) {
  console.error(
    'smoke-workos: this is a production key (sk_live_); use a staging environment, or pass --live.',
  );
  process.exit(2);
}

const tap = new ResponseTap();
const base = `${config.https ? 'https' : 'http'}://${config.hostname}${config.port ? `:${config.port}` : ''}`;
tap.watch(base);
const ctx: probes.SmokeContext = { workos: client(config, tap), tap, config };
const run = args.has('--rate-limit')
  ? [probes.probeRateLimit]
  : [
      probes.probeWithoutConnection,
      probes.probeWithConnection,
      probes.probeHead,
      probes.probeUnknownOrganization,
    ];

console.log(
  `smoke-workos: ${new URL(base).host}${args.has('--rate-limit') ? ' (rate-limit probe only)' : ''}`,
);
let failed = false;
for (const probe of run) {
  try {
    for (const line of await probe(ctx)) console.log(`finding: ${line}`);
  } catch (error) {
    failed = true;
    console.log(`finding: ${probe.name.replace(/^probe/, '')} failed: ${describeError(error)}`);
  }
}

const records = await tap.take();
const problems = records.flatMap((record) => record.problems);
for (const problem of problems) console.log(`finding: wire shape mismatch: ${problem}`);
console.log(
  `finding: wire shapes: ${records.length} API response(s) checked, ${
    problems.length === 0
      ? 'all match dev/workos-emulator/wire-schemas.ts'
      : `${problems.length} mismatch(es)`
  }`,
);
process.exit(failed || problems.length > 0 ? 1 : 0);
