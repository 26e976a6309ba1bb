import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingButton } from '@/app/components/pending-button';
import { getEnv } from '@/lib/env';
import { peekConfirmation } from '@/lib/auth/confirmations';
import { readConfirmToken } from '@/lib/auth/flow-cookies';
import { getSession } from '@/lib/auth/session';
import { getStore } from '@/lib/store';
import { CurrentSession } from './current-session';

export const metadata: Metadata = { title: 'Confirm sign-in' };

/**
 * GET /login/confirm: a link opened in a browser that did not ask for it signs in only after this
 * explicit click. Shows the full address being signed in (the page is `no-store`, next.config.ts,
 * and the address comes from the store behind the HttpOnly `pl_confirm` cookie, never the URL) and
 * who is signed in in this browser now, if anyone.
 */
export default async function ConfirmPage() {
  const token = await readConfirmToken();
  const confirmation = token
    ? await peekConfirmation(getStore(), token, getEnv().appUrl).catch(() => null)
    : null;
  if (!confirmation) {
    return (
      <div className="card">
        <h1>This sign-in request has expired</h1>
        <p className="alert error" role="alert">
          The confirmation is no longer valid. Request a new sign-in link to continue.
        </p>
        <Link className="button" href="/login">
          Request a new link
        </Link>
      </div>
    );
  }
  const current = await getSession();
  return (
    <div className="card">
      <h1>Confirm this sign-in</h1>
      <p>
        Sign in as <strong data-testid="confirm-email">{confirmation.email}</strong> in this browser?
      </p>
      <p className="muted" data-testid="confirm-why">
        This sign-in link was opened in a browser that did not ask for it: another device or browser, or this
        one after its cookies were cleared. Continue only if you asked for a link just now and opened it
        yourself.
      </p>
      {current ? <CurrentSession current={current} confirmation={confirmation} /> : null}
      <div className="actions">
        <form method="post" action="/api/auth/confirm">
          <PendingButton pendingLabel="Signing in…">Yes, sign me in</PendingButton>
        </form>
        <form method="post" action="/api/auth/confirm/cancel">
          <PendingButton className="secondary" pendingLabel="Cancelling…">
            No, cancel
          </PendingButton>
        </form>
      </div>
    </div>
  );
}
