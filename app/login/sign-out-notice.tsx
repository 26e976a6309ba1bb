import { PendingButton } from '@/app/components/pending-button';
import { readPendingRevocations } from '@/lib/auth/pending-revocation';

/**
 * What the login page says after a sign-out (`?signout=…` from POST /api/auth/logout). While this
 * browser still holds session ids whose revocation could not be recorded, it says so, whatever the
 * URL claims, and offers to try again (a plain form: works without JavaScript).
 */
export async function SignOutNotice({ signout }: { signout: string | undefined }) {
  const pending = await readPendingRevocations();
  if (pending.length > 0) {
    return (
      <div className="alert warn">
        <p role="status" id="signout-status">
          You are signed out in this browser, but we could not end the session everywhere right now. If this
          cookie may have been copied, try again in a few minutes.
        </p>
        <form method="post" action="/api/auth/logout">
          <PendingButton className="secondary" pendingLabel="Ending the session…">
            End the session everywhere
          </PendingButton>
        </form>
      </div>
    );
  }
  if (signout !== 'complete' && signout !== 'incomplete') return null;
  return (
    <p className="alert ok" role="status" id="signout-status">
      You are signed out.
    </p>
  );
}
