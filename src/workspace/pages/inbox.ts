import { Router } from 'express';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { inboxSections } from '../../cases/inbox';
import { inboxQuerySchema } from '../../domain/schemas/tasks';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { inboxPage } from '../views/inbox';

/** The Immigration Office's inbox: every open task of the Office from the case index, a section per kind. */
export function inboxPages(deps: WorkspaceDeps): Router {
  const r = Router();
  r.get('/inbox', requireRole('immigration-office', 'admin'), async (req, res) => {
    const p = principalOf(res);
    auditAs(res, 'page.case.list', null);
    const q = inboxQuerySchema.parse(req.query);
    const sections = await inboxSections(
      deps.caseIndex,
      deps.codec,
      p,
      q.section ? { ...q, section: q.section } : undefined,
    );
    auditShown(
      res,
      'page.case.list',
      sections.flatMap((s) => s.tasks),
    );
    // An admin's own work comes first: erasures that wait for a second admin.
    const erasures =
      p.role === 'admin'
        ? { pending: await deps.erasures.pending(), personName: (id?: string) => id && deps.principals.nameOf(id) }
        : undefined;
    res.send(inboxPage(locals(res).page, sections, erasures));
  });
  return r;
}
