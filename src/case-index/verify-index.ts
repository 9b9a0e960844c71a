import { setTimeout as sleep } from 'node:timers/promises';
import type { CaseIndexStore } from './case-index-store';
import { entryDifferences } from './entry-differences';
import { QUERY_LANES, type HeldCases } from './held-cases';
import { inLanes } from './in-lanes';
import { rowsWithoutCase } from './rows-without-case';

/** A case's row and the case itself disagree: in `field`, or as a whole (the kinds below). Never a value. */
export interface IndexDifference {
  caseId: string;
  field: string;
}
export const CASE_WITHOUT_ROW = 'case-without-row';
export const ROW_WITHOUT_CASE = 'row-without-case';
/** The case's Query failed (a worker must poll for a closed case's), or its row does not open. */
export const CASE_UNREADABLE = 'case-unreadable';
export const ROW_UNREADABLE = 'row-unreadable';

/** Long enough for a write the worker has in flight (milliseconds) to land before the second look. */
const SECOND_LOOK_MS = 1_000;

async function differences(cases: HeldCases, store: CaseIndexStore, caseId: string): Promise<string[]> {
  // The case first: a row read after it is at least as recent as the worker's writes before it.
  const expected = await cases.entry(caseId);
  if (!expected) return [CASE_UNREADABLE];
  const row = await store.read(caseId).then(
    (r) => r ?? null,
    () => undefined,
  );
  if (row === undefined) return [ROW_UNREADABLE];
  return row === null ? [CASE_WITHOUT_ROW] : entryDifferences(row, expected);
}

/**
 * Compares each case Temporal holds with its index row, and lists every difference, sorted by case: rows that show
 * something else, cases without a row, rows without a case. A case that differs is looked at again after a moment,
 * so a write its worker had under way is no difference.
 */
export async function verifyIndex(cases: HeldCases, store: CaseIndexStore): Promise<IndexDifference[]> {
  const ids = await cases.ids();
  const found: IndexDifference[] = [];
  const differing: string[] = [];
  await inLanes(ids, QUERY_LANES, async (caseId) => {
    if ((await differences(cases, store, caseId)).length > 0) differing.push(caseId);
  });
  if (differing.length > 0) await sleep(SECOND_LOOK_MS);
  await inLanes(differing, QUERY_LANES, async (caseId) => {
    for (const field of await differences(cases, store, caseId)) found.push({ caseId, field });
  });
  for (const caseId of await rowsWithoutCase(cases, store, ids)) found.push({ caseId, field: ROW_WITHOUT_CASE });
  return found.sort((a, b) => a.caseId.localeCompare(b.caseId) || a.field.localeCompare(b.field));
}
