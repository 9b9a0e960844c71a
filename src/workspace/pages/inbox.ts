import { Router } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { scopeOf } from '../../cases/visibility';
import { addDays, dateAt } from '../../domain/calendar';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { inboxPage } from '../views/inbox';

/** The Immigration Office's inbox: running cases, soonest deadline first. */
export function inboxPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  r.get('/inbox', requireRole('immigration-office', 'admin'), async (_req, res) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const { items } = await gateway.listCases(scopeOf(p), { running: true }, 100);
    const cases = await Promise.all(items.map((c) => gateway.status(c.caseId)));
    res.send(inboxPage(locals(res).page, cases, addDays(dateAt(Date.now()), 31)));
  });
  return r;
}
