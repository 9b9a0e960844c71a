import { otherStatusGranted, PERMANENT_RESIDENCE_REFUSAL_REASONS, proceedingsEnded } from '../domain/schemas/events';

/**
 * The codes the language packs put into words, as runtime lists: what a notice's facts and the workspace's forms
 * may hold. The packs' shapes (types only) are in types.ts and page-words.ts.
 */

export const PROCEEDINGS_END_REASONS = proceedingsEnded.shape.reason.options;
export const OTHER_STATUSES = otherStatusGranted.shape.status.options;

/** What `detail` of a notice can be, besides a withdrawal ground: an outcome's reason, an eligibility's basis, a refusal's reason. */
export const OUTCOME_DETAILS = [
  ...new Set([...PROCEEDINGS_END_REASONS, ...PERMANENT_RESIDENCE_REFUSAL_REASONS]),
  ...OTHER_STATUSES,
  'retained-charges',
  'negative-answer',
  'no-decision',
  'conviction',
  'conviction-under-appeal',
  'trafficking-retained-in-charges',
  // A withdrawal on fraud keeps the prosecutor's finding (PROCEDURE.md "withdrawal outcome").
  'fraudulent',
  'unfounded',
] as const;
export type OutcomeDetail = (typeof OUTCOME_DETAILS)[number];

/** Recipient words for a delivery-failed notice: the labels of `recipientLabel`, and the workflow's own. */
export const UNDELIVERED_AFTER_RETRIES = 'undelivered-after-retries';

/**
 * The facts a mail shows, in this order (the names the workflow uses in
 * procedure/*.ts). Any other fact is left out of the mail: its words would be
 * English-only, and its value unchecked.
 */
export const FACT_KEYS = [
  'centre',
  'stage',
  'documentType',
  'renewal',
  'documentValidUntil',
  'minor',
  'deadline',
  'outcome',
  'detail',
  'ground',
  'office',
  'queryId',
  'renewalAvailable',
  'identityProofMissing',
  'humanitarianCandidate',
  'noticeKind',
  'recipients',
] as const;
export type FactKey = (typeof FACT_KEYS)[number];

/** The fields of the workspace's forms: an opening's, an event's and an answer's. */
export const FORM_FIELDS = [
  'openedOn',
  'unaccompaniedMinor',
  'pseudonym',
  'dateOfBirth',
  'victimLanguage',
  'exploitation',
  'caseworkerEmail',
  'guardianName',
  'guardianEmail',
  'prosecutorFile',
  'immigrationOfficeFile',
  'on',
  'kind',
  'prosecutorOffice',
  'document',
  'issuedOn',
  'validUntil',
  'note',
  'finding',
  'withdraw',
  'ground',
  'documentKind',
  'underTraffickingLaw',
  'offence',
  'adult',
  'guardianLanguage',
  'appealed',
  'statementsSignificant',
  'grant',
  'reason',
  'status',
  'consideredVictim',
  'proceedingsOngoing',
  'cooperating',
  'tiesSevered',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Values of the forms' choices that the rest of the pack does not name (stages, documents, grounds... it does). */
export const CHOICE_VALUES = [
  'kind.complaint',
  'kind.statement',
  'finding.fraudulent',
  'finding.unfounded',
  'documentKind.passport',
  'documentKind.travel-document',
  'documentKind.national-identity-card',
  'exploitation.sexual',
  'exploitation.labour',
  'exploitation.begging',
  'exploitation.criminal-activities',
  'exploitation.organ-removal',
  'exploitation.aggravated-smuggling',
  'offence.trafficking',
  'offence.aggravated-smuggling',
  'offence.other',
  'guardianLanguage.nl',
  'guardianLanguage.fr',
  'guardianLanguage.de',
  'guardianLanguage.en',
] as const;
export type ChoiceValue = (typeof CHOICE_VALUES)[number];
