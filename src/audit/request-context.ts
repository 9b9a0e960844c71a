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
  /**
   * One audit line per case the request touched or showed (one with no case when it touched none), and the feed
   * it read or changed.
   */
  audit?: { action: string; caseIds: (string | null)[]; feedId?: string };
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

/**
 * A list's audit: one line per case it showed (each once, in the order shown), so an auditor finds every list that
 * showed a case by its id as well as every read of it; one line without a case when it showed none.
 */
export const auditShown = (res: Response, action: string, shown: readonly { caseId: string }[]): void => {
  const [first = null, ...more] = [...new Set(shown.map((s) => s.caseId))];
  auditAs(res, action, first, ...more);
};

/** The audit of a calendar feed's request, which names the feed (its read shows the deadlines of many cases). */
export const auditFeed = (res: Response, action: string, feedId: string | undefined): void => {
  ctx(res).audit = { action, caseIds: [null], ...(feedId ? { feedId } : {}) };
};
