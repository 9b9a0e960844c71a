import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface SmtpSinkOptions {
  /** Answer 550 to RCPT TO for these addresses. */
  rejectRecipients?: (address: string) => boolean;
  /** The first N sessions are refused with 421 at the greeting, as a relay under load does. */
  failFirst?: number;
}

export interface SmtpSink {
  port: number;
  /** Accepted mails, parsed, in arrival order. */
  messages: ParsedMail[];
  /** The same mails as they travelled, for scans that must see headers and every MIME part. */
  raw: string[];
  /** RCPT TO of each accepted mail. */
  envelopes: string[][];
  /** Sessions opened so far, refused ones included. */
  readonly sessions: number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

export function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** A real SMTP server in the test process, on a free loopback port. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const raw: string[] = [];
  const envelopes: string[][] = [];
  let sessions = 0;
  const waiters = new Set<() => void>();
  const arrived = () => waiters.forEach((check) => check());

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    // The worker's pooled connections stay open; closing must not wait the default 30 s for them.
    closeTimeout: 100,
    onConnect(_session, callback) {
      sessions += 1;
      callback(sessions <= (options.failFirst ?? 0) ? smtpError(421, 'service not available, try again later') : null);
    },
    onRcptTo(address, _session, callback) {
      callback(options.rejectRecipients?.(address.address) ? smtpError(550, 'mailbox unavailable') : null);
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then(async (source) => {
          // Parsed before the 250, so a test sees the mail as soon as sendMail resolves.
          messages.push(await simpleParser(source));
          raw.push(source.toString('utf8'));
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
          arrived();
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    port,
    messages,
    raw,
    envelopes,
    get sessions() {
      return sessions;
    },
    waitFor(count, timeoutMs = 5_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`expected ${count} mails within ${timeoutMs} ms, got ${messages.length}`));
        }, timeoutMs);
        const check = () => {
          if (messages.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages);
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
