import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { sleep } from './wait';

/** One mail the server accepted (sent its 250 for). */
export interface Delivery {
  /** The Message-ID header, `(none)` when the mail had none. */
  messageId: string;
  /** RCPT TO of the mail. */
  to: string[];
  /** The decoded subject ('' when the server does not parse). */
  subject: string;
  /** When the 250 went out: Date.now() and performance.now() of this process. */
  at: number;
  atMs: number;
}

export interface SmtpServerOptions {
  /** Where to listen on 127.0.0.1 (default 0: a free port, the same one again after stop() and start()). */
  port?: number;
  /**
   * Parse each mail (mailparser) into `messages` and keep its text in `raw` (default true). False keeps
   * only each delivery's Message-ID and envelope, so that ten thousand mails cost this process little.
   */
  parse?: boolean;
  /** Answer 550 to RCPT TO for these addresses: a permanent refusal. */
  rejectRecipients?: (address: string) => boolean;
  /** The first N sessions are refused with 421 at the greeting, as a relay under load does. */
  failFirst?: number;
  /** Delay before the 250 that accepts a mail's DATA (mutable later as `delayMs`). */
  delayMs?: number;
  /** Keeps each mail before its 250 (the mail catcher's .eml files); a rejection fails the DATA. */
  store?: (source: Buffer) => Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MESSAGE_ID = /^message-id:\s*(<[^>\r\n]+>)/im;

const smtpError = (responseCode: number, message: string): Error => Object.assign(new Error(message), { responseCode });

function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/**
 * The one SMTP server of the dev stack, the tests, the bench and the reliability runs (smtp-server,
 * on loopback, no AUTH or STARTTLS). It records what it accepted and can fail as a relay does: refuse
 * recipients (550) or sessions (421, `failFirst`, `refusing`), be slow (`delayMs`), hold its answers
 * (`holding`), go away (stop(): connections refused, open sessions cut) and come back on the same
 * port (start()). A mail counts as delivered when the 250 after its DATA goes out, as for a real
 * relay: a session that drops before that delivered nothing.
 */
export class SmtpServer {
  port: number;
  delayMs: number;
  /** While true, new sessions are refused with 421. */
  refusing = false;
  /** While true, mails wait after their DATA for their 250 (a relay that stalls); see `lastAcceptedAt`. */
  holding = false;
  /** When the last 250 after a DATA went out (Date.now()). */
  lastAcceptedAt = 0;
  readonly deliveries: Delivery[] = [];
  /** The accepted mails parsed, in arrival order (`parse`; index i is `deliveries[i]`). */
  readonly messages: ParsedMail[] = [];
  /** The same mails as they travelled, for scans that must see headers and every MIME part (`parse`). */
  readonly raw: string[] = [];
  /** RCPT TO attempts per address, refused ones included. */
  readonly rcptAttempts = new Map<string, number>();
  /** Sessions currently between DATA and their 250. */
  inData = 0;
  private sessionCount = 0;
  private server: SMTPServer | undefined;
  private readonly closedSessions = new Set<string>();
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: SmtpServerOptions = {}) {
    this.port = options.port ?? 0;
    this.delayMs = options.delayMs ?? 0;
  }

  /** Sessions opened so far, refused ones included. */
  get sessions(): number {
    return this.sessionCount;
  }

  /** RCPT TO of each accepted mail. */
  get envelopes(): string[][] {
    return this.deliveries.map((d) => d.to);
  }

  get listening(): boolean {
    return this.server !== undefined;
  }

  /** Listens on `port` (first time 0: a free one; later: the same one). */
  async start(): Promise<void> {
    if (this.server) return;
    const parse = this.options.parse ?? true;
    const server: SMTPServer = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      size: 10 * 1024 * 1024,
      // The worker's pooled connections stay open; closing must not wait the default 30 s for them.
      closeTimeout: 100,
      onConnect: (_session, callback) => {
        this.sessionCount += 1;
        const refuse = this.refusing || this.sessionCount <= (this.options.failFirst ?? 0);
        callback(refuse ? smtpError(421, 'service not available, try again later') : null);
      },
      onRcptTo: (address, _session, callback) => {
        this.rcptAttempts.set(address.address, (this.rcptAttempts.get(address.address) ?? 0) + 1);
        callback(this.options.rejectRecipients?.(address.address) ? smtpError(550, 'mailbox unavailable') : null);
      },
      onData: (stream, session, callback) => {
        this.inData += 1;
        readAll(stream)
          .then(async (source) => {
            const parsed = parse ? await simpleParser(source) : undefined;
            if (this.delayMs > 0) await sleep(this.delayMs);
            while (this.holding && !this.closedSessions.has(session.id) && this.server === server) await sleep(20);
            // Let pending socket events (a client that died meanwhile) be seen before answering.
            await new Promise((r) => setImmediate(r));
            // The client went away (killed, or the relay stopped) before the 250: nothing was delivered.
            if (this.closedSessions.has(session.id) || this.server !== server) {
              callback(smtpError(451, 'session closed'));
              return;
            }
            await this.options.store?.(source);
            this.lastAcceptedAt = Date.now();
            const messageId = parsed
              ? parsed.messageId
              : MESSAGE_ID.exec(source.subarray(0, 8192).toString('latin1'))?.[1];
            this.deliveries.push({
              messageId: messageId ?? '(none)',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed?.subject ?? '',
              at: this.lastAcceptedAt,
              atMs: performance.now(),
            });
            if (parsed) {
              this.messages.push(parsed);
              this.raw.push(source.toString('utf8'));
            }
            callback();
            this.waiters.forEach((check) => check());
          })
          .catch((err: Error) => callback(err))
          .finally(() => {
            this.inData -= 1;
          });
      },
      onClose: (session) => {
        this.closedSessions.add(session.id);
      },
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) =>
        reject(new Error(`cannot listen for SMTP on ${LOOPBACK}:${this.port}: ${err.code ?? err.message}`));
      server.once('error', onError);
      server.listen(this.port, LOOPBACK, () => {
        server.off('error', onError);
        resolve();
      });
    });
    // A client's broken socket is its problem, not this process's.
    server.on('error', () => undefined);
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** The relay goes away: no new connections, and open sessions are cut. start() brings it back on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const connections = (server as unknown as { connections: Set<{ close(): void }> }).connections;
    connections.forEach((c) => c.close());
    await closed;
  }

  close(): Promise<void> {
    return this.stop();
  }

  /** Resolves once `count` mails were accepted, with the parsed mails so far. */
  waitFor(count: number, timeoutMs = 5_000): Promise<ParsedMail[]> {
    return this.waitForDeliveries((d) => d.length >= count, timeoutMs, `${count} mails`).then(
      () => this.messages,
      () => Promise.reject(new Error(`expected ${count} mails within ${timeoutMs} ms, got ${this.deliveries.length}`)),
    );
  }

  /** Resolves once `predicate` holds over the deliveries so far (checked on each arrival), or rejects after `timeoutMs`. */
  waitForDeliveries(
    predicate: (deliveries: readonly Delivery[]) => boolean,
    timeoutMs: number,
    what: string,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for ${what} (${this.deliveries.length} mails so far)`),
        );
      }, timeoutMs);
      const check = () => {
        let done: boolean;
        try {
          done = predicate(this.deliveries);
        } catch (err) {
          clearTimeout(timer);
          this.waiters.delete(check);
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (!done) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }
}

/** An SmtpServer, listening. */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpServer> {
  const server = new SmtpServer(options);
  await server.start();
  return server;
}
