/**
 * The audit trail's lines of one request are written together (issue 28): a list now writes a line per case it
 * showed, and several API processes append to the one file. Written a line at a time, another process's line lands
 * in the middle of a request's (and a process that dies keeps only part of them); written at once, never.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, type AuditRecord } from '../../src/audit/audit-log';

const record = (requestId: string, n: number): AuditRecord => ({
  time: '2026-12-01T09:00:00.000Z',
  requestId,
  traceId: `trace-${requestId}`,
  principalId: 'immigration-office',
  role: 'immigration-office',
  caseId: `case-${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`,
  action: 'case.list',
  result: 200,
});

/** Two API processes, each answering a list of 50 cases at the same moment; the file's request ids, in order. */
async function twoProcessesList(write: (log: AuditLog, lines: AuditRecord[]) => void): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'audit-log-'));
  try {
    const file = join(dir, 'audit.jsonl');
    const [a, b] = [new AuditLog(file), new AuditLog(file)];
    // Both files open, as in API processes that have been running for a while.
    await Promise.all([a.opened, b.opened]);
    const lines = (id: string) => Array.from({ length: 50 }, (_, n) => record(id, n));
    write(a, lines('request-a'));
    write(b, lines('request-b'));
    await Promise.all([a.close(), b.close()]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    return readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as AuditRecord).requestId);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs of the same request id: 2 when each request's lines stand together. */
const runs = (ids: string[]): number => ids.filter((id, i) => id !== ids[i - 1]).length;

describe('the audit lines of one request', () => {
  it('written a line at a time, let another process’s line in between (the finding)', async () => {
    const ids = await twoProcessesList((log, lines) => lines.forEach((l) => log.write(l)));
    expect(ids).toHaveLength(100);
    expect(runs(ids)).toBeGreaterThan(2);
  });

  it('are written together: each request’s lines stand in one piece', async () => {
    const ids = await twoProcessesList((log, lines) => log.writeAll(lines));
    expect(ids).toHaveLength(100);
    expect(runs(ids)).toBe(2);
  });
});
