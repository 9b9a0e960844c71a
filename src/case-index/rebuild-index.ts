import type { CaseIndexStore } from './case-index-store';
import { QUERY_LANES, type HeldCases } from './held-cases';
import { inLanes } from './in-lanes';
import { rowsWithoutCase } from './rows-without-case';

export interface RebuildReport {
  cases: number;
  /** Rows written or moved forward. */
  written: number;
  /** Rows already at the case's revision or a later one (the worker wrote them): left as they are. */
  current: number;
  /** Rows of cases Temporal no longer holds, deleted. */
  removed: number;
  /** Cases whose entry could not be read or written (their rows, if any, stay): by id only. */
  unreadable: string[];
}

/**
 * Fills the index from the cases Temporal holds, running and closed: each case's entry written with its revision, so
 * a rebuild never moves back a row the worker wrote meanwhile; then the rows of cases Temporal no longer holds go.
 */
export async function rebuildIndex(cases: HeldCases, store: CaseIndexStore): Promise<RebuildReport> {
  const ids = await cases.ids();
  const report: RebuildReport = { cases: ids.length, written: 0, current: 0, removed: 0, unreadable: [] };
  await inLanes(ids, QUERY_LANES, async (caseId) => {
    const entry = await cases.entry(caseId);
    // A store error (e.g. the case's key erased meanwhile) leaves this case, not the rebuild.
    const moved = entry && (await store.write(entry).catch(() => undefined));
    if (moved === undefined) report.unreadable.push(caseId);
    else if (moved) report.written += 1;
    else report.current += 1;
  });
  for (const caseId of await rowsWithoutCase(cases, store, ids)) {
    await store.remove(caseId);
    report.removed += 1;
  }
  report.unreadable.sort();
  return report;
}
