import { z } from 'zod';
import { FIELD_RULES } from './field-rules';
import { complaintOffice, fileReference, isoDate, note, prosecutorOffice } from './common';

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
  prosecutorOffice: complaintOffice,
  prosecutorFile: fileReference.optional().meta({ description: "The prosecutor's file number, when known" }),
});
/** `on` is the day the Immigration Office reports the dates printed on the document. */
export const documentIssued = event('document-issued', {
  document: z.enum(DOCUMENT_TYPES),
  issuedOn: isoDate,
  validUntil: isoDate,
  immigrationOfficeFile: fileReference.optional().meta({ description: "The Immigration Office's file number" }),
});
export const temporaryResidenceRenewed = event('temporary-residence-renewed', {});
export const contactWithExploiters = event('contact-with-exploiters', {});
export const supportDeclined = event('support-declined', {});
export const cooperationEnded = event('cooperation-ended', {});
/** "Fraudulent or unfounded": the prosecutor says which [001; 004 ¶12]. */
export const fraudEstablished = event('fraud-established', { finding: z.enum(['fraudulent', 'unfounded']) });
export const publicOrderThreat = event('public-order-threat', {});
/** Decides the open review; a withdrawal names the ground (one of the review's) it rests on. */
export const withdrawalDecided = event('withdrawal-decided', {
  withdraw: z.boolean(),
  ground: z.enum(WITHDRAWAL_GROUNDS).optional(),
});
export const identityDocumented = event('identity-documented', {
  documentKind: z.enum(['passport', 'travel-document', 'national-identity-card']),
});
/**
 * The offences of the law on trafficking in and smuggling of human beings that make an identified victim eligible
 * [000; 001 §3-4]: trafficking, and smuggling with aggravating circumstances.
 */
export const ELIGIBLE_OFFENCES = ['trafficking', 'aggravated-smuggling'] as const;
export type EligibleOffence = (typeof ELIGIBLE_OFFENCES)[number];
export const CONVICTION_OFFENCES = [...ELIGIBLE_OFFENCES, 'other'] as const;
export type ConvictionOffence = (typeof CONVICTION_OFFENCES)[number];

export const conviction = event('conviction', {
  offence: z.enum(CONVICTION_OFFENCES).optional().meta({
    description: 'The offence the judgment convicts of; required unless the older underTraffickingLaw is given',
  }),
  underTraffickingLaw: z
    .boolean()
    .optional()
    .meta({ deprecated: true, description: 'Older form of `offence`: true means trafficking, false other' }),
  appealed: z.boolean(),
});
export const traffickingRetainedInCharges = event('trafficking-retained-in-charges', {
  statementsSignificant: z.boolean(),
  offence: z.enum(ELIGIBLE_OFFENCES).optional().meta({ description: 'The offence retained; trafficking by default' }),
});
/** The Guardianship Service's result on a contested age [004 ¶8, ¶69]: a date of birth, or that the person is an adult. */
export const ageDetermined = event('age-determined', {
  dateOfBirth: isoDate.optional().meta({ description: 'The date of birth the Guardianship Service established' }),
  adult: z.boolean().optional().meta({ description: 'true: the Guardianship Service found the person to be an adult' }),
});
export const PERMANENT_RESIDENCE_REFUSAL_REASONS = [
  'conditions-not-met',
  'public-order',
  'identity-not-established',
  'other',
] as const;
/** The Immigration Office decides the open permanent-residence review; a grant issues the B-card. */
export const permanentResidenceDecided = event('permanent-residence-decided', {
  grant: z.boolean(),
  reason: z.enum(PERMANENT_RESIDENCE_REFUSAL_REASONS).optional().meta({ description: 'Required when refused' }),
  issuedOn: isoDate.optional().meta({ description: "The B-card's printed issue date; defaults to `on`" }),
});
export const notRenewed = event('not-renewed', {});
export const openedInError = event('opened-in-error', {});
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
  permanentResidenceDecided,
  notRenewed,
  proceedingsEnded,
  voluntaryReturn,
  openedInError,
  ageDetermined,
  otherStatusGranted,
] as const;

type AnyEvent = z.infer<(typeof EVENT_SCHEMAS)[number]>;

/** Fields that one field's value makes required: a body error (400), not a state of the case. */
function requireDependentFields(e: AnyEvent, ctx: z.RefinementCtx): void {
  if (e.type === 'withdrawal-decided' && e.withdraw && !e.ground) {
    ctx.addIssue({
      code: 'custom',
      path: ['ground'],
      message: FIELD_RULES.withdrawalGround,
    });
  }
  if (e.type === 'permanent-residence-decided' && !e.grant && !e.reason) {
    ctx.addIssue({ code: 'custom', path: ['reason'], message: FIELD_RULES.refusalReason });
  }
  if (e.type === 'conviction' && (e.offence === undefined) === (e.underTraffickingLaw === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['offence'], message: FIELD_RULES.convictionOffence });
  }
  if (e.type === 'age-determined' && (e.dateOfBirth !== undefined) === (e.adult === true)) {
    ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: FIELD_RULES.ageDetermination });
  }
}

/** The body of POST /v1/cases/{caseId}/events: the events of CONTRACT.md. */
export const caseEventSchema = z
  .discriminatedUnion('type', EVENT_SCHEMAS)
  .superRefine(requireDependentFields)
  .meta({ id: 'CaseEvent' });
export type CaseEvent = z.infer<typeof caseEventSchema>;
export type CaseEventType = CaseEvent['type'];
export const CASE_EVENT_TYPES: CaseEventType[] = EVENT_SCHEMAS.map((s) => s.shape.type.value);
/** The schema of one event type (the workspace draws each event's form from it). */
export const eventSchemaOf = (type: CaseEventType): (typeof EVENT_SCHEMAS)[number] =>
  EVENT_SCHEMAS.find((s) => s.shape.type.value === type)!;

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

/** Who reported an imported event: a role, and the office for a prosecutor (CONTRACT.md import). */
export const importedBy = z
  .strictObject({ role: z.enum(['centre', 'prosecutor', 'immigration-office']), office: prosecutorOffice.optional() })
  .refine((b) => (b.role === 'prosecutor') === (b.office !== undefined), {
    path: ['office'],
    message: FIELD_RULES.prosecutorOffice,
  })
  .meta({ id: 'ImportedBy' });
export type ImportedBy = z.infer<typeof importedBy>;

/** An earlier answer to the status query that was open on its date. */
export const importedAnswer = statusQueryAnswerSchema.extend({
  type: z.literal('status-query-answered'),
  on: isoDate,
  by: importedBy,
});

export type ImportedEvent = (CaseEvent & { by: ImportedBy }) | z.infer<typeof importedAnswer>;

/**
 * One earlier event of an imported case: an event body plus who reported it, or an earlier answer.
 * The options are mapped from EVENT_SCHEMAS, which loses their tuple type: the output type is restated.
 */
export const importedEventSchema = z
  .discriminatedUnion('type', [
    ...EVENT_SCHEMAS.map((s) => s.extend({ by: importedBy })),
    importedAnswer,
  ] as unknown as [typeof importedAnswer])
  .superRefine((e, ctx) => {
    if (e.type !== 'status-query-answered') requireDependentFields(e as unknown as AnyEvent, ctx);
  })
  .meta({ id: 'ImportedEvent' }) as unknown as z.ZodType<ImportedEvent>;
