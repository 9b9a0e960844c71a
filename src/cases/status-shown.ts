import type { CaseStatus } from '../domain/schemas/case';
import type { Principal } from '../identity/principals';

/** Whether the caller reads who did what by person, not by role alone (the contract: the history's `byId`). */
export const readsPersons = (p: Pick<Principal, 'role'>): boolean =>
  p.role === 'immigration-office' || p.role === 'admin';

/** A status as the API answers it to the caller: the people in its history for the Immigration Office and admins only. */
export function statusShownTo(p: Principal, s: CaseStatus): CaseStatus {
  if (readsPersons(p)) return s;
  return { ...s, history: s.history.map(({ byId: _byId, ...entry }) => entry) };
}
