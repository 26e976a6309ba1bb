import type { Confirmation } from '@/lib/auth/confirmations';
import type { SessionUser } from '@/lib/auth/session-config';

/** True when the pending sign-in is the account this browser is already signed in to. */
export function isSameAccount(current: SessionUser, confirmation: Confirmation): boolean {
  return (
    current.email.toLowerCase() === confirmation.email.toLowerCase() &&
    current.organizationId === confirmation.organizationId
  );
}

/**
 * What continuing does to the session this browser already has: the same account gets a fresh
 * session; another account is signed out (its session ended) and replaced by the new one.
 */
export function CurrentSession({
  current,
  confirmation,
}: {
  current: SessionUser;
  confirmation: Confirmation;
}) {
  if (isSameAccount(current, confirmation)) {
    return (
      <p className="alert ok" data-testid="confirm-current">
        You are already signed in as <strong>{current.email}</strong> in this browser. Continuing only starts
        a fresh session for the same account.
      </p>
    );
  }
  return (
    <p className="alert warn" data-testid="confirm-current">
      You are signed in as <strong data-testid="current-email">{current.email}</strong> in this browser.
      Continuing signs you out of that account and signs you in as {confirmation.email} instead.
    </p>
  );
}
