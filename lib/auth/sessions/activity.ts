import 'server-only';
import { headers } from 'next/headers';
import { logEvent } from '../../log.ts';
import { getStore } from '../../store/index.ts';
import { describeDevice } from './device.ts';
import { activityKey, personKey } from './keys.ts';

// A person's own recent sign-in activity, for the dashboard: the newest ACTIVITY_MAX events, kept
// ACTIVITY_TTL_SECONDS after the last one. Operators have the JSON log lines; this is the person's view.

export const ACTIVITY_MAX = 20;
export const ACTIVITY_TTL_SECONDS = 30 * 86_400;

/** What happened, in the person's terms. */
export const ACTIVITY_LABELS = {
  requested: 'Sign-in link or code requested',
  signed_in: 'Signed in',
  failed: 'Sign-in attempt failed',
  expired: 'Expired or already used link',
  confirm_shown: 'Link opened on another device (waiting for confirmation)',
  confirmed: 'Sign-in confirmed on another device',
  cancelled: 'Sign-in on another device cancelled',
  revoked: 'Session signed out remotely',
  signed_out: 'Signed out',
} as const;

export type ActivityKind = keyof typeof ACTIVITY_LABELS;

/** One event as stored and shown. */
export type ActivityEvent = {
  at: string;
  kind: ActivityKind;
  outcome: 'success' | 'failure' | 'info';
  device: string;
  ip: string | null;
};

const OUTCOME: Record<ActivityKind, ActivityEvent['outcome']> = {
  requested: 'info',
  signed_in: 'success',
  failed: 'failure',
  expired: 'failure',
  confirm_shown: 'info',
  confirmed: 'success',
  cancelled: 'info',
  revoked: 'info',
  signed_out: 'info',
};

async function userAgent(): Promise<string | null> {
  try {
    return (await headers()).get('user-agent');
  } catch {
    return null; // outside a request (a script): no device to name
  }
}

/**
 * Adds an event to the person's activity. Never fails the request it belongs to: a store failure
 * is logged (`activity.write_failed`) and the event is only in the operators' log.
 */
export async function recordActivity(email: string, kind: ActivityKind, ip: string | null): Promise<void> {
  try {
    const event: ActivityEvent = {
      at: new Date().toISOString(),
      kind,
      outcome: OUTCOME[kind],
      device: describeDevice(await userAgent()),
      ip,
    };
    await getStore().listPush(
      activityKey(await personKey(email)),
      JSON.stringify(event),
      ACTIVITY_MAX,
      ACTIVITY_TTL_SECONDS,
    );
  } catch (error) {
    logEvent('activity.write_failed', { kind, reason: error instanceof Error ? error.name : 'unknown' });
  }
}

function parseEvent(text: string): ActivityEvent | null {
  try {
    const value = JSON.parse(text) as Partial<ActivityEvent>;
    return typeof value.at === 'string' && typeof value.kind === 'string' && value.kind in ACTIVITY_LABELS
      ? (value as ActivityEvent)
      : null;
  } catch {
    return null;
  }
}

/**
 * The person's recent events, newest first. With `person` (their personKey) the read is issued
 * before the first await, so it can share an Upstash round trip with reads issued beside it.
 */
export async function listActivity(email: string, person?: string): Promise<ActivityEvent[]> {
  const items = await getStore().listRange(activityKey(person ?? (await personKey(email))), ACTIVITY_MAX);
  return items.map(parseEvent).filter((event): event is ActivityEvent => event !== null);
}
