/** Fields a log line may carry. Callers pass masked emails; codes, states, links and seals never. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Writes one structured JSON line per event (ASVS 16.3.1). JSON encoding escapes CR/LF, so a
 * value cannot forge a second line (ASVS 16.4.1).
 */
export function logEvent(event: string, fields: LogFields): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level: 'info', event, ...fields });
  console.log(line);
}
