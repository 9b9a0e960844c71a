/**
 * Issue 29, "plain words only": the codes of the schemas that must never reach a person, on a page or in a mail. The
 * list is generated from the schemas' own enums (event types, document types, grounds, stages, outcomes, deadline
 * kinds, task kinds, office and centre codes, the form's field names, refusal codes), so a new code is covered the
 * day it is added. Only codes a person could not mistake for a word are listed: hyphenated or camel-case names and
 * upper-case codes; raw ISO dates (2026-03-02) count too, as the pages and mails write dates in full.
 */
import { TASK_KINDS } from '../../src/domain/procedure/case-index-entry';
import { CENTRES, PROSECUTOR_OFFICES } from '../../src/domain/codes';
import { REFUSAL_CODES } from '../../src/domain/refusals';
import { DEADLINE_KINDS, OUTCOMES, PERMANENT_RESIDENCE_BASES, STAGES } from '../../src/domain/schemas/case';
import { CASE_EVENT_TYPES, DOCUMENT_TYPES, WITHDRAWAL_GROUNDS } from '../../src/domain/schemas/events';
import { FORM_FIELDS } from '../../src/i18n/vocabulary';
import { CENTRE_NAMES } from '../../src/i18n/places';

const looksLikeCode = (code: string): boolean => /[-_]|[a-z][A-Z]|^[A-Z]{4,}$/.test(code);

/** Every code of the schemas that reads as a code; a centre whose code is its name (PAG-ASA) is a name. */
export const CODE_WORDS: readonly string[] = [
  ...new Set(
    [
      ...CASE_EVENT_TYPES,
      ...DOCUMENT_TYPES,
      ...WITHDRAWAL_GROUNDS,
      ...STAGES,
      ...OUTCOMES,
      ...DEADLINE_KINDS,
      ...PERMANENT_RESIDENCE_BASES,
      ...TASK_KINDS,
      ...PROSECUTOR_OFFICES,
      ...CENTRES.filter((c) => CENTRE_NAMES[c] !== c),
      ...FORM_FIELDS,
      ...REFUSAL_CODES,
    ].filter(looksLikeCode),
  ),
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CODES = new RegExp(
  `(?<![\\w-])(${[...CODE_WORDS]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![\\w-])`,
  'g',
);
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
/** Addresses hold ids and codes by design (a case's, a query's, a form's): a person reads the words around them. */
const URL = /\bhttps?:\/\/\S+|\/workspace\/\S*/g;

/** The codes and raw dates a text shows a person, for a failure message that says what leaked. */
export function codeWordsIn(text: string): string[] {
  const words = text.replace(URL, ' ');
  return [...words.matchAll(CODES), ...words.matchAll(ISO_DATE)].map((m) => m[0]);
}
