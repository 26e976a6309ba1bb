import { prefixedId } from './ids.ts';

/** One message as served by GET /_emulator/emails (a stable contract, see README). */
export interface InboxMessage {
  id: string;
  /** Recipient addresses joined with ", ". */
  to: string;
  from: string;
  subject: string;
  /** Plain-text body, '' when the message had none. */
  text: string;
  /** HTML body, '' when the message had none. */
  html: string;
  /** Every http(s) URL in text and html, de-duplicated, in order of appearance. */
  links: string[];
  createdAt: string;
}

export interface NewMessage {
  to: string[];
  from: string;
  subject: string;
  text?: string;
  html?: string;
}

// Old messages are dropped past this so a long dev session cannot grow without bound.
const MAX_MESSAGES = 500;

/** The single dev inbox shared by "WorkOS" emails and the SMTP sink. */
export class Inbox {
  private messages: { message: InboxMessage; recipients: string[] }[] = [];

  /** Stores a message and returns it as served. */
  add(input: NewMessage): InboxMessage {
    const text = input.text ?? '';
    const html = input.html ?? '';
    const message: InboxMessage = {
      id: prefixedId('email'),
      to: input.to.join(', '),
      from: input.from,
      subject: input.subject,
      text,
      html,
      links: extractLinks(text, html),
      createdAt: new Date().toISOString(),
    };
    this.messages.push({ message, recipients: input.to.map((a) => a.trim().toLowerCase()) });
    if (this.messages.length > MAX_MESSAGES) this.messages.shift();
    return message;
  }

  /** Newest first; `to` filters case-insensitively on any recipient. */
  list(to?: string): InboxMessage[] {
    const wanted = to?.trim().toLowerCase();
    return this.messages
      .filter((m) => !wanted || m.recipients.includes(wanted))
      .map((m) => m.message)
      .reverse();
  }

  /** Empties the inbox. */
  clear(): void {
    this.messages = [];
  }
}

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;

/** All http(s) URLs in the text and HTML bodies, de-duplicated, entities decoded. */
export function extractLinks(text: string, html: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(URL_PATTERN)) found.push(trimUrl(m[0]));
  for (const m of html.matchAll(/href\s*=\s*["']([^"']+)["']/gi)) found.push(decodeEntities(m[1] ?? ''));
  for (const m of html.matchAll(URL_PATTERN)) found.push(trimUrl(decodeEntities(m[0])));
  return [...new Set(found.filter((u) => /^https?:\/\/[^/\s]/i.test(u)))];
}

// Sentence punctuation and a closing bracket right after a URL in prose are not part of it.
function trimUrl(url: string): string {
  return url.replace(/[.,;:!?)\]}]+$/, '');
}

/** Decodes the HTML entities that can appear in an href. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#')) {
      const code = lower.startsWith('#x') ? parseInt(lower.slice(2), 16) : parseInt(lower.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    return named[lower] ?? whole;
  });
}
