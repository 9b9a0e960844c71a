import type { Response } from 'express';
import type { Principal } from '../identity/principals';

/** What a route tells the audit and log middleware about the request. */
export interface RequestContext {
  requestId: string;
  /** BelGov-Trace-Id of the response: new for each one. */
  traceId: string;
  /** The request's own BelGov-Trace-Id, returned as BelGov-Related-Trace-Id. */
  relatedTraceId?: string;
  principal?: Principal;
  /** One audit line per case the request touched (one with no case when it touched none). */
  audit?: { action: string; caseIds: (string | null)[] };
}

export const ctx = (res: Response): RequestContext => res.locals as RequestContext;

export function principalOf(res: Response): Principal {
  const p = ctx(res).principal;
  if (!p) throw new Error('route mounted without authentication');
  return p;
}

export const auditAs = (res: Response, action: string, ...caseIds: [string | null, ...string[]]): void => {
  ctx(res).audit = { action, caseIds };
};
