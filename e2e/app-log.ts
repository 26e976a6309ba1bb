import { readFileSync, statSync } from 'node:fs';
import { expect } from '@playwright/test';
import { E2E, type E2ETarget } from './servers.ts';

/** One JSON event line of an app server's log. */
export type LogEvent = { event: string; level: string } & Record<string, unknown>;

const path = (target: E2ETarget) => `${E2E.logDir}/${target.name}.log`;

/** Where the app's log ends now: events logged later are "since" this mark. */
export function logMark(target: E2ETarget): number {
  return statSync(path(target)).size;
}

/** The JSON events the app logged after `mark`. */
export function eventsSince(target: E2ETarget, mark: number): LogEvent[] {
  return readFileSync(path(target))
    .subarray(mark)
    .toString('utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogEvent);
}

/** Waits for an event matching `fields` to be logged after `mark`, and returns it. */
export async function expectLogged(target: E2ETarget, mark: number, fields: Partial<LogEvent>) {
  let found: LogEvent | undefined;
  await expect
    .poll(() => (found = eventsSince(target, mark).find((e) => matches(e, fields))) !== undefined, {
      message: `an event like ${JSON.stringify(fields)} in ${target.name}'s log`,
      timeout: 5_000,
    })
    .toBe(true);
  return found as LogEvent;
}

function matches(event: LogEvent, fields: Partial<LogEvent>) {
  return Object.entries(fields).every(([key, value]) => event[key] === value);
}
