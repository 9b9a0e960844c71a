import { Router } from 'express';
import { z } from 'zod';
import { caseStatusSchema, prosecutorQueryListSchema } from '../../domain/schemas/case';
import { caseOfQuery, queryIdSchema, idempotencyHeaderSchema, pageQuerySchema } from '../../domain/schemas/api';
import { statusQueryAnswerSchema } from '../../domain/schemas/events';
import type { CaseGateway } from '../../cases/case-gateway';
import type { PayloadCodec } from '@temporalio/common';
import type { CaseIndexStore } from '../../case-index/case-index-store';
import type { CursorBinding } from '../../cases/bound-cursor';
import { openQueriesPage } from '../../cases/open-queries';
import { pageAfterCursor } from '../../cases/task-scope';
import { pageLinks } from '../page-links';
import { answerInput } from '../../cases/inputs';
import { refusalProblem } from '../../cases/problems';
import { refuse } from '../../domain/refusals';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { BODY, COMMON, json, NOT_APPLICABLE, NOT_FOUND, type ApiDocument } from '../openapi';
import { parseOr400 } from '../validate';
import { requireRole } from '../../identity/require-role';
import { visibleCase } from '../../cases/visible-case';
import { statusShownTo } from '../../cases/status-shown';
import { idempotencyKeyOf } from '../idempotency-key';

export function prosecutorRouter(
  gateway: CaseGateway,
  caseIndex: CaseIndexStore,
  codec: PayloadCodec,
  base: string,
): Router {
  const r = Router();
  // Per route, not r.use(): this router is mounted on /v1 and a router-wide check would answer 403 for every unknown /v1 path.
  const prosecutorOnly = requireRole('prosecutor');

  r.get('/prosecutor/queries', prosecutorOnly, async (req, res) => {
    auditAs(res, 'query.list', null);
    const p = principalOf(res);
    const q = parseOr400(pageQuerySchema, req.query, 'query');
    const binding: CursorBinding = { principalId: p.id, list: 'prosecutor-queries', filters: {} };
    const page = await pageAfterCursor(codec, binding, q.cursor, (after) =>
      openQueriesPage(caseIndex, p.office!, after, q.pageSize),
    );
    auditShown(res, 'query.list', page.items);
    res.json({
      ...pageLinks(base, '/v1/prosecutor/queries', req.query, page.nextCursor),
      items: page.items.map(({ revision: _revision, ...query }) => query),
      pageSize: q.pageSize,
      total: page.total,
    });
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
    res.json(statusShownTo(p, await gateway.record(caseId, answerInput(p, answer, queryId), key)));
  });
  return r;
}

/** The status queries' operations. */
export function documentProsecutor(api: ApiDocument): void {
  api.registerPath({
    method: 'get',
    path: '/v1/prosecutor/queries',
    operationId: 'listStatusQueries',
    tags: ['Status queries'],
    summary: "The open status queries of the prosecutor's office",
    description:
      'Every open query the Immigration Office sent to the office of the signed-in prosecutor, and, once escalated, to the office of its Principal Crown Prosecutor; soonest reply first, a page at a time: follow `next`; `total` counts them all.',
    request: { query: pageQuerySchema },
    responses: {
      200: json(prosecutorQueryListSchema, 'Open queries, soonest reply first'),
      ...COMMON,
    },
  });
  api.registerPath({
    method: 'post',
    path: '/v1/prosecutor/queries/{queryId}/answer',
    operationId: 'answerStatusQuery',
    tags: ['Status queries'],
    summary: 'Answer a status query',
    description:
      'The prosecutor’s office answers the two questions of the status query (and the conditions of stage 3); the Immigration Office decides on the document with it.',
    request: {
      params: z.object({ queryId: queryIdSchema }),
      headers: idempotencyHeaderSchema,
      body: { required: true, content: { 'application/json': { schema: statusQueryAnswerSchema } } },
    },
    responses: {
      200: json(caseStatusSchema, 'The answer applied; the new status'),
      ...COMMON,
      ...BODY,
      ...NOT_FOUND('No such query visible to the office'),
      ...NOT_APPLICABLE('The query was already answered or is closed'),
    },
  });
}
