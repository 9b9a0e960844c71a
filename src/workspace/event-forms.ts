import type { OpenTask } from '../domain/procedure/case-index-entry';
import { eventsClosing } from '../domain/procedure/task-forms';
import { documentsOfStage, eventsOpenTo } from '../domain/procedure/rules';
import type { RefusalCode, RefusalFacts } from '../domain/refusals';
import type { Principal } from '../identity/principals';
import type { CaseStatus } from '../domain/schemas/case';
import { eventSchemaOf, type CaseEventType } from '../domain/schemas/events';
import type { FieldCondition } from '../i18n/form-error-words';
import type { FormField } from '../i18n/vocabulary';
import { fieldsOf, type FieldSpec } from './form-fields';

/**
 * What the event schema's refinements (events.ts `requireDependentFields`) require beyond each field's own
 * optionality, so that no form calls a field optional that it refuses empty. A conviction's offence is required
 * on a page, which never sends the older `underTraffickingLaw` that could stand in for it.
 */
const PRESENCE: { [T in CaseEventType]?: Partial<Record<FormField, FieldCondition | 'required'>> } = {
  'withdrawal-decided': { ground: 'whenWithdrawn' },
  'permanent-residence-decided': { reason: 'whenRefused' },
  conviction: { offence: 'required' },
  'age-determined': { dateOfBirth: 'unlessAdult', adult: 'unlessBirthDate' },
};

/** The choices that apply to the case now: the grounds under review, the documents of its stage. */
function optionsNow(spec: FieldSpec, status: CaseStatus): readonly string[] {
  if (spec.name === 'ground') return status.withdrawalReview?.grounds.map((g) => g.ground) ?? [];
  if (spec.name === 'document') return documentsOfStage(status);
  return spec.options;
}

/** The fields of an event's form on a case, each told required or optional as the schema treats it. */
export function eventFields(type: CaseEventType, status: CaseStatus): FieldSpec[] {
  const presence = PRESENCE[type] ?? {};
  return fieldsOf(eventSchemaOf(type)).map((spec) => {
    const p = presence[spec.name];
    const told = p === 'required' ? { optional: false } : p ? { optional: true, condition: p } : {};
    return { ...spec, ...told, options: optionsNow(spec, status) };
  });
}

/** What a new form of the event shows filled in: today's date, and a required choice that has one option only. */
export function eventDefaults(fields: FieldSpec[], today: string): Record<string, string> {
  const only = fields.filter((f) => f.kind === 'choice' && !f.optional && f.options.length === 1);
  return { on: today, ...Object.fromEntries(only.map((f) => [f.name, f.options[0]!])) };
}

/**
 * Why a person may not send an event's form on the case as it is now, or null: who reported a ground of the
 * withdrawal review may not decide it (four eyes, rules.ts `decisionRefusal`), so the form is not offered to them.
 */
export function whyFormClosed(
  p: Principal,
  type: CaseEventType,
  status: CaseStatus,
): { code: RefusalCode; facts: RefusalFacts } | null {
  if (type !== 'withdrawal-decided') return null;
  const own = status.withdrawalReview?.grounds.find((g) => g.reportedById === p.id);
  return own ? { code: 'four-eyes', facts: { ground: own.ground } } : null;
}

/**
 * The events whose forms a case's page offers a person: while the case has no outcome, those of the role and stage
 * that the person may send; once it has one, those that close a task still waiting for the person (the identity
 * proof after residence of unlimited duration).
 */
export function formsOpenTo(p: Principal, status: CaseStatus, tasks: readonly OpenTask[]): CaseEventType[] {
  if (status.outcome) return [...new Set(tasks.flatMap((t) => eventsClosing(t, p)))];
  return eventsOpenTo(p.role, status.stage).filter((type) => !whyFormClosed(p, type, status));
}
