import { LocalTime } from '@/app/components/local-time';
import { ACTIVITY_LABELS, type ActivityEvent } from '@/lib/auth/sessions/activity';

const OUTCOME_TEXT = { success: 'Succeeded', failure: 'Failed', info: '' } as const;

/** The person's recent sign-in events, newest first. */
export function ActivityList({ events }: { events: ActivityEvent[] | null }) {
  return (
    <section aria-labelledby="activity-heading" className="panel" data-testid="activity">
      <h2 id="activity-heading">Recent sign-in activity</h2>
      {events === null ? (
        <p className="alert warn" role="status">
          Your activity cannot be shown right now. Please reload the page in a moment.
        </p>
      ) : events.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <ul className="rows">
          {events.map((event, index) => (
            <li
              key={`${event.at}-${index}`}
              className="row"
              data-testid="activity-row"
              data-kind={event.kind}
            >
              <div>
                <strong className={event.outcome === 'failure' ? 'failure' : undefined}>
                  {ACTIVITY_LABELS[event.kind]}
                </strong>
                {OUTCOME_TEXT[event.outcome] ? (
                  <span className="sr-only"> ({OUTCOME_TEXT[event.outcome]})</span>
                ) : null}
                <div className="muted small">
                  <LocalTime iso={event.at} withDate /> · {event.device}
                  {event.ip ? ` · ${event.ip}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
