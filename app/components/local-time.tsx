'use client';

import { useSyncExternalStore } from 'react';
import { utcText } from '@/lib/time-text';

// Nothing to subscribe to: the snapshot only tells the server (and hydration) from the browser.
const subscribe = () => () => {};
const inBrowser = () => true;
const onServer = () => false;

/**
 * A time in the reader's own time zone, `iso` being an ISO 8601 instant (`Date#toISOString`).
 * The server, and the first render in the browser so that hydration matches, show UTC, which is
 * all a browser without JavaScript ever sees; after hydration the browser's own zone and locale
 * take over, with UTC kept in the tooltip. Not for /login, whose first-load JS stays at the floor.
 */
export function LocalTime({ iso, withDate = false }: { iso: string; withDate?: boolean }) {
  const hydrated = useSyncExternalStore(subscribe, inBrowser, onServer);
  const at = Date.parse(iso);
  const utc = utcText(at, withDate);
  const style = withDate
    ? ({ dateStyle: 'medium', timeStyle: 'short' } as const)
    : ({ timeStyle: 'short' } as const);
  return (
    <time dateTime={iso} title={utc}>
      {hydrated ? new Intl.DateTimeFormat(undefined, style).format(at) : utc}
    </time>
  );
}
