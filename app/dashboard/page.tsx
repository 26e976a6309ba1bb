import type { Metadata } from 'next';
import { LocalTime } from '@/app/components/local-time';
import { PendingButton } from '@/app/components/pending-button';
import { redirect } from 'next/navigation';
import { readSessionCookie } from '@/lib/auth/session';
import { readOverview } from '@/lib/auth/sessions/overview';
import { ActivityList } from './activity-list';
import { SessionsList } from './sessions-list';

type Params = Promise<Record<string, string | string[] | undefined>>;

/** What the last session action did (`?sessions=` after a revoke form's 303). */
function SessionsNotice({ status, count }: { status?: string; count?: string }) {
  const n = Number(count);
  if (status === 'revoked')
    return (
      <p className="alert ok" role="status" data-testid="sessions-notice">
        {n === 1
          ? 'Signed out 1 session.'
          : n > 1
            ? `Signed out ${n} sessions.`
            : 'There were no other sessions.'}
      </p>
    );
  if (status === 'incomplete' || status === 'unavailable')
    return (
      <p className="alert warn" role="alert" data-testid="sessions-notice">
        {status === 'incomplete'
          ? 'Some sessions could not be signed out just now. Please try again in a moment.'
          : 'We could not reach your sessions just now. Nothing was changed; please try again.'}
      </p>
    );
  if (status === 'not_found')
    return (
      <p className="alert ok" role="status" data-testid="sessions-notice">
        That session had already ended.
      </p>
    );
  return null;
}

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

export const metadata: Metadata = { title: 'Dashboard' };

/** GET /dashboard: the signed-in area. Checks the session itself; the middleware is only a first gate. */
export default async function DashboardPage({ searchParams }: { searchParams: Params }) {
  // The session check and the two lists go out together: one store round trip on Upstash. A list
  // the store cannot read is null: the page still renders, with a notice in that section.
  const user = await readSessionCookie();
  const overview = user ? await readOverview(user, { activity: true }) : null;
  if (!user || overview?.check !== 'ok')
    redirect(`/login?${new URLSearchParams({ returnTo: '/dashboard' })}`);
  const { sessions, events } = overview;
  const params = await searchParams;
  return (
    <div className="card wide" data-testid="dashboard">
      <h1>You are signed in</h1>
      <p className="muted">Welcome back. This page is only visible with a valid session.</p>
      <SessionsNotice status={single(params.sessions)} count={single(params.count)} />
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
      <SessionsList sessions={sessions} />
      <ActivityList events={events} />
    </div>
  );
}
