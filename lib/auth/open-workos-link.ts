import 'server-only';
import type { WorkOSBudget } from './workos-budget.ts';

/**
 * Opens a WorkOS Magic Link on the server, the way a browser would but without following the
 * redirect, and returns where WorkOS sends the person: this app's callback with `code` and
 * `state` (or `error`). Null when WorkOS answers anything else. The email never carried this link,
 * so no mail scanner could have opened it first.
 */
export async function openWorkOSLink(
  link: string,
  appUrl: string,
  budget: WorkOSBudget,
): Promise<URL | null> {
  const response = await budget.call('open_link', () =>
    fetch(link, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(budget.remaining()) }),
  );
  const location = response.headers.get('location');
  await response.body?.cancel();
  if (response.status < 300 || response.status > 399 || !location) return null;
  const target = new URL(location, link);
  return `${target.origin}${target.pathname}` === `${appUrl}/api/auth/callback` ? target : null;
}
