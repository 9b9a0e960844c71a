import { Router } from 'express';
import { caseOfQuery, queryIdSchema } from '../../domain/schemas/api';
import type { CaseStatus, ProsecutorQueryView } from '../../domain/schemas/case';
import { statusQueryAnswerSchema } from '../../domain/schemas/events';
import { SA } from '../../domain/search-attribute-keys';
import { WORKFLOW_TYPE } from '../../../workflows/messages';
import type { CaseGateway } from '../case-gateway';
import { refusalProblem } from '../problem';
import { refuse } from '../../domain/refusals';
import { auditAs, principalOf } from '../request-context';
import { parseOr400 } from '../validate';
import { idempotentUpdateId, requireRole, visibleCase } from './access';

const MAX_OPEN_QUERIES = 100;

function view(s: CaseStatus): ProsecutorQueryView | null {
  const q = s.prosecutorQuery;
  if (!q) return null;
  return {
    queryId: q.queryId,
    caseId: s.caseId,
    office: q.office,
    addressedTo: q.escalatedTo ?? q.office,
    sentOn: q.sentOn,
    replyBy: q.replyBy,
    escalatedTo: q.escalatedTo,
    documentValidUntil: s.document?.validUntil ?? null,
  };
}

export function prosecutorRouter(gateway: CaseGateway): Router {
  const r = Router();
  // Per route, not r.use(): this router is mounted on /v1 and a router-wide check would answer 403 for every unknown /v1 path.
  const prosecutorOnly = requireRole('prosecutor');

  r.get('/prosecutor/queries', prosecutorOnly, async (_req, res) => {
    auditAs(res, 'query.list', null);
    const office = principalOf(res).office!;
    const query = `WorkflowType = '${WORKFLOW_TYPE}' AND ExecutionStatus = 'Running' AND ${SA.awaitingProsecutor.name} = true AND ${SA.prosecutorOffices.name} = '${office}'`;
    const { items } = await gateway.list(query, MAX_OPEN_QUERIES, undefined);
    const statuses = await Promise.all(items.map((c) => gateway.status(c.caseId)));
    // A district's office keeps seeing its query after escalation: its late answer is still welcome.
    const open = statuses
      .map(view)
      .filter((q): q is ProsecutorQueryView => !!q && (q.office === office || q.escalatedTo === office))
      .sort((a, b) => a.replyBy.localeCompare(b.replyBy));
    res.json({ items: open });
  });

  r.post('/prosecutor/queries/:queryId/answer', prosecutorOnly, async (req, res) => {
    const queryId = parseOr400(queryIdSchema, req.params.queryId, 'path');
    const caseId = caseOfQuery(queryId);
    auditAs(res, 'query.answer', caseId);
    const answer = parseOr400(statusQueryAnswerSchema, req.body, 'body');
    const p = principalOf(res);
    const access = await visibleCase(gateway, p, caseId);
    const updateId = idempotentUpdateId(p, req);
    // As for events: a retry of an answer the closed case recorded gets that answer's result again.
    if (!access.running && !updateId) throw refusalProblem(409, refuse('query-closed', { queryId }));
    const { id, role, office } = p;
    res.json(await gateway.record(caseId, { actor: { id, role, office }, answer: { ...answer, queryId } }, updateId));
  });
  return r;
}
