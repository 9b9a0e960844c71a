import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

/** One line per API request that reads or changes a case: who, what, which case, how it ended. */
export interface AuditRecord {
  time: string;
  requestId: string;
  /** The response's BelGov-Trace-Id, and the caller's own when it sent one. */
  traceId: string;
  relatedTraceId?: string;
  principalId: string | null;
  role: string | null;
  caseId: string | null;
  action: string;
  result: number;
}

/** Append-only JSON lines: opened with O_APPEND, never truncated or rewritten, so it survives restarts. */
export class AuditLog {
  private readonly stream: WriteStream;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.stream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  }

  write(record: AuditRecord): void {
    this.stream.write(`${JSON.stringify(record)}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }
}
