import type { PayloadCodec } from '@temporalio/common';
import { Router } from 'express';
import type { CaseIndexStore } from '../../case-index/case-index-store';
import type { CursorBinding } from '../../cases/bound-cursor';
import { pageAfterCursor, publicTaskId, taskPartyOf } from '../../cases/task-scope';
import { taskListQuerySchema, taskListSchema } from '../../domain/schemas/tasks';
import { requireRole } from '../../identity/require-role';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { COMMON, json, type ApiDocument } from '../openapi';
import { pageLinks } from '../page-links';
import { parseOr400 } from '../validate';

/** GET /v1/tasks: the caller's open tasks, read from the case index (never a Query per case). */
export function tasksRouter(caseIndex: CaseIndexStore, codec: PayloadCodec, base: string): Router {
  const r = Router();
  r.get('/tasks', requireRole('centre', 'prosecutor', 'immigration-office', 'admin'), async (req, res) => {
    auditAs(res, 'task.list', null);
    const p = principalOf(res);
    const q = parseOr400(taskListQuerySchema, req.query, 'query');
    const binding: CursorBinding = {
      principalId: p.id,
      list: 'tasks',
      filters: { kind: q.kind, dueBefore: q.dueBefore },
    };
    const filter = { party: taskPartyOf(p), ...(q.kind ? { kinds: [q.kind] } : {}), dueBefore: q.dueBefore };
    const page = await pageAfterCursor(codec, binding, q.cursor, (after) =>
      caseIndex.listTasks(filter, after, q.pageSize),
    );
    auditShown(res, 'task.list', page.items);
    res.json({
      ...pageLinks(base, '/v1/tasks', req.query, page.nextCursor),
      items: page.items.map((t) => ({
        taskId: publicTaskId(t),
        caseId: t.caseId,
        kind: t.kind,
        due: t.due,
        since: t.since,
        href: `${base}/v1/cases/${t.caseId}`,
      })),
      pageSize: q.pageSize,
      total: page.total,
    });
  });
  return r;
}

/** The tasks' operation. */
export function documentTasks(api: ApiDocument): void {
  api.registerPath({
    method: 'get',
    path: '/v1/tasks',
    operationId: 'listTasks',
    tags: ['Tasks'],
    summary: 'The open tasks of the caller',
    description:
      'What waits for the caller: a centre its own, a prosecutor’s office its own (status queries, escalated ones included), the Immigration Office and admins the Immigration Office’s. Soonest due first, a page at a time: follow `next`; `total` counts every task the filters select.',
    request: { query: taskListQuerySchema },
    responses: { 200: json(taskListSchema, 'A page of open tasks, soonest due first'), ...COMMON },
  });
}
