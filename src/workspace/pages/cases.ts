import { Router, type Response } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { scopeOf } from '../../cases/visibility';
import { caseListQuerySchema } from '../../domain/schemas/api';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { casesPage } from '../views/cases';

/** The list of cases. */
export function casesPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  /**
   * The list, filtered by stage (in the URL) and by a file number: that one is posted, never put in a URL,
   * where browser histories and proxies would keep it.
   */
  const listCases = async (res: Response, given: Record<string, unknown>) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const q = caseListQuerySchema.parse({
      ...(given.stage ? { stage: given.stage } : {}),
      ...(given.reference ? { reference: given.reference } : {}),
      ...(typeof given.cursor === 'string' ? { cursor: given.cursor } : {}),
    });
    const reference = q.reference === undefined ? undefined : deps.referenceIndex.keyOf(q.reference);
    const filters = { ...q, ...(reference ? { referenceKey: reference } : {}) };
    const { items, nextCursor } = await gateway.listCases(scopeOf(p), filters, 25, q.cursor);
    const cases = await Promise.all(items.map((c) => gateway.status(c.caseId)));
    const shown = { ...(q.stage ? { stage: q.stage } : {}), ...(q.reference ? { reference: q.reference } : {}) };
    const stage: Record<string, string> = q.stage ? { stage: q.stage } : {};
    // A file number matches one case or a few: its results need no next page.
    const next =
      nextCursor && !q.reference ? `/workspace/cases?${new URLSearchParams({ ...stage, cursor: nextCursor })}` : null;
    res.send(casesPage(locals(res).page, { cases, filters: shown, nextHref: next }));
  };
  r.get('/cases', (req, res) => listCases(res, { ...req.query, reference: undefined }));
  r.post('/cases/search', (req, res) => listCases(res, req.body as Record<string, unknown>));
  return r;
}
