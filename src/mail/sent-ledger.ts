import { closeSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

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
 */
export class FileSentLedger implements SentLedger {
  private readonly ids = new Set<string>();
  private readBytes = 0;
  private checkedTail = false;
  private dirMade = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string) {}

  has(messageId: string): Promise<boolean> {
    if (this.ids.has(messageId)) return Promise.resolve(true);
    return this.exclusive(async () => {
      await this.catchUp();
      return this.ids.has(messageId);
    });
  }

  record(entry: SentRecord): Promise<void> {
    // Appended synchronously, before anything else runs: a worker killed after the relay accepted a mail
    // but before this line exists sends it again on retry, so that window is kept as short as it can be.
    if (!this.dirMade) mkdirSync(dirname(this.path), { recursive: true });
    this.dirMade = true;
    const fd = openSync(this.path, 'a+');
    try {
      // A crash mid-write leaves a line without its newline; the next record must not be glued to it.
      const prefix = this.checkedTail ? '' : separatorAfterTail(fd);
      writeSync(fd, `${prefix}${JSON.stringify(entry)}\n`);
      this.checkedTail = true;
    } finally {
      closeSync(fd);
    }
    this.ids.add(entry.messageId);
    // The process may die now without losing the line; the flush to disk (machine crashes) need not block.
    return this.exclusive(async () => {
      const file = await open(this.path, 'r');
      try {
        await file.datasync();
      } finally {
        await file.close();
      }
    });
  }

  /** Operations of this process run one at a time, so reads and appends never interleave. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.queue.then(operation);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async catchUp(): Promise<void> {
    let file: FileHandle;
    try {
      file = await open(this.path, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      const { size } = await file.stat();
      if (size <= this.readBytes) return;
      const appended = Buffer.alloc(size - this.readBytes);
      await file.read(appended, 0, appended.length, this.readBytes);
      const whole = appended.lastIndexOf(0x0a) + 1; // a partial last line is read once it is complete
      for (const line of appended.subarray(0, whole).toString('utf8').split('\n')) {
        const messageId = parseMessageId(line);
        if (messageId !== undefined) this.ids.add(messageId);
      }
      this.readBytes += whole;
    } finally {
      await file.close();
    }
  }

}

function separatorAfterTail(fd: number): string {
  const { size } = fstatSync(fd);
  if (size === 0) return '';
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  return last[0] === 0x0a ? '' : '\n';
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
