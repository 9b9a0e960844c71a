import { Router, type Response } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { refusalDetail } from '../../cases/problems';
import { dateAt } from '../../domain/calendar';
import { LANGUAGES } from '../../domain/codes';
import { whyOpeningRefused } from '../../domain/procedure/opening';
import { caseOpeningSchema, EXPLOITATION_FORMS } from '../../domain/schemas/case';
import { requireRole } from '../../identity/require-role';
import type { WorkspaceDeps } from '../deps';
import { fromForm, type FieldSpec } from '../form-fields';
import { formKeyOf, formState, withFormKey } from '../forms';
import { locals } from '../middleware';
import type { FormState } from '../views/form';
import { formPage } from '../views/report';

/** The opening form's fields, as the opening schema names them nested. */
const OPENING_FIELDS: FieldSpec[] = [
  { name: 'openedOn', kind: 'date', options: [], optional: false },
  { name: 'unaccompaniedMinor', kind: 'boolean', options: [], optional: false },
  { name: 'pseudonym', kind: 'text', options: [], optional: false },
  { name: 'dateOfBirth', kind: 'date', options: [], optional: true },
  { name: 'victimLanguage', kind: 'text', options: [], optional: false },
  {
    name: 'exploitation',
    kind: 'choice',
    options: EXPLOITATION_FORMS,
    optional: false,
  },
  { name: 'caseworkerEmail', kind: 'text', options: [], optional: false },
  { name: 'guardianName', kind: 'text', options: [], optional: true },
  { name: 'guardianEmail', kind: 'text', options: [], optional: true },
  // The guardian's notices are in this language; the centre's when none is chosen (PROCEDURE.md).
  { name: 'guardianLanguage', kind: 'choice', options: LANGUAGES, optional: true },
  { name: 'prosecutorFile', kind: 'text', options: [], optional: true },
  { name: 'immigrationOfficeFile', kind: 'text', options: [], optional: true },
];
/** Where each field of the opening form sits in the opening. */
const OPENING_PATHS: Record<string, string> = {
  'victim.pseudonym': 'pseudonym',
  'victim.dateOfBirth': 'dateOfBirth',
  'victim.language': 'victimLanguage',
  'guardian.name': 'guardianName',
  'guardian.email': 'guardianEmail',
  'guardian.language': 'guardianLanguage',
  guardian: 'guardianName',
  'references.prosecutorFile': 'prosecutorFile',
  'references.immigrationOfficeFile': 'immigrationOfficeFile',
};

function openingFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const v = fromForm(OPENING_FIELDS, body);
  const guardian =
    v.guardianName || v.guardianEmail
      ? {
          name: v.guardianName,
          email: v.guardianEmail,
          ...(v.guardianLanguage ? { language: v.guardianLanguage } : {}),
        }
      : undefined;
  const references =
    v.prosecutorFile || v.immigrationOfficeFile
      ? { prosecutorFile: v.prosecutorFile, immigrationOfficeFile: v.immigrationOfficeFile }
      : undefined;
  return {
    openedOn: v.openedOn,
    unaccompaniedMinor: v.unaccompaniedMinor,
    victim: { pseudonym: v.pseudonym, dateOfBirth: v.dateOfBirth, language: v.victimLanguage },
    exploitation: v.exploitation,
    caseworkerEmail: v.caseworkerEmail,
    ...(guardian ? { guardian } : {}),
    ...(references ? { references } : {}),
  };
}

/** A centre opens a file: the form, and its posting. */
export function openCasePages(deps: WorkspaceDeps): Router {
  const r = Router();
  const { gateway } = deps;
  const openForm = (res: Response, form: FormState, refusal?: string) => {
    const { page } = locals(res);
    const w = page.pack.pages;
    return formPage(page, {
      title: w.openCase.title,
      intro: w.openCase.intro,
      // Posted to its own address: refused, it is shown again as the same page (its menu item, its language links).
      action: '/workspace/cases/new',
      submit: w.openCase.submit,
      fields: OPENING_FIELDS,
      form: withFormKey(form),
      ...(refusal ? { refusal } : {}),
    });
  };
  const centreOnly = requireRole('centre');
  r.get('/cases/new', centreOnly, (_req, res) => {
    res.send(openForm(res, { values: { openedOn: dateAt(Date.now()) }, invalid: new Set() }));
  });
  r.post('/cases/new', centreOnly, async (req, res) => {
    const p = principalOf(res);
    const body = req.body as Record<string, unknown>;
    auditAs(res, 'page.case.open', null);
    const parsed = caseOpeningSchema.safeParse(openingFromForm(body));
    if (!parsed.success) {
      const invalid = parsed.error.issues.map((i) => {
        const path = i.path.join('.');
        return OPENING_PATHS[path] ?? String(i.path[0]);
      });
      res.status(400).send(openForm(res, formState(body, invalid)));
      return;
    }
    const refusal = whyOpeningRefused(parsed.data, dateAt(Date.now()), { imported: false });
    if (refusal) {
      const detail = refusalDetail(locals(res).page.lang, refusal.code, refusal.facts);
      res.status(400).send(openForm(res, formState(body, [OPENING_PATHS[refusal.field] ?? refusal.field]), detail));
      return;
    }
    const key = formKeyOf(body);
    const { status } = await gateway.open(
      { id: p.id, centre: p.centre! },
      parsed.data,
      deps.referenceIndex.ofOpening(parsed.data),
      key,
    );
    auditAs(res, 'page.case.open', status.caseId);
    res.redirect(303, `/workspace/cases/${status.caseId}?recorded=1`);
  });
  return r;
}
