import type { PayloadCodec } from '@temporalio/common';
import type { CaseIndexStore } from '../case-index/case-index-store';
import type { CaseListFilter, CaseListScope, CasePage, CasePosition } from '../case-index/case-listing';
import type { Principal } from '../identity/principals';
import { hasStrings, pageAfter } from './bound-cursor';

/** The cases a principal sees: a centre its own, a prosecutor's office those it was queried on; the others all. */
export function caseScopeOf(p: Principal): CaseListScope {
  if (p.role === 'centre' && p.centre) return { centre: p.centre };
  if (p.role === 'prosecutor' && p.office) return { office: p.office };
  return {};
}

const isCasePosition = hasStrings<CasePosition>('deadline', 'caseId');

/** The filters of a list besides its scope, as the caller asked them. */
export type CaseListFilters = Omit<CaseListFilter, 'scope'>;

/**
 * A page of the cases the principal sees that pass the filters, soonest next deadline first, from the case index:
 * never a Query to a case. The cursor opens only for the same principal and filters.
 */
export function casesPage(
  caseIndex: CaseIndexStore,
  codec: PayloadCodec,
  p: Principal,
  filters: CaseListFilters,
  pageSize: number,
  cursor: string | undefined,
): Promise<CasePage & { nextCursor: string | null }> {
  const binding = { principalId: p.id, list: 'cases', filters: { ...filters } };
  return pageAfter(codec, binding, cursor, isCasePosition, (after) =>
    caseIndex.listCases({ scope: caseScopeOf(p), ...filters }, after, pageSize),
  );
}
