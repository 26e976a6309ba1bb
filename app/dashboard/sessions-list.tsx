import { LocalTime } from '@/app/components/local-time';
import { PendingButton } from '@/app/components/pending-button';
import type { ReactNode } from 'react';
import type { SessionView } from '@/lib/auth/sessions/registry';

/** One plain form per action: they post to /api/auth/sessions/revoke and work without JavaScript. */
function RevokeForm({
  field,
  value,
  label,
  pending,
}: {
  field: string;
  value: string;
  label: ReactNode;
  pending: string;
}) {
  return (
    <form method="post" action="/api/auth/sessions/revoke">
      <input type="hidden" name={field} value={value} />
      <PendingButton className="secondary small" pendingLabel={pending}>
        {label}
      </PendingButton>
    </form>
  );
}

/** The person's live sessions, the current one marked, each with its own "Sign out". */
export function SessionsList({ sessions }: { sessions: SessionView[] | null }) {
  return (
    <section aria-labelledby="sessions-heading" className="panel" data-testid="sessions">
      <h2 id="sessions-heading">Where you are signed in</h2>
      {sessions?.length === 0 ? (
        <p className="muted">
          This browser signed in before this list existed: it is not listed, and &quot;Sign out&quot; above
          ends it.
        </p>
      ) : null}
      {sessions === null ? (
        <p className="alert warn" role="status">
          Your sessions cannot be listed right now. Please reload the page in a moment.
        </p>
      ) : (
        <ul className="rows">
          {sessions.map((session) => (
            <li key={session.id} className="row" data-testid="session-row" data-current={session.current}>
              <div>
                <strong>{session.device}</strong>
                {session.current ? <span className="badge">This browser</span> : null}
                <div className="muted small">
                  {session.ip ? `${session.ip} · ` : ''}
                  signed in <LocalTime iso={session.createdAt} withDate /> · last active{' '}
                  <LocalTime iso={session.lastActiveAt} withDate />
                  {session.remember ? ' · kept signed in' : ''}
                </div>
              </div>
              <RevokeForm
                field="id"
                value={session.id}
                // One "Sign out" per row: the hidden words make each button's name say which session.
                label={
                  <>
                    Sign out<span className="sr-only"> session: {session.device}</span>
                  </>
                }
                pending="Signing out…"
              />
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <RevokeForm
          field="others"
          value="true"
          label="Sign out all other sessions"
          pending="Signing out others…"
        />
        <RevokeForm field="all" value="true" label="Sign out everywhere" pending="Signing out everywhere…" />
      </div>
    </section>
  );
}
