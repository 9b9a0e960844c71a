import type { IndexedPersonalData } from '../domain/procedure/case-index-entry';
import type { CaseIndexStore } from './case-index-store';

/**
 * The personal data a list shows of each case, null for a case whose row cannot be read (its key destroyed, the
 * row gone): that case is shown as such and the rest of the list still is. Read together, never a read per case.
 */
export async function personalOf(
  caseIndex: CaseIndexStore,
  caseIds: readonly string[],
): Promise<Map<string, IndexedPersonalData | null>> {
  const unique = [...new Set(caseIds)];
  const found = await caseIndex.personal(unique).catch(() => new Map<string, IndexedPersonalData | null>());
  return new Map(unique.map((id) => [id, found.get(id) ?? null]));
}
