import { Router } from 'express';
import { caseOfQuery, queryIdSchema } from '../../domain/schemas/api';
import { statusQueryAnswerSchema } from '../../domain/schemas/events';
import type { CaseGateway } from '../../cases/case-gateway';
import { openQueriesFor } from '../../cases/open-queries';
import { answerInput } from '../../cases/inputs';
import { refusalProblem } from '../../cases/problems';
import { refuse } from '../../domain/refusals';
import { auditAs, principalOf } from '../../audit/request-context';
import { noQuery, parseOr400 } from '../validate';
import { requireRole } from '../../identity/require-role';
import { visibleCase } from '../../cases/visible-case';
import { idempotencyKeyOf } from '../idempotency-key';

export function prosecutorRouter(gateway: CaseGateway, base: string): Router {
  const r = Router();
  // Per route, not r.use(): this router is mounted on /v1 and a router-wide check would answer 403 for every unknown /v1 path.
  const prosecutorOnly = requireRole('prosecutor');

  r.get('/prosecutor/queries', prosecutorOnly, noQuery, async (_req, res) => {
    auditAs(res, 'query.list', null);
    const open = await openQueriesFor(gateway, principalOf(res).office!);
    res.json({ self: `${base}/v1/prosecutor/queries`, items: open.map((q) => q.query) });
  });

  r.post('/prosecutor/queries/:queryId/answer', prosecutorOnly, async (req, res) => {
    const queryId = parseOr400(queryIdSchema, req.params.queryId, 'path', 'queryId');
    const caseId = caseOfQuery(queryId);
    auditAs(res, 'query.answer', caseId);
    const answer = parseOr400(statusQueryAnswerSchema, req.body, 'body');
    const p = principalOf(res);
    const access = await visibleCase(gateway, p, caseId);
    const key = idempotencyKeyOf(req);
    // As for events: a retry of an answer the closed case recorded gets that answer's result again.
    if (!access.running && !key) throw refusalProblem('eventNotApplicable', refuse('query-closed', { queryId }));
    res.json(await gateway.record(caseId, answerInput(p, answer, queryId), key));
  });
  return r;
}
