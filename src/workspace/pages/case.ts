import { Router } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { readsPersons } from '../../cases/status-shown';
import { visibleCase } from '../../cases/visible-case';
import { waitsFor } from '../../domain/procedure/task-forms';
import { caseIdSchema } from '../../domain/schemas/api';
import type { CaseStatus } from '../../domain/schemas/case';
import type { Principal, Principals } from '../../identity/principals';
import type { WorkspaceDeps } from '../deps';
import { formsOpenTo } from '../event-forms';
import { locals } from '../middleware';
import { casePage } from '../views/case';
import { erasedPage, erasureStepOf } from '../views/erasure';
import type { ConfirmedErasure } from '../../cases/case-erasures';

const answerableBy = (p: Principal, s: CaseStatus): string | null => {
  const q = s.prosecutorQuery;
  return p.role === 'prosecutor' && q && (q.office === p.office || q.escalatedTo === p.office) ? q.queryId : null;
};

/** Whether two principals belong to the same centre or office: colleagues read each other's names. */
const colleagues = (a: Principal, b: Principal | undefined): boolean =>
  !!b && a.role === b.role && a.centre === b.centre && a.office === b.office;

/**
 * How the page names the person behind an entry, for this reader: the Immigration Office and admins read every
 * person's name (four eyes), a centre or an office its own people's; otherwise, or for an entry from before people
 * were recorded, none (the page shows the role).
 */
const personNamer =
  (reader: Principal, principals: Principals) =>
  (id: string | undefined): string | undefined =>
    id !== undefined && (readsPersons(reader) || colleagues(reader, principals.byId(id)))
      ? principals.nameOf(id)
      : undefined;

/** A case: its status, what waits on it, and what the reader may report or answer on it. */
export function casePages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  r.get('/cases/:caseId', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    auditAs(res, 'page.case.read', caseId);
    // An erased file has nothing left but the record of its erasure, which is all its page shows, to those who may
    // see every case: whose the file was is gone with it, so no centre or office can be told it was theirs.
    const erased = readsPersons(p) ? await deps.erasures.recordOf(caseId) : undefined;
    if (erased?.confirmed)
      return void res.send(erasedPage(locals(res).page, erased as ConfirmedErasure, personNamer(p, deps.principals)));
    await visibleCase(gateway, p, caseId);
    const [status, tasks] = await Promise.all([gateway.status(caseId), gateway.openTasks(caseId)]);
    res.send(
      casePage(locals(res).page, {
        status,
        tasks,
        reportable: formsOpenTo(p, status, tasks),
        answerable: tasks.some((t) => t.kind === 'status-query-answer' && waitsFor(t, p))
          ? answerableBy(p, status)
          : null,
        personName: personNamer(p, deps.principals),
        recorded: req.query.recorded === '1',
        erasure:
          p.role === 'admin' && status.outcome
            ? { standing: await deps.erasures.standing(caseId), done: erasureStepOf(req.query.erasure) }
            : null,
      }),
    );
  });
  return r;
}
