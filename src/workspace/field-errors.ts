import type { z } from 'zod';
import { FIELD_RULES } from '../domain/schemas/field-rules';
import type { LanguagePack } from '../i18n';
import { impossibleDate, partsOf } from './date-input';
import type { FieldSpec } from './form-fields';

/** What can be wrong with a field, as a person can fix it (GOV.UK's error messages, one kind each). */
export type FieldProblem =
  | { kind: 'missing' }
  | { kind: 'email' }
  | { kind: 'date' }
  | { kind: 'impossibleDate' }
  | { kind: 'choice' }
  | { kind: 'tooLong'; max: number }
  | { kind: 'fileReference' }
  | { kind: 'guardianForMinorsOnly' }
  | { kind: 'ageDetermination' }
  | { kind: 'invalid' };

/** Whether the form left a field empty: a date's three parts, a yes/no not chosen, blank text. */
export function leftEmpty(spec: FieldSpec, body: Record<string, unknown>): boolean {
  if (spec.kind === 'date') return Object.values(partsOf(body, spec.name)).every((p) => p === '');
  const raw = body[spec.name];
  return typeof raw !== 'string' || raw.trim() === '';
}

/**
 * The kind of a schema's issue with a field. Most issues of a field left empty say only that a value is missing
 * (zod's invalid_type or too_small, or a refinement that requires it with another answer): "enter the ...".
 */
export function problemOf(issue: z.core.$ZodIssue, spec: FieldSpec, body: Record<string, unknown>): FieldProblem {
  if (issue.code === 'custom' && issue.message === FIELD_RULES.ageDetermination) return { kind: 'ageDetermination' };
  if (issue.code === 'custom' && issue.message === FIELD_RULES.guardianForMinorsOnly)
    return { kind: 'guardianForMinorsOnly' };
  if (leftEmpty(spec, body)) return { kind: 'missing' };
  if (spec.kind === 'date') return { kind: impossibleDate(partsOf(body, spec.name)) ? 'impossibleDate' : 'date' };
  // Whatever rule refused it (an enum, the language code's pattern), a value of a list is one the list lacks.
  if (spec.kind === 'choice') return { kind: 'choice' };
  switch (issue.code) {
    case 'invalid_format':
      if (issue.format === 'email') return { kind: 'email' };
      return { kind: issue.message === FIELD_RULES.fileReference ? 'fileReference' : 'invalid' };
    case 'invalid_value':
      return { kind: 'choice' };
    case 'too_big':
      return { kind: 'tooLong', max: Number(issue.maximum) };
    default:
      return { kind: 'invalid' };
  }
}

/** A problem in the reader's words: the same sentence in the error summary and at the field. */
export function problemWords(pack: LanguagePack, spec: FieldSpec, problem: FieldProblem): string {
  const w = pack.pages.formErrors;
  const label = pack.pages.fields[spec.name];
  switch (problem.kind) {
    case 'missing':
      return w.missing[spec.name];
    case 'email':
      return w.email;
    case 'date':
    case 'impossibleDate':
    case 'choice':
    case 'fileReference':
    case 'invalid':
      return w[problem.kind](label);
    case 'tooLong':
      return w.tooLong(label, problem.max);
    case 'guardianForMinorsOnly':
    case 'ageDetermination':
      return w[problem.kind];
  }
}

/**
 * What to fix in each field the schema refused, in the form's order (the order the summary lists them in); a
 * field's first issue is the one a person fixes first. `fieldOf` names the form's field of an issue's path.
 */
export function fieldErrors(
  pack: LanguagePack,
  fields: FieldSpec[],
  body: Record<string, unknown>,
  error: z.ZodError,
  fieldOf: (path: PropertyKey[]) => string = (path) => String(path[0]),
): Map<string, string> {
  const errors = new Map<string, string>();
  for (const spec of fields) {
    const issue = error.issues.find((i) => fieldOf(i.path) === spec.name);
    if (issue) errors.set(spec.name, problemWords(pack, spec, problemOf(issue, spec, body)));
  }
  return errors;
}
