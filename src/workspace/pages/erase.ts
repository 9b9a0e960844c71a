import { Router, type Request } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { ServiceProblem } from '../../cases/problems';
import { caseIdSchema } from '../../domain/schemas/api';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import type { ErasureStep } from '../views/erasure';

/** The box is required in the forms that request or confirm; a request without it changes nothing. */
function ticked(req: Request): void {
  if ((req.body as Record<string, unknown>).confirm !== 'yes')
    throw new ServiceProblem('badRequest', (p) => p.pages.errors.badRequest);
}

/**
 * Erasure with four eyes, the API's steps as forms: an admin requests the erasure of a file that has ended, another
 * admin confirms it, and the file's page then shows the record of its erasure. Each step goes back to the file's page.
 */
export function erasePages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { erasures } = deps;
  const backTo = (caseId: string, step: ErasureStep) => `/workspace/cases/${caseId}?erasure=${step}#erase`;

  r.post('/cases/:caseId/erasure', requireRole('admin'), async (req, res) => {
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.erase.request', caseId);
    ticked(req);
    await erasures.request(caseId, principalOf(res));
    res.redirect(303, backTo(caseId, 'requested'));
  });

  r.post('/cases/:caseId/erasure/confirm', requireRole('admin'), async (req, res) => {
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.erase', caseId);
    ticked(req);
    await erasures.confirm(caseId, principalOf(res));
    res.redirect(303, `/workspace/cases/${caseId}`);
  });

  r.post('/cases/:caseId/erasure/withdraw', requireRole('admin'), async (req, res) => {
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.erase.withdraw', caseId);
    await erasures.withdraw(caseId);
    res.redirect(303, backTo(caseId, 'withdrawn'));
  });
  return r;
}
