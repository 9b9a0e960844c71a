import { z } from 'zod';
import { isoDate, judicialDistrict, note } from './common';

/** The withdrawal grounds of PROCEDURE.md "Withdrawal and non-renewal". */
export const WITHDRAWAL_GROUNDS = [
  'contact-with-exploiters',
  'public-order-threat',
  'support-declined',
  'cooperation-ended',
  'fraud-established',
] as const;
export type WithdrawalGround = (typeof WITHDRAWAL_GROUNDS)[number];

export const DOCUMENT_TYPES = [
  'ORDER_TO_LEAVE_45_DAYS',
  'ANNEX_15',
  'MINOR_TEMPORARY_RESIDENCE',
  'ATTESTATION_OF_IMMATRICULATION',
  'A_CARD',
  'B_CARD',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.strictObject({ type: z.literal(type), on: isoDate, note, ...shape });

export const complaintFiled = event('complaint-filed', {
  kind: z.enum(['complaint', 'statement']),
  prosecutorOffice: judicialDistrict,
});
/** `on` is the day the Immigration Office reports the dates printed on the document. */
export const documentIssued = event('document-issued', {
  document: z.enum(DOCUMENT_TYPES),
  issuedOn: isoDate,
  validUntil: isoDate,
});
export const temporaryResidenceRenewed = event('temporary-residence-renewed', {});
export const contactWithExploiters = event('contact-with-exploiters', {});
export const supportDeclined = event('support-declined', {});
export const cooperationEnded = event('cooperation-ended', {});
export const fraudEstablished = event('fraud-established', {});
export const publicOrderThreat = event('public-order-threat', {});
export const withdrawalDecided = event('withdrawal-decided', {
  withdraw: z.boolean(),
  ground: z.enum(WITHDRAWAL_GROUNDS),
});
export const identityDocumented = event('identity-documented', {
  documentKind: z.enum(['passport', 'travel-document', 'national-identity-card']),
});
export const conviction = event('conviction', { underTraffickingLaw: z.boolean(), appealed: z.boolean() });
export const traffickingRetainedInCharges = event('trafficking-retained-in-charges', {});
export const proceedingsEnded = event('proceedings-ended', {
  reason: z.enum(['dismissed', 'acquittal', 'conviction-other-offence', 'other']),
});
export const voluntaryReturn = event('voluntary-return', {});
export const otherStatusGranted = event('other-status-granted', {
  status: z.enum(['refugee', 'subsidiary-protection', 'durable-solution-minor', 'humanitarian']),
});

const EVENT_SCHEMAS = [
  complaintFiled,
  documentIssued,
  temporaryResidenceRenewed,
  contactWithExploiters,
  supportDeclined,
  cooperationEnded,
  fraudEstablished,
  publicOrderThreat,
  withdrawalDecided,
  identityDocumented,
  conviction,
  traffickingRetainedInCharges,
  proceedingsEnded,
  voluntaryReturn,
  otherStatusGranted,
] as const;

/** The body of POST /v1/cases/{caseId}/events: the events of CONTRACT.md. */
export const caseEventSchema = z.discriminatedUnion('type', EVENT_SCHEMAS).meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export const CASE_EVENT_TYPES: CaseEventType[] = EVENT_SCHEMAS.map((s) => s.shape.type.value);

/** The body of POST /v1/prosecutor/queries/{queryId}/answer [002 §8.2: the two questions, plus stage-3 conditions]. */
export const statusQueryAnswerSchema = z
  .strictObject({
    consideredVictim: z.boolean(),
    proceedingsOngoing: z.boolean(),
    cooperating: z.boolean(),
    tiesSevered: z.boolean(),
    note,
  })
  .meta({ id: 'StatusQueryAnswer' });
export type StatusQueryAnswer = z.infer<typeof statusQueryAnswerSchema>;
