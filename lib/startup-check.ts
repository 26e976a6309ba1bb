// Imported once at server start (instrumentation.ts, Node runtime only): a missing or unsafe
// setting stops the server here with a message naming the variable, not on the first request.
import { ConfigError, loadEnv } from './env.ts';

try {
  const env = loadEnv();
  if (env.production && !env.clientIpHeader)
    console.warn(
      '[env] CLIENT_IP_HEADER is not set: the client IP is unknown, so no per-IP limit applies and one address can be held by anyone asking 3 times per 15 minutes (the per-address limits and RATE_LIMIT_GLOBAL still apply). Set it to the header your proxy sets.',
    );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  const list = error.problems.map((problem) => `  - ${problem}`).join('\n');
  console.error(`Configuration error (see .env.example):\n${list}`);
  process.exit(1);
}
