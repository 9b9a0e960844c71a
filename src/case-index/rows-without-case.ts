import type { CaseIndexStore } from './case-index-store';
import type { HeldCases } from './held-cases';

/** The index's rows of cases Temporal no longer holds (`listed`: the ids its listing gave), each asked once more. */
export async function rowsWithoutCase(cases: HeldCases, store: CaseIndexStore, listed: string[]): Promise<string[]> {
  const held = new Set(listed);
  const gone: string[] = [];
  for (const caseId of await store.caseIds()) if (!held.has(caseId) && !(await cases.holds(caseId))) gone.push(caseId);
  return gone;
}
