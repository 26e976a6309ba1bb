// Imported once at server start (instrumentation.ts, Node runtime only): a missing or unsafe
// setting stops the server here with a message naming the variable, not on the first request.
import { ConfigError, loadEnv } from './env.ts';

try {
  const env = loadEnv();
  if (env.production && !env.clientIpHeader)
    console.warn(
      '[env] CLIENT_IP_HEADER is not set: the client IP is unknown, so only the per-email limit applies. Set it to the header your proxy sets.',
    );
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message} See .env.example.`);
  process.exit(1);
}
