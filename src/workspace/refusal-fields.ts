import type { RefusalCode } from '../domain/refusals';
import type { FormField } from '../i18n/vocabulary';

/**
 * The field each refusal of a case rule is about (src/domain/procedure/rules.ts and opening.ts): the error summary
 * links to it and the field shows the refusal. Refusals of the case as a whole (its stage, four eyes) have none.
 */
export const REFUSAL_FIELDS: Partial<Record<RefusalCode, FormField>> = {
  'date-in-future': 'on',
  'date-before-opening': 'on',
  'complaint-after-reflection': 'on',
  'document-not-of-stage': 'document',
  'document-not-of-track': 'document',
  'document-dates-inverted': 'validUntil',
  'issue-date-in-future': 'issuedOn',
  'document-already-expired': 'validUntil',
  'ground-required': 'ground',
  'ground-not-under-review': 'ground',
  'refusal-reason-required': 'reason',
  'birth-after-determination': 'dateOfBirth',
  'opened-in-future': 'openedOn',
  'reflection-already-over': 'openedOn',
  'birth-after-opening': 'dateOfBirth',
  'minor-of-age': 'dateOfBirth',
};
