import { POLICY } from './policy';

/**
 * Why the service refuses an event, an answer, an opening or an import: a
 * stable code and its facts (codes, dates, event names; never personal data),
 * so that the API, the pages and the mails can say it in the reader's language.
 * The English sentences here are the API's default `detail` and the Update's
 * failure message.
 */
export type RefusalFacts = Readonly<Record<string, string>>;

/**
 * Facts are codes (a stage, a list of stages or document types joined by commas, a track `minor` or
 * `adult`): each language renders them in its own words.
 */
const STAGE_WORDS: Record<string, string> = {
  REFLECTION: 'the reflection period',
  TEMPORARY_RESIDENCE: 'temporary residence',
  IDENTIFIED_VICTIM: 'the 6-month permit stage',
  PERMANENT_RESIDENCE: 'permanent residence',
  CLOSED: 'a closed case',
};
const stageWords = (codes: string | undefined): string =>
  (codes ?? '')
    .split(',')
    .map((c) => STAGE_WORDS[c] ?? c)
    .join(', ');
const either = (codes: string | undefined): string => (codes ?? '').split(',').join(' or ');

/** The English sentences: the Update's failure message, the API's default `detail`, the English catalogue. */
export const ENGLISH_REFUSALS = {
  'role-not-allowed': (f: RefusalFacts) => `a ${f.role} may not report '${f.event}'`,
  'date-in-future': (f: RefusalFacts) => `the date ${f.date} is in the future`,
  'malformed-reference-keys': () => 'the reference keys are not keyed hashes of the index; only the API sends them',
  'date-before-opening': (f: RefusalFacts) => `the date ${f.date} is before the case was opened (${f.openedOn})`,
  'case-closed': (f: RefusalFacts) => `the case is closed (${f.outcome}); no event applies any more`,
  'permanent-residence-granted': (f: RefusalFacts) => `permanent residence was granted; '${f.event}' no longer applies`,
  'event-not-in-stage': (f: RefusalFacts) =>
    `'${f.event}' applies in ${stageWords(f.stages)} only; the case is in ${stageWords(f.stage)}`,
  'complaint-already-filed': () => 'a complaint or statement is already on file for this case',
  'complaint-after-reflection': (f: RefusalFacts) =>
    `the complaint or statement of ${f.date} is dated after the reflection period, which ended on ${f.reflectionEnds}`,
  'document-not-of-stage': (f: RefusalFacts) =>
    `a ${f.document} is not the document of ${stageWords(f.stage)} (expected ${either(f.expected)})`,
  'document-not-of-track': (f: RefusalFacts) =>
    `a ${f.document} is not the stage-1 document of this case (opened ${f.openedOn}, ${f.track === 'minor' ? 'unaccompanied minor' : 'adult'}): expected ${f.expected}`,
  'document-dates-inverted': () => 'the end of validity is before the date of issue',
  'issue-date-in-future': (f: RefusalFacts) => `the issue date ${f.date} is in the future`,
  'document-already-expired': (f: RefusalFacts) =>
    `a document valid until ${f.validUntil} has already expired; report the current one`,
  'renewal-used': () => 'the 3-month document has already had its one renewal',
  'ground-already-under-review': (f: RefusalFacts) =>
    `'${f.ground}' is already under review; the decision will cover it`,
  'no-review-open': () =>
    'no withdrawal review is open: a ground must be reported first (there is no withdrawal without a review)',
  'ground-not-under-review': (f: RefusalFacts) => `the open review concerns ${f.grounds}, not '${f.ground}'`,
  'ground-required': () => 'a withdrawal names the ground it is decided on',
  'four-eyes': (f: RefusalFacts) =>
    `the decision must be taken by another person than the one who reported '${f.ground}' (four eyes)`,
  'age-determination-adults': () => 'an age determination applies to the case of an unaccompanied minor only',
  'birth-after-determination': (f: RefusalFacts) =>
    `the date of birth ${f.dateOfBirth} is after the day of the age determination (${f.date})`,
  'not-identified-yet': (f: RefusalFacts) =>
    `'${f.event}' applies once the victim is identified (stage 3): the prosecutor must first answer the status query`,
  'no-permanent-residence-review': () => 'no permanent-residence review is open on this case',
  'refusal-reason-required': () => 'a refusal of permanent residence gives its reason',
  'durable-solution-adults': () => 'the durable-solution procedure is for unaccompanied minors only',
  'identity-already-documented': () => 'identity is already documented',
  'not-opening-centre': () => 'only the centre that opened the case can cancel it',
  'document-already-reported': () =>
    'a document was already reported as issued on this case: it was not opened in error',
  'document-still-valid': (f: RefusalFacts) =>
    `the current document is valid until ${f.validUntil}; non-renewal is decided once it has expired`,
  'answer-role': (f: RefusalFacts) => `a ${f.role} may not answer a status query`,
  'query-answered': (f: RefusalFacts) => `query ${f.queryId} has already been answered`,
  'query-closed': (f: RefusalFacts) => `query ${f.queryId} is closed`,
  'no-such-query': (f: RefusalFacts) => `no open query ${f.queryId} on this case`,
  'query-not-addressed': (f: RefusalFacts) => `query ${f.queryId} is not addressed to office ${f.office}`,
  'opened-in-future': (f: RefusalFacts) => `the opening date ${f.openedOn} is in the future`,
  'reflection-already-over': (f: RefusalFacts) =>
    `a case opened on ${f.openedOn} had its reflection period end on ${f.reflectionEnds}; bring a running case in with POST /v1/cases/import`,
  'birth-after-opening': (f: RefusalFacts) =>
    `the date of birth ${f.dateOfBirth} is after the opening date ${f.openedOn}`,
  'minor-of-age': (f: RefusalFacts) =>
    `an unaccompanied minor must be under ${POLICY.majorityAge} on the opening day ${f.openedOn}`,
  'import-out-of-order': (f: RefusalFacts) =>
    `events[${f.index}] is dated ${f.date}, before the event that precedes it: list the events in date order`,
  'import-no-open-query': (f: RefusalFacts) =>
    `events[${f.index}] answers a status query, but none was open on ${f.date}`,
  'import-case-ended': (f: RefusalFacts) =>
    `with these events the case ended (${f.outcome}) before today: only running cases are imported`,
} as const;

export type RefusalCode = keyof typeof ENGLISH_REFUSALS;
export const REFUSAL_CODES = Object.keys(ENGLISH_REFUSALS) as [RefusalCode, ...RefusalCode[]];

export interface Refusal {
  code: RefusalCode;
  facts: RefusalFacts;
  /** The English sentence. */
  message: string;
}

export function refuse(code: RefusalCode, facts: RefusalFacts = {}): Refusal {
  return { code, facts, message: ENGLISH_REFUSALS[code](facts) };
}

/** An import event's refusal names the event it is about. */
export function atImportEvent(index: number, r: Refusal): Refusal {
  return { ...r, facts: { ...r.facts, index: String(index) }, message: `events[${index}]: ${r.message}` };
}
