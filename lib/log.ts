/** Fields a log line may carry. Callers pass masked emails; codes, states, links and seals never. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export type LogLevel = 'info' | 'warn' | 'error';

/**
 * The level of each event that is not plain `info`. `warn`: a person's request was refused (worth
 * watching in bulk). `error`: a dependency or the deployment itself is broken (someone must act).
 * Warn and error lines go to stderr (console.warn / console.error), which Vercel's log level
 * filter shows as Warning and Error; the JSON is the same on every stream.
 */
const LEVELS: Record<string, LogLevel> = {
  'auth.callback_failed': 'warn',
  'auth.confirm_failed': 'warn',
  'auth.continue_failed': 'warn',
  'auth.code_failed': 'warn',
  'auth.rate_limited': 'warn',
  'auth.return_to_rejected': 'warn',
  'auth.organization_not_found': 'warn',
  'auth.organization_domain_mismatch': 'warn',
  'auth.config_error': 'error',
  'auth.delivery_rejected': 'warn',
  'auth.request_failed': 'error',
  'auth.rate_limit_unavailable': 'error',
  'rate_limit.unavailable': 'error',
  // The deployment's send budget is spent: every sign-in is refused until it refills.
  'rate_limit.global_exhausted': 'error',
  // CLIENT_IP_HEADER is set but a request's value is missing or malformed (a proxy problem).
  'rate_limit.ip_unusable': 'warn',
  'session.check_failed': 'error',
  'session.revoke_failed': 'error',
  // The session index, idle clock and activity log (lib/auth/sessions): the store failed part-way.
  'session.register_failed': 'error',
  'session.refresh_failed': 'warn',
  'session.list_failed': 'error',
  'activity.write_failed': 'warn',
};

/** The level an event is logged at. */
export function logLevel(event: string): LogLevel {
  return LEVELS[event] ?? 'info';
}

const WRITERS: Record<LogLevel, (line: string) => void> = {
  info: (line) => console.log(line),
  warn: (line) => console.warn(line),
  error: (line) => console.error(line),
};

/**
 * Writes one structured JSON line per event (ASVS 16.3.1). JSON encoding escapes CR/LF, so a
 * value cannot forge a second line (ASVS 16.4.1).
 */
export function logEvent(event: string, fields: LogFields): void {
  const level = logLevel(event);
  WRITERS[level](JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }));
}

const lastLogged = new Map<string, { at: number; suppressed: number }>();

/**
 * logEvent at most once per `intervalMs` for each `key` in this process; the next line that gets
 * through says how many were left out (`suppressed`). For events a flood would repeat on every
 * request, such as a spent budget or a misconfigured proxy header.
 */
export function logEventThrottled(
  event: string,
  key: string,
  fields: LogFields,
  intervalMs = 60_000,
  now = Date.now(),
): void {
  const last = lastLogged.get(`${event}|${key}`);
  if (last && now - last.at < intervalMs) {
    last.suppressed++;
    return;
  }
  lastLogged.set(`${event}|${key}`, { at: now, suppressed: 0 });
  // Bounded by the keys callers use (a handful of reasons and policies), never by request values.
  logEvent(event, { ...fields, suppressed: last?.suppressed ?? 0 });
}
