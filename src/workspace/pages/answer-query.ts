import { Router, type Response } from 'express';
import { auditAs, auditShown, principalOf } from '../../audit/request-context';
import { answerInput } from '../../cases/inputs';
import type { CursorBinding } from '../../cases/bound-cursor';
import { openQueriesPage } from '../../cases/open-queries';
import { pageAfterCursor } from '../../cases/task-scope';
import { personalOf } from '../../case-index/readable-personal';
import { visibleCase } from '../../cases/visible-case';
import { caseOfQuery, queryIdSchema } from '../../domain/schemas/api';
import { statusQueryAnswerSchema } from '../../domain/schemas/events';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import { fieldsOf, fromForm } from '../form-fields';
import { blankForm, formKeyOf, recordOrRefusal, refusedByCase, refusedFields, withFormKey } from '../forms';
import { locals } from '../middleware';
import { shortRef } from '../views/case-words';
import type { FormState } from '../views/form';
import { queriesPage } from '../views/queries';
import { formPage } from '../views/report';

/** Queries a page shows at a time. */
const PAGE = 25;

/** A prosecutor's office's open status queries, a page at a time, and the form that answers one. */
export function answerQueryPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  const prosecutorOnly = requireRole('prosecutor');
  r.get('/queries', prosecutorOnly, async (req, res) => {
    const p = principalOf(res);
    auditAs(res, 'page.query.list', null);
    const binding: CursorBinding = { principalId: p.id, list: 'workspace-queries', filters: {} };
    const cursor = typeof req.query.cursor === 'string' ? req.query.cursor : undefined;
    const page = await pageAfterCursor(deps.codec, binding, cursor, (after) =>
      openQueriesPage(deps.caseIndex, p.office!, after, PAGE),
    );
    auditShown(res, 'page.query.list', page.items);
    const personal = await personalOf(
      deps.caseIndex,
      page.items.map((q) => q.caseId),
    );
    res.send(
      queriesPage(locals(res).page, {
        open: page.items.map((query) => ({ query, personal: personal.get(query.caseId) ?? null })),
        total: page.total,
        nextHref: page.nextCursor ? `/workspace/queries?${new URLSearchParams({ cursor: page.nextCursor })}` : null,
      }),
    );
  });
  const answerFields = fieldsOf(statusQueryAnswerSchema);
  const answerForm = (res: Response, queryId: string, form: FormState) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    return formPage(page, {
      title: `${w.queries.answerTitle} · ${w.case.title(shortRef(caseOfQuery(queryId)))}`,
      intro: w.answer.intro,
      action: `/workspace/queries/${queryId}`,
      submit: w.answer.submit,
      fields: answerFields,
      form: withFormKey(form),
      back: { href: '/workspace/queries', label: w.backTo.queries },
    });
  };
  r.get('/queries/:queryId', prosecutorOnly, async (req, res) => {
    const p = principalOf(res);
    const queryId = queryIdSchema.parse(req.params.queryId);
    auditAs(res, 'page.case.read', caseOfQuery(queryId));
    await visibleCase(gateway, p, caseOfQuery(queryId));
    res.send(answerForm(res, queryId, blankForm()));
  });
  r.post('/queries/:queryId', prosecutorOnly, async (req, res) => {
    const p = principalOf(res);
    const queryId = queryIdSchema.parse(req.params.queryId);
    const caseId = caseOfQuery(queryId);
    auditAs(res, 'page.query.answer', caseId);
    const body = req.body as Record<string, unknown>;
    const { lang, pack } = locals(res).page;
    const parsed = statusQueryAnswerSchema.safeParse(fromForm(answerFields, body));
    if (!parsed.success) {
      res.status(400).send(answerForm(res, queryId, refusedFields(pack, answerFields, body, parsed.error)));
      return;
    }
    await visibleCase(gateway, p, caseId);
    const key = formKeyOf(body);
    const input = answerInput(p, parsed.data, queryId);
    const refusal = await recordOrRefusal(() => gateway.record(caseId, input, key));
    if (refusal) {
      res.status(409).send(answerForm(res, queryId, refusedByCase(lang, answerFields, body, refusal)));
      return;
    }
    res.redirect(303, `/workspace/cases/${caseId}?recorded=1`);
  });
  return r;
}
