import { closeSync, fdatasync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { separatorAfterTail } from '../../durable-file';

/**
 * Mails the relay has accepted, keyed by Message-ID. Checked before and written
 * after each send, so that a retried activity, a replayed workflow or a worker
 * restart does not mail a recipient twice.
 */
export interface SentRecord {
  messageId: string;
  noticeKey: string;
  /** `recipientLabel`, never an address. */
  recipient: string;
  kind: string;
  sentAt: string;
}

export interface SentLedger {
  has(messageId: string): Promise<boolean>;
  record(entry: SentRecord): Promise<void>;
}

/** For tests, and for a worker that can afford to forget across restarts. */
export class InMemorySentLedger implements SentLedger {
  readonly records: SentRecord[] = [];
  private readonly ids = new Set<string>();

  async has(messageId: string): Promise<boolean> {
    return this.ids.has(messageId);
  }

  async record(entry: SentRecord): Promise<void> {
    this.ids.add(entry.messageId);
    this.records.push(entry);
  }
}

/**
 * Append-only JSON lines. A miss re-reads only what was appended since the last
 * read, so workers sharing the file see each other's sends without rereading
 * it all. Lines are never rewritten.
 *
 * One descriptor stays open (O_APPEND, so other writers' lines are never
 * overwritten) and every read and append is synchronous: they cannot
 * interleave, and a burst of notices pays no open/close per mail.
 */
export class FileSentLedger implements SentLedger {
  private readonly ids = new Set<string>();
  private readBytes = 0;
  private fd: number | undefined;
  private checkedTail = false;
  /** The flush not yet started: every line appended before it starts is covered by it. */
  private nextFlush: Promise<void> | undefined;
  private flushing: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  has(messageId: string): Promise<boolean> {
    if (!this.ids.has(messageId)) this.catchUp();
    return Promise.resolve(this.ids.has(messageId));
  }

  record(entry: SentRecord): Promise<void> {
    // Appended synchronously, before anything else runs: a worker killed after the relay accepted a mail
    // but before this line exists sends it again on retry, so that window is kept as short as it can be.
    const fd = this.file();
    // A crash mid-write leaves a line without its newline; the next record must not be glued to it.
    const prefix = this.checkedTail ? '' : separatorAfterTail(fd);
    writeSync(fd, `${prefix}${JSON.stringify(entry)}\n`);
    this.checkedTail = true;
    this.ids.add(entry.messageId);
    // The process may die now without losing the line; the flush to disk (machine crashes) need not block it.
    return this.flush();
  }

  /** Closes the descriptor once the last flush is done; a later call opens it again. */
  async close(): Promise<void> {
    await this.flushing;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private file(): number {
    if (this.fd === undefined) {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      this.fd = openSync(this.path, 'a+', 0o600);
    }
    return this.fd;
  }

  /** Group commit: appends made while a flush runs share the next one instead of queueing one each. */
  private flush(): Promise<void> {
    if (this.nextFlush) return this.nextFlush;
    const fd = this.file();
    const flush = this.flushing.then(() => {
      this.nextFlush = undefined;
      return new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
    });
    this.nextFlush = flush;
    this.flushing = flush.catch(() => undefined);
    return flush;
  }

  private catchUp(): void {
    const fd = this.file();
    const { size } = fstatSync(fd);
    if (size <= this.readBytes) return;
    const appended = Buffer.alloc(size - this.readBytes);
    readSync(fd, appended, 0, appended.length, this.readBytes);
    const whole = appended.lastIndexOf(0x0a) + 1; // a partial last line is read once it is complete
    for (const line of appended.subarray(0, whole).toString('utf8').split('\n')) {
      const messageId = parseMessageId(line);
      if (messageId !== undefined) this.ids.add(messageId);
    }
    this.readBytes += whole;
  }
}

function parseMessageId(line: string): string | undefined {
  if (line.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(line);
    const id = (parsed as Partial<SentRecord> | null)?.messageId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined; // the fragment a crash left behind
  }
}
