import { Router, type Request, type Response } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { eventInput, requireReporter } from '../../cases/inputs';
import { ServiceProblem } from '../../cases/problems';
import { visibleCase } from '../../cases/visible-case';
import { dateAt } from '../../domain/calendar';
import { caseIdSchema } from '../../domain/schemas/api';
import { CASE_EVENT_TYPES, caseEventSchema, type CaseEventType } from '../../domain/schemas/events';
import type { Principal } from '../../identity/principals';
import type { WorkspaceDeps } from '../deps';
import { eventDefaults, eventFields, whyFormClosed } from '../event-forms';
import { fromForm, type FieldSpec } from '../form-fields';
import {
  blankForm,
  formKeyOf,
  recordOrRefusal,
  refusalSentence,
  refusedByCase,
  refusedFields,
  withFormKey,
} from '../forms';
import { locals } from '../middleware';
import type { FormState } from '../views/form';
import { messagePage } from '../views/messages';
import { formPage, reportTitle } from '../views/report';

/** Report an event of a case: its form, and its posting. */
export function reportEventPages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  const eventType = (req: Request, p: Principal): CaseEventType => {
    const type = req.params.type as CaseEventType;
    if (!CASE_EVENT_TYPES.includes(type)) throw new ServiceProblem('resourceNotFound', (p) => p.pages.errors.notFound);
    requireReporter(p, type);
    return type;
  };
  /** The case as it is now, which the form's choices follow: read only once the reader may see it. */
  const caseFor = async (p: Principal, caseId: string) => {
    await visibleCase(gateway, p, caseId);
    return gateway.status(caseId);
  };
  const eventForm = (res: Response, caseId: string, type: CaseEventType, fields: FieldSpec[], form: FormState) => {
    const { page } = locals(res);
    return formPage(page, {
      title: reportTitle(page, page.pack.pages.events[type], caseId),
      action: `/workspace/cases/${caseId}/report/${type}`,
      submit: page.pack.pages.case.submit,
      fields,
      form: withFormKey(form),
      back: { href: `/workspace/cases/${caseId}`, label: page.pack.pages.backTo.file },
    });
  };
  r.get('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, 'page.case.read', caseId);
    const status = await caseFor(p, caseId);
    const closed = whyFormClosed(p, type, status);
    if (closed) {
      // Not a form this person may send: the page says why, before anything is typed.
      const { page } = locals(res);
      const back = { href: `/workspace/cases/${caseId}`, label: page.pack.pages.errors.back };
      const title = reportTitle(page, page.pack.pages.events[type], caseId);
      res.status(403).send(messagePage(page, title, refusalSentence(page.lang, closed), back));
      return;
    }
    const fields = eventFields(type, status);
    res.send(eventForm(res, caseId, type, fields, blankForm(eventDefaults(fields, dateAt(Date.now())))));
  });
  r.post('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, `page.case.event.${type}`, caseId);
    const body = req.body as Record<string, unknown>;
    const fields = eventFields(type, await caseFor(p, caseId));
    const { lang, pack } = locals(res).page;
    const parsed = caseEventSchema.safeParse({ type, ...fromForm(fields, body) });
    if (!parsed.success) {
      res.status(400).send(eventForm(res, caseId, type, fields, refusedFields(pack, fields, body, parsed.error)));
      return;
    }
    const input = eventInput(p, parsed.data, deps.referenceIndex);
    const key = formKeyOf(body);
    const refusal = await recordOrRefusal(() => gateway.record(caseId, input, key));
    if (refusal) {
      res.status(409).send(eventForm(res, caseId, type, fields, refusedByCase(lang, fields, body, refusal)));
      return;
    }
    res.redirect(303, `/workspace/cases/${caseId}?recorded=1`);
  });
  return r;
}
