// Runs once when a server instance starts (Next's documented hook; NEXT_RUNTIME is set by Next).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') await import('./lib/startup-check.ts');
}
