/**
 * The rules of the API's fields that zod cannot word by itself, in English; the language packs word them in
 * nl, fr and de (problems.fieldRules), so that a 400 explains a field in the reader's language.
 */
export const FIELD_RULES = {
  caseId: 'a case id (case-<uuid>)',
  queryId: 'a query id (<caseId>-q<n>)',
  languageCode: 'an ISO 639 language code',
  guardianForMinorsOnly: 'a guardian is appointed for an unaccompanied minor only',
  fileReference: 'letters, digits, spaces and . / _ -',
  withdrawalGround: 'required when withdraw is true: the ground the withdrawal rests on',
  refusalReason: 'required when grant is false',
  convictionOffence: 'the offence the judgment convicts of (offence), or the older underTraffickingLaw: one of the two',
  ageDetermination: 'either the date of birth the Guardianship Service established, or adult: true',
  prosecutorOffice: "a prosecutor's office (and only a prosecutor) is named by its office code",
  idempotencyKey: '1-200 visible ASCII characters',
  base64: 'must be base64',
  feedId: 'a feed id (feed-<uuid>)',
  calendarSecret: 'the secret of a calendar address',
  referenceInBody: 'a file number is never put in an address: search for it with POST /v1/cases/search',
} as const;
export type FieldRule = keyof typeof FIELD_RULES;
