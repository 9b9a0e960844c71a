import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

/** One mail as the sink accepted it: when (performance.now() of this process) and its Message-ID. */
export interface AcceptedMail {
  atMs: number;
  messageId: string;
}

export interface BenchSmtpSink {
  port: number;
  mails: AcceptedMail[];
  /** Resolves once `predicate` holds over the mails accepted so far (checked on each arrival), or rejects after `timeoutMs`. */
  waitUntil(predicate: (mails: readonly AcceptedMail[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): Promise<void>;
}

const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

/**
 * A real SMTP server (smtp-server, as the test sink) that only timestamps and counts: no MIME parsing,
 * so that ten thousand mails cost the bench process little. The time is taken when the whole
 * message has arrived, just before the 250 that tells the worker it was accepted.
 */
export async function startBenchSmtpSink(): Promise<BenchSmtpSink> {
  const mails: AcceptedMail[] = [];
  const waiters = new Set<() => void>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    disableReverseLookup: true,
    // The worker's pooled connections stay open; closing must not wait the default 30 s for them.
    closeTimeout: 100,
    size: 10 * 1024 * 1024,
    onData(stream: SMTPServerDataStream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        mails.push({ atMs: performance.now(), messageId: MESSAGE_ID.exec(head)?.[1] ?? '' });
        callback();
        for (const check of waiters) check();
      });
      stream.on('error', (err) => callback(err));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    waitUntil(predicate, timeoutMs, what) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${mails.length} mails so far)`));
        }, timeoutMs);
        const check = () => {
          if (!predicate(mails)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The notice key's parts from a Message-ID (`<caseId=2Fkind=2F...recipient@...>`, see src/mail/message-id.ts). */
export function noticeOf(messageId: string): { caseId: string; kind: string } {
  const [caseId = '', kind = ''] = messageId.replace(/^</, '').split('=2F');
  return { caseId, kind };
}
