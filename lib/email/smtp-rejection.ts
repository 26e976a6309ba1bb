/** What may be logged about a recipient the relay refused: codes only, never the reply text. */
export type RecipientRejection = { responseCode: number; enhancedCode: string | null };

type SmtpError = { code?: unknown; command?: unknown; responseCode?: unknown; response?: unknown };

// RFC 3463 enhanced status code at the start of the reply text: `550 5.1.1 <a@b>: User unknown`.
const ENHANCED = /^\d{3}[ -]([245]\.\d{1,3}\.\d{1,3})\b/;

/**
 * The permanent (5xx) rejection of the recipient at `RCPT TO` in a nodemailer error, or null for
 * every other failure: a relay that is down, times out or fails its greeting (no reply code), a
 * temporary 4xx, or a refusal of our sender (`MAIL FROM`) or of the message (`DATA`), which would
 * refuse every address alike. The reply text is dropped: relays echo the address in it.
 */
export function recipientRejection(error: unknown): RecipientRejection | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, command, responseCode, response } = error as SmtpError;
  if (code !== 'EENVELOPE' || command !== 'RCPT TO') return null;
  if (typeof responseCode !== 'number' || responseCode < 500 || responseCode > 599) return null;
  const enhanced = typeof response === 'string' ? (ENHANCED.exec(response)?.[1] ?? null) : null;
  return { responseCode, enhancedCode: enhanced };
}
