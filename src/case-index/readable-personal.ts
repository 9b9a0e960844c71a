import type { IndexedPersonalData } from '../domain/procedure/case-index-entry';
import type { CaseIndexStore } from './case-index-store';

/**
 * The personal data a list shows of each case, null for a case whose row cannot be read (its key destroyed, the
 * row gone): that case is shown as such and the rest of the list still is.
 */
export async function personalOf(
  caseIndex: CaseIndexStore,
  caseIds: readonly string[],
): Promise<Map<string, IndexedPersonalData | null>> {
  const read = async (id: string) => (await caseIndex.read(id).catch(() => undefined))?.personal ?? null;
  return new Map(await Promise.all(caseIds.map(async (id) => [id, await read(id)] as const)));
}
