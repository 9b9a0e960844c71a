import type { FormField } from './vocabulary';

/** When a field that some answers need is required: the page says so instead of "(optional)". */
export const FIELD_CONDITIONS = ['whenWithdrawn', 'whenRefused', 'unlessAdult', 'unlessBirthDate', 'guardian'] as const;
export type FieldCondition = (typeof FIELD_CONDITIONS)[number];

/**
 * The words of a refused form (the GOV.UK error summary and error message): what to fix, field by field, the same
 * in the summary and at the field. `label` is the field's own label, as the page shows it.
 */
export interface FormErrorWords {
  /** Before the page's title, so that the first words a screen reader says tell the form was refused. */
  titlePrefix: string;
  /** What to enter in a required field left empty, field by field. */
  missing: Record<FormField, string>;
  email: string;
  /** A date not written as three numbers (a part missing, letters, a two-digit year). */
  date: (label: string) => string;
  /** Three numbers, but no such day (31 February). */
  impossibleDate: (label: string) => string;
  /** A value not among the choices offered. */
  choice: (label: string) => string;
  tooLong: (label: string, max: number) => string;
  fileReference: (label: string) => string;
  guardianForMinorsOnly: string;
  ageDetermination: string;
  /** Any other problem of a field: never the schema's own words. */
  invalid: (label: string) => string;
  /** The parts of a date input, and its example. */
  day: string;
  month: string;
  year: string;
  dateHint: string;
  conditions: Record<FieldCondition, string>;
}
