import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { separatorAfterTail, syncFolder } from '../durable-file';

export type ErasureReason = 'admin' | 'retention';

const lineSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('erasure'),
    at: z.iso.datetime(),
    caseId: z.string(),
    /** The case key destroyed (a case re-opened under the same id after its retention gets another). */
    keyId: z.string(),
    /** The key-encryption key its row was wrapped under when it was destroyed; null: the payload key file's. */
    kek: z.string().nullable(),
    by: z.enum(['admin', 'retention']),
  }),
  z.object({
    event: z.literal('rotation'),
    at: z.iso.datetime(),
    /** The key-encryption key every live case key is wrapped under now. */
    to: z.string(),
    destroyed: z.array(z.string()),
    rewrapped: z.number().int().nonnegative(),
  }),
]);
export type LedgerLine = z.infer<typeof lineSchema>;
export type ErasureLine = Extract<LedgerLine, { event: 'erasure' }>;
export type RotationLine = Extract<LedgerLine, { event: 'rotation' }>;

/** The ledger sits beside the key-encryption key file, outside the database, so a restore of the database can replay it. */
export const erasureLedgerBeside = (kekFile: string): string => join(dirname(kekFile), 'erasure-ledger.jsonl');

/**
 * Every case key destroyed (an admin's erasure, the end of a retention) and every rotation of the key-encryption
 * key, as JSON lines: no personal data, only ids. It outlives the database: a database restored from a backup brings
 * erased keys back, and replaying the ledger (`npm run keys -- replay-erasures`, before any worker starts; the daily
 * sweep does it too) destroys them again. An erasure is on disk here before its row changes. Lines are never
 * rewritten; a line a crash cut short is skipped. Without a path, in memory (tests).
 */
export class ErasureLedger {
  private readonly memory: LedgerLine[] = [];

  constructor(readonly path?: string) {}

  async record(line: LedgerLine): Promise<void> {
    if (this.path === undefined) {
      this.memory.push(line);
      return;
    }
    const created = !existsSync(this.path);
    if (created) mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a+', 0o600);
    try {
      writeSync(fd, `${separatorAfterTail(fd)}${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (created) syncFolder(this.path);
  }

  async read(): Promise<LedgerLine[]> {
    if (this.path === undefined) return [...this.memory];
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    return text.split('\n').flatMap((raw) => {
      if (raw.trim() === '') return [];
      try {
        const parsed = lineSchema.safeParse(JSON.parse(raw));
        return parsed.success ? [parsed.data] : [];
      } catch {
        return []; // what a crash left of a line
      }
    });
  }
}
