import type { Metadata } from 'next';
import Link from 'next/link';
import { PendingButton } from '@/app/components/pending-button';
import { getEnv } from '@/lib/env';
import { peekConfirmation } from '@/lib/auth/confirmations';
import { readConfirmToken } from '@/lib/auth/flow-cookies';
import { maskEmail } from '@/lib/auth/mask';
import { getStore } from '@/lib/store';

export const metadata: Metadata = { title: 'Confirm sign-in' };

/** GET /login/confirm: a link opened on another device signs in only after this explicit click. */
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
  return (
    <div className="card">
      <h1>Sign in on this device?</h1>
      <p>
        Sign in as <strong data-testid="confirm-email">{maskEmail(confirmation.email)}</strong> on this
        device?
      </p>
      <p className="muted">
        The link was requested from another browser. Continue only if you asked for it just now.
      </p>
      <div className="actions">
        <form method="post" action="/api/auth/confirm">
          <PendingButton pendingLabel="Signing in…">Yes, sign me in</PendingButton>
        </form>
        <Link className="button secondary" href="/login">
          No, cancel
        </Link>
      </div>
    </div>
  );
}
