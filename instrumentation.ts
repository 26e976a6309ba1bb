// Runs once when a server instance starts: a missing or unsafe setting stops it here, with a
// message naming the variable, instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { loadEnv, ConfigError } = await import('./lib/env.ts');
  try {
    loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message} See .env.example.`);
    process.exit(1);
  }
}
