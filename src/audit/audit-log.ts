import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** One line per case an API request read, changed or showed in a list: who, what, which case, how it ended. */
export interface AuditRecord {
  time: string;
  requestId: string;
  /** The response's BelGov-Trace-Id, and the caller's own when it sent one. */
  traceId: string;
  relatedTraceId?: string;
  principalId: string | null;
  role: string | null;
  caseId: string | null;
  /** The calendar feed a request read or changed (`calendar.*`): a feed shows many cases' deadlines. */
  feedId?: string;
  action: string;
  result: number;
}

/** Append-only JSON lines: opened with O_APPEND, never truncated or rewritten, so it survives restarts. */
export class AuditLog {
  private readonly stream: WriteStream;
  /** Resolves once the file is open (lines written before wait in memory until then). */
  readonly opened: Promise<void>;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
    this.opened = new Promise((resolve) => this.stream.once('ready', () => resolve()));
  }

  write(record: AuditRecord): void {
    this.writeAll([record]);
  }

  /**
   * The lines of one request (one per case it showed) in a single write: with O_APPEND the file gets them in one
   * piece, never interleaved with another API process's lines, and not a part of them if the process dies.
   */
  writeAll(records: readonly AuditRecord[]): void {
    if (records.length > 0) this.stream.write(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
