// The check-email page's sentences that depend on configuration, kept pure so they can be tested.
import type { Env } from '../env.ts';

/** SIGN_IN_METHOD's values. */
export type SignInMethod = Env['signInMethod'];

/**
 * What the emails sent earlier for the same pending request can still do after a resend. Each
 * link keeps its own attempt until it expires; the code attempt keeps only the newest code.
 */
export function earlierSendsNote(method: SignInMethod): string {
  switch (method) {
    case 'link':
      return 'Links sent earlier still work until they expire; any of them signs you in once.';
    case 'code':
      return 'Only the newest code works; codes sent earlier no longer do.';
    case 'link+code':
      return 'Links sent earlier still work until they expire; only the newest code works.';
  }
}

/** WorkOS's Magic Auth codes live 10 minutes, whatever the app asks. */
const WORKOS_CODE_SECONDS = 600;

/**
 * Whether the email may name a later expiry than the app enforces. WorkOS's own emails state
 * WorkOS's lifetime (a link: the 900 s the app asks for, WorkOS's minimum; a code: 10 minutes),
 * while the app stops accepting after MAGIC_LINK_TTL_SECONDS (<= 600). Our own email (smtp) states
 * the app's lifetime, from the same expiresAt as the page.
 */
export function emailMayStateLater(input: {
  delivery: 'workos' | 'smtp';
  method: SignInMethod;
  ttlSeconds: number;
}): boolean {
  if (input.delivery === 'smtp') return false;
  return input.method !== 'code' || input.ttlSeconds < WORKOS_CODE_SECONDS;
}
