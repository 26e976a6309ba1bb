/** Path prefixes that need a signed-in user: the one list the middleware guard reads. */
export const PROTECTED_PREFIXES = ['/dashboard'] as const;

/**
 * True for a protected page and every URL form Next serves it under (`/dashboard/x`,
 * `/dashboard.rsc`, `/dashboard.segments/...`), so prefetch variants are guarded too.
 */
export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some(
    (prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`) || pathname.startsWith(`${prefix}.`),
  );
}
