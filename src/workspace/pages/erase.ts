import { Router } from 'express';
import { auditAs } from '../../audit/request-context';
import { ServiceProblem } from '../../cases/problems';
import { caseIdSchema } from '../../domain/schemas/api';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import { locals } from '../middleware';
import { shortRef } from '../views/case-words';
import { messagePage } from '../views/messages';

/** An admin erases a file that has ended, after ticking a confirmation. */
export function erasePages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  r.post('/cases/:caseId/erase', requireRole('admin'), async (req, res) => {
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.erase', caseId);
    const { page } = locals(res);
    // The box is required in the form; a request without it erases nothing.
    if ((req.body as Record<string, unknown>).confirm !== 'yes')
      throw new ServiceProblem('badRequest', (p) => p.pages.errors.badRequest);
    await gateway.erase(caseId, deps);
    const w = page.pack.pages;
    res.send(
      messagePage(page, w.erase.doneTitle, w.erase.done(shortRef(caseId)), {
        href: '/workspace/cases',
        label: w.errors.back,
      }),
    );
  });
  return r;
}
