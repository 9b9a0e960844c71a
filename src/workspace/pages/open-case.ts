import { Router, type Response } from 'express';
import { auditAs, principalOf } from '../../audit/request-context';
import { dateAt } from '../../domain/calendar';
import { LANGUAGES } from '../../domain/codes';
import { whyOpeningRefused } from '../../domain/procedure/opening';
import { caseOpeningSchema, EXPLOITATION_FORMS } from '../../domain/schemas/case';
import { requireRole } from '../../identity/require-role';
import type { LanguagePack } from '../../i18n';
import type { WorkspaceDeps } from '../deps';
import { fromForm, type FieldSpec } from '../form-fields';
import { blankForm, formKeyOf, refusedByCase, refusedFields, withFormKey } from '../forms';
import { locals } from '../middleware';
import type { FormState } from '../views/form';
import { formPage } from '../views/report';
import { languagesByName } from '../victim-languages';

/** The opening form's fields, as the opening schema names them nested; languages listed by their names. */
const openingFields = (pack: LanguagePack): FieldSpec[] => [
  { name: 'openedOn', kind: 'date', options: [], optional: false },
  { name: 'unaccompaniedMinor', kind: 'boolean', options: [], optional: false },
  { name: 'pseudonym', kind: 'text', options: [], optional: false },
  { name: 'dateOfBirth', kind: 'date', options: [], optional: true },
  { name: 'victimLanguage', kind: 'choice', options: languagesByName(pack.locale), optional: false },
  { name: 'exploitation', kind: 'choice', options: EXPLOITATION_FORMS, optional: false },
  { name: 'caseworkerEmail', kind: 'text', options: [], optional: false },
  // A guardian is named with both a name and an e-mail address, or not at all (the opening schema).
  { name: 'guardianName', kind: 'text', options: [], optional: true, condition: 'guardian' },
  { name: 'guardianEmail', kind: 'text', options: [], optional: true, condition: 'guardian' },
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

/** The form's field of an issue of the opening schema. */
const openingField = (path: PropertyKey[]): string => OPENING_PATHS[path.join('.')] ?? String(path[0]);

function openingFromForm(fields: FieldSpec[], body: Record<string, unknown>): Record<string, unknown> {
  const v = fromForm(fields, body);
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
  const openForm = (res: Response, fields: FieldSpec[], form: FormState) => {
    // Shown again after a POST to the list's address, it is still the form's page: its menu item, its language links.
    const page = { ...locals(res).page, path: '/workspace/cases/new' };
    const w = page.pack.pages;
    return formPage(page, {
      title: w.openCase.title,
      intro: w.openCase.intro,
      // Posted to its own address: refused, it is shown again as the same page (its menu item, its language links).
      action: '/workspace/cases/new',
      submit: w.openCase.submit,
      fields,
      form: withFormKey(form),
    });
  };
  const centreOnly = requireRole('centre');
  r.get('/cases/new', centreOnly, (_req, res) => {
    res.send(openForm(res, openingFields(locals(res).page.pack), blankForm({ openedOn: dateAt(Date.now()) })));
  });
  r.post('/cases/new', centreOnly, async (req, res) => {
    const p = principalOf(res);
    const body = req.body as Record<string, unknown>;
    auditAs(res, 'page.case.open', null);
    const { lang, pack } = locals(res).page;
    const fields = openingFields(pack);
    const parsed = caseOpeningSchema.safeParse(openingFromForm(fields, body));
    if (!parsed.success) {
      res.status(400).send(openForm(res, fields, refusedFields(pack, fields, body, parsed.error, openingField)));
      return;
    }
    const refusal = whyOpeningRefused(parsed.data, dateAt(Date.now()), { imported: false });
    if (refusal) {
      res.status(400).send(openForm(res, fields, refusedByCase(lang, fields, body, refusal)));
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
