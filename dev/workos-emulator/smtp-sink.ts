// SMTP sink: accepts any message (no TLS, any or no auth) and drops it into the dev inbox.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Inbox, NewMessage } from './inbox.ts';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

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
