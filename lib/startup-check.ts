// Imported once at server start (instrumentation.ts, Node runtime only): a missing or unsafe
// setting stops the server here with a message naming the variable, not on the first request.
import { ConfigError, loadEnv } from './env.ts';

try {
  loadEnv();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Configuration error: ${error.message} See .env.example.`);
  process.exit(1);
}
