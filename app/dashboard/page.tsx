import type { Metadata } from 'next';
import { LocalTime } from '@/app/components/local-time';
import { PendingButton } from '@/app/components/pending-button';
import { requireUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Dashboard' };

/** GET /dashboard: the signed-in area. Checks the session itself; the middleware is only a first gate. */
export default async function DashboardPage() {
  const user = await requireUser('/dashboard');
  return (
    <div className="card wide" data-testid="dashboard">
      <h1>You are signed in</h1>
      <p className="muted">Welcome back. This page is only visible with a valid session.</p>
      <dl className="facts">
        <dt>Email</dt>
        <dd data-testid="user-email">{user.email}</dd>
        <dt>Organization</dt>
        <dd data-testid="user-org">{user.organizationId ?? 'None (personal sign-in)'}</dd>
        <dt>Signed in</dt>
        <dd data-testid="signed-in-at">
          <LocalTime iso={user.signedInAt.toISOString()} withDate />
        </dd>
        <dt>Session expires</dt>
        <dd data-testid="session-expires">
          <LocalTime iso={user.expiresAt.toISOString()} withDate />
        </dd>
      </dl>
      <form method="post" action="/api/auth/logout" className="actions">
        <PendingButton className="secondary" pendingLabel="Signing out…">
          Sign out
        </PendingButton>
      </form>
    </div>
  );
}
