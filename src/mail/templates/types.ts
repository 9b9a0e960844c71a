import type { NoticeKind } from '../../domain/notices';

/**
 * The words of one language. The layout lives once, in render.ts; a language
 * module holds only text, and the compiler checks that each one covers every
 * notice kind and every code a fact can take.
 */

/** Case codes a notice's facts may carry (CONTRACT.md, case status). */
export const STAGES = ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM', 'PERMANENT_RESIDENCE', 'CLOSED'] as const;
export const OUTCOMES = [
  'PERMANENT_RESIDENCE',
  'REFLECTION_EXPIRED',
  'VOLUNTARY_RETURN',
  'WITHDRAWN',
  'NOT_RENEWED',
  'PROCEEDINGS_ENDED',
  'OTHER_STATUS',
] as const;
export const DOCUMENT_TYPES = [
  'ORDER_TO_LEAVE_45_DAYS',
  'ANNEX_15',
  'MINOR_TEMPORARY_RESIDENCE',
  'ATTESTATION_OF_IMMATRICULATION',
  'A_CARD',
  'B_CARD',
] as const;
/** Withdrawal and non-renewal grounds, as the events that report them are named. */
export const GROUNDS = [
  'contact-with-exploiters',
  'support-declined',
  'public-order-threat',
  'cooperation-ended',
  'fraud-established',
  'proceedings-ended',
] as const;
export const OTHER_STATUSES = ['refugee', 'subsidiary-protection', 'durable-solution-minor', 'humanitarian'] as const;

export type Stage = (typeof STAGES)[number];
export type Outcome = (typeof OUTCOMES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type Ground = (typeof GROUNDS)[number];
export type OtherStatus = (typeof OTHER_STATUSES)[number];

/**
 * The facts a mail shows, in this order. Any other fact of a notice is left out
 * of the mail: its words would be English-only, and its value unchecked.
 */
export const FACT_KEYS = [
  'centre',
  'stage',
  'previousStage',
  'documentType',
  'outcome',
  'otherStatus',
  'ground',
  'office',
  'queryId',
  'identityProofMissing',
  'humanitarianCandidate',
  'failedKind',
  'rejected',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

export type Facts = Readonly<Record<string, string | boolean>>;

/** Fixed text, or text that depends on the notice's facts. */
export type Text = string | ((facts: Facts) => string);

export interface KindTemplate {
  /** Short and neutral: it shows in inboxes and on lock screens. */
  subject: string;
  /** What happened. */
  summary: Text;
  /** What is asked of the recipient. */
  ask: Text;
  /** What the notice's `due` date means for this kind. */
  dueLabel: string;
}

export interface LanguagePack {
  /** BCP 47 locale for dates. */
  locale: string;
  words: {
    greeting: string;
    /** Between a label and its value: French typography wants a space before the colon. */
    labelSeparator: string;
    fileReference: string;
    asked: string;
    details: string;
    caseLink: string;
    queriesLink: string;
    calendarNote: string;
    /** Why the mail says so little: it reaches inboxes that others may read. */
    footer: string;
    /** For a code the mail does not know: never echoed, the reader looks it up. */
    seeApplication: string;
  };
  factLabels: Record<FactKey, string>;
  stages: Record<Stage, string>;
  outcomes: Record<Outcome, string>;
  documentTypes: Record<DocumentType, string>;
  grounds: Record<Ground, string>;
  otherStatuses: Record<OtherStatus, string>;
  identityProof: { missing: string; provided: string };
  humanitarianCandidate: string;
  recipients: {
    'immigration-office': string;
    caseworker: string;
    guardian: string;
    centre: (code: string) => string;
    prosecutor: (code: string) => string;
    'principal-crown-prosecutor': (code: string) => string;
  };
  kinds: Record<NoticeKind, KindTemplate>;
}
