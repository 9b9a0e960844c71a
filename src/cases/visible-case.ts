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
 * Loads a case's access facts and hides it from principals who may not see it:
 * another centre's case, or a case a prosecutor's office was never queried on,
 * is 404 exactly like a case that does not exist. Facts seen before grant access
 * without a call to Temporal (access only grows); a refusal is always checked afresh.
 */
export async function visibleCase(gateway: CaseGateway, p: Principal, caseId: string): Promise<CaseAccess> {
  const seen = gateway.lastSeenAccess(caseId);
  if (seen && mayView(p, seen)) return seen;
  const access = await gateway.access(caseId);
  if (!mayView(p, access)) throw noCase(caseId);
  return access;
}
