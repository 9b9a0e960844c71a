import type { Request, Response } from 'express';
import type { Principal } from './principals';

/** What a route tells the audit and log middleware about the request. */
export interface RequestContext {
  requestId: string;
  principal?: Principal;
  audit?: { action: string; caseId: string | null };
}

export const ctx = (res: Response): RequestContext => res.locals as RequestContext;

export function principalOf(res: Response): Principal {
  const p = ctx(res).principal;
  if (!p) throw new Error('route mounted without authentication');
  return p;
}

export const auditAs = (res: Response, action: string, caseId: string | null): void => {
  ctx(res).audit = { action, caseId };
};

export const idempotencyKeyOf = (req: Request): string | undefined => req.header('idempotency-key') ?? undefined;
