import { Router, type Response } from 'express';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { casesPage as readCasesPage } from '../../cases/case-list';
import { caseListQuerySchema, caseSearchSchema } from '../../domain/schemas/api';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { casesPage } from '../views/cases';

/** Cases a page shows at a time. */
const PAGE = 25;

/** The list of cases, from the case index. */
export function casesPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { caseIndex, codec } = deps;
  /**
   * The list, filtered by stage (in the URL) or found by a file number: that one is posted, never put in a URL,
   * where browser histories and proxies would keep it.
   */
  const listCases = async (res: Response, given: { stage?: unknown; reference?: unknown; cursor?: unknown }) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const q = caseListQuerySchema.parse({
      ...(given.stage ? { stage: given.stage } : {}),
      ...(typeof given.cursor === 'string' ? { cursor: given.cursor } : {}),
    });
    const reference = given.reference ? caseSearchSchema.parse({ reference: given.reference }).reference : undefined;
    const filters = reference
      ? { referenceKey: deps.referenceIndex.keyOf(reference) }
      : { ...(q.stage ? { stage: q.stage } : {}) };
    const page = await readCasesPage(caseIndex, codec, p, filters, PAGE, q.cursor);
    auditShown(res, 'page.case.list', page.items);
    const shown = { ...(q.stage && !reference ? { stage: q.stage } : {}), ...(reference ? { reference } : {}) };
    const stage: Record<string, string> = shown.stage ? { stage: shown.stage } : {};
    // A file number matches one case or a few: its results need no next page.
    const next =
      page.nextCursor && !reference
        ? `/workspace/cases?${new URLSearchParams({ ...stage, cursor: page.nextCursor })}`
        : null;
    res.send(casesPage(locals(res).page, { cases: page.items, total: page.total, filters: shown, nextHref: next }));
  };
  r.get('/cases', (req, res) => listCases(res, { stage: req.query.stage, cursor: req.query.cursor }));
  r.post('/cases/search', (req, res) => listCases(res, req.body as Record<string, unknown>));
  return r;
}
