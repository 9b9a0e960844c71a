import { Router, type Request, type Response } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { eventInput, requireReporter } from '../../cases/inputs';
import { ServiceProblem } from '../../cases/problems';
import { visibleCase } from '../../cases/visible-case';
import { dateAt } from '../../domain/calendar';
import { caseIdSchema } from '../../domain/schemas/api';
import { CASE_EVENT_TYPES, caseEventSchema, eventSchemaOf, type CaseEventType } from '../../domain/schemas/events';
import type { Principal } from '../../identity/principals';
import type { WorkspaceDeps } from '../deps';
import { fieldsOf, fromForm } from '../form-fields';
import { formKeyOf, formState, recordOrRefusal, refusedFields, withFormKey } from '../forms';
import { locals } from '../middleware';
import type { FormState } from '../views/form';
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
  const eventForm = (res: Response, caseId: string, type: CaseEventType, form: FormState, refusal?: string) => {
    const { page } = locals(res);
    return formPage(page, {
      title: reportTitle(page, page.pack.pages.events[type], caseId),
      action: `/workspace/cases/${caseId}/report/${type}`,
      submit: page.pack.pages.case.submit,
      fields: fieldsOf(eventSchemaOf(type)),
      form: withFormKey(form),
      back: { href: `/workspace/cases/${caseId}`, label: page.pack.pages.backTo.file },
      ...(refusal ? { refusal } : {}),
    });
  };
  r.get('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, 'page.case.read', caseId);
    await visibleCase(gateway, p, caseId);
    res.send(eventForm(res, caseId, type, { values: { on: dateAt(Date.now()) }, invalid: new Set() }));
  });
  r.post('/cases/:caseId/report/:type', async (req, res) => {
    const p = principalOf(res);
    const caseId = caseIdSchema.parse(req.params.caseId);
    const type = eventType(req, p);
    auditAs(res, `page.case.event.${type}`, caseId);
    const body = req.body as Record<string, unknown>;
    const parsed = caseEventSchema.safeParse({ type, ...fromForm(fieldsOf(eventSchemaOf(type)), body) });
    if (!parsed.success) {
      res.status(400).send(eventForm(res, caseId, type, refusedFields(body, parsed.error)));
      return;
    }
    await visibleCase(gateway, p, caseId);
    const input = eventInput(p, parsed.data, deps.referenceIndex);
    const key = formKeyOf(body);
    const refused = await recordOrRefusal(() => gateway.record(caseId, input, key), locals(res).page.lang);
    if (refused) {
      res.status(409).send(eventForm(res, caseId, type, formState(body, []), refused));
      return;
    }
    res.redirect(303, `/workspace/cases/${caseId}?recorded=1`);
  });
  return r;
}
