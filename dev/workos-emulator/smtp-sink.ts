// SMTP sink: accepts any message (no TLS, any or no auth) and drops it into the dev inbox.
// Recipients whose local part starts with `reject-` or `bounce-` (any case) are refused at RCPT TO
// with `550 5.1.1 <address>: Recipient address rejected: User unknown` (the address echoed, as
// real relays do), so an app can be tested against a permanent per-recipient rejection.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Inbox, NewMessage } from './inbox.ts';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const REJECTED_LOCAL_PART = /^(?:reject|bounce)-/i;

export interface SmtpSink {
  port: number;
  close(): Promise<void>;
}

function addressesOf(field: ParsedMail['to']): string[] {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? '')).filter(Boolean);
}

/** Inbox message from a parsed mail; the envelope recipients (incl. Bcc) are who it was delivered to. */
export function toInboxMessage(mail: ParsedMail, session: SMTPServerSession): NewMessage {
  const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
  const mailFrom = session.envelope.mailFrom;
  return {
    to: envelopeTo.length > 0 ? envelopeTo : addressesOf(mail.to),
    from: mail.from?.text ?? (mailFrom ? mailFrom.address : ''),
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: typeof mail.html === 'string' ? mail.html : '',
  };
}

/** True for an address the sink refuses at RCPT TO (local part `reject-…` or `bounce-…`). */
export function isRejectedRecipient(address: string): boolean {
  return REJECTED_LOCAL_PART.test(address.slice(0, Math.max(0, address.lastIndexOf('@'))));
}

/** The 550 error smtp-server sends for a refused recipient. */
function unknownUser(address: string): Error & { responseCode: number } {
  const error = new Error(`5.1.1 <${address}>: Recipient address rejected: User unknown`);
  return Object.assign(error, { responseCode: 550 });
}

/** Starts the sink on host:port (0 = ephemeral) and resolves once it listens. */
export async function startSmtpSink(inbox: Inbox, host: string, port: number, log: (line: string) => void) {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    size: MAX_MESSAGE_BYTES,
    banner: 'WorkOS emulator SMTP sink',
    // Keep close() prompt: pooled clients would otherwise hold it for the 30 s default.
    closeTimeout: 100,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username || 'anonymous' }),
    onRcptTo: (address, _session, callback) =>
      callback(isRejectedRecipient(address.address) ? unknownUser(address.address) : null),
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          const message = inbox.add(toInboxMessage(mail, session));
          log(`SMTP message ${message.id} to ${message.to}`);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.on('error', (error) => log(`SMTP sink error: ${error.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const sink: SmtpSink = {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return sink;
}
