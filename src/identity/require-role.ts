import type { Request, RequestHandler } from 'express';
import type { Role } from '../domain/codes';
import type { CaseAccess } from '../cases/case-access';
import type { CaseGateway } from '../cases/case-gateway';
import type { Principal } from './principals';
import { HttpProblem, noCase } from '../cases/problems';
import { idempotencyKeyOf, principalOf } from '../audit/request-context';

/** The 403 of a principal whose role may not use the endpoint. */
export const roleNotAllowed = (role: Role): HttpProblem =>
  new HttpProblem('missingPermission', (w) => w.problems.roleMayNotUse(w.pages.roles[role]));

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (!roles.includes(p.role)) throw roleNotAllowed(p.role);
    next();
  };
}

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

/** The Idempotency-Key becomes the Update id, scoped to the caller so two callers' keys never collide. */
export function idempotentUpdateId(p: Principal, req: Request): string | undefined {
  const key = idempotencyKeyOf(req);
  return key ? `${p.id}/${key}` : undefined;
}
