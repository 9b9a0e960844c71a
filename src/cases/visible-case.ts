import type { Principal } from '../identity/principals';
import type { CaseAccess } from './case-access';
import type { CaseGateway } from './case-gateway';
import { noCase } from './problems';

const mayView = (p: Principal, access: CaseAccess): boolean =>
  p.role === 'immigration-office' ||
  p.role === 'admin' ||
  (p.role === 'centre' && access.centre === p.centre) ||
  (p.role === 'prosecutor' && !!p.office && access.prosecutorOffices.includes(p.office));

/**
 * Hides a case from principals who may not see it: another centre's case, or a case a prosecutor's office was never
 * queried on, is 404 exactly like a case that does not exist. The case index grants access without a call to
 * Temporal (a case's centre never changes and its queried offices only grow); a refusal, or a case the index does
 * not hold yet, is decided by the case itself, since the index may lag it by a write (a query just sent).
 */
export async function visibleCase(gateway: CaseGateway, p: Principal, caseId: string): Promise<CaseAccess> {
  const indexed = await gateway.indexedAccess(caseId);
  if (indexed && mayView(p, indexed)) return indexed;
  const current = await gateway.currentAccess(caseId);
  if (!mayView(p, current)) throw noCase(caseId);
  return current;
}
