import { Router } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { visibleCase } from '../../cases/visible-case';
import { caseIdSchema } from '../../domain/schemas/api';
import type { CaseStatus } from '../../domain/schemas/case';
import type { Principal } from '../../identity/principals';
import type { WorkspaceDeps } from '../deps';
import { formsOpenTo } from '../event-forms';
import { locals } from '../middleware';
import { casePage } from '../views/case';

const answerableBy = (p: Principal, s: CaseStatus): string | null => {
  const q = s.prosecutorQuery;
  return p.role === 'prosecutor' && q && (q.office === p.office || q.escalatedTo === p.office) ? q.queryId : null;
};

/** A case: its status, what the reader may report or answer on it. */
export function casePages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  r.get('/cases/:caseId', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.read', caseId);
    await visibleCase(gateway, p, caseId);
    const status = await gateway.status(caseId);
    const reportable = formsOpenTo(p, status);
    res.send(
      casePage(locals(res).page, {
        status,
        reportable,
        answerable: status.outcome ? null : answerableBy(p, status),
        recorded: req.query.recorded === '1',
        erasable: p.role === 'admin' && !!status.outcome,
      }),
    );
  });
  return r;
}
