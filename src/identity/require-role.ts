import type { RequestHandler } from 'express';
import { principalOf } from '../audit/request-context';
import { ServiceProblem } from '../cases/problems';
import type { Role } from '../domain/codes';

/** The 403 of a principal whose role may not use the endpoint. */
export const roleNotAllowed = (role: Role): ServiceProblem =>
  new ServiceProblem('missingPermission', (w) => w.problems.roleMayNotUse(w.pages.roles[role]));

export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const p = principalOf(res);
    if (!roles.includes(p.role)) throw roleNotAllowed(p.role);
    next();
  };
}
