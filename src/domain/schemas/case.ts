import { z } from 'zod';
import { centreCode, courtOfAppeal, isoDate, judicialDistrict, prosecutorOffice, role } from './common';
import { DOCUMENT_TYPES, WITHDRAWAL_GROUNDS } from './events';

export const EXPLOITATION_FORMS = [
  'sexual',
  'labour',
  'begging',
  'criminal-activities',
  'organ-removal',
  'aggravated-smuggling',
] as const;

/** The body of POST /v1/cases. Everything under `victim` and `guardian` is personal data: encrypted, never logged. */
export const caseOpeningSchema = z
  .strictObject({
    openedOn: isoDate,
    unaccompaniedMinor: z.boolean(),
    victim: z.strictObject({
      pseudonym: z.string().trim().min(1).max(200),
      dateOfBirth: isoDate.optional(),
      language: z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code').meta({ example: 'ro' }),
    }),
    exploitation: z.enum(EXPLOITATION_FORMS),
    caseworkerEmail: z.email(),
    guardian: z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email() }).optional(),
  })
  .refine((b) => b.unaccompaniedMinor || !b.guardian, {
    path: ['guardian'],
    message: 'a guardian is appointed for an unaccompanied minor only',
  })
  .meta({ id: 'CaseOpening' });
export type CaseOpening = z.infer<typeof caseOpeningSchema>;

export const STAGES = ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM', 'PERMANENT_RESIDENCE', 'CLOSED'] as const;
export type Stage = (typeof STAGES)[number];

export const OUTCOMES = [
  'PERMANENT_RESIDENCE',
  'REFLECTION_EXPIRED',
  'VOLUNTARY_RETURN',
  'WITHDRAWN',
  'NOT_RENEWED',
  'PROCEEDINGS_ENDED',
  'OTHER_STATUS',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DEADLINE_KINDS = [
  'REFLECTION_ENDS',
  'DOCUMENT_EXPIRES',
  'STATUS_QUERY_DUE',
  'PROSECUTOR_REPLY_DUE',
  'ESCALATION_REPLY_DUE',
  'WITHDRAWAL_DECISION_DUE',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const WORK_AUTHORISATIONS = [
  'NONE',
  'WORK_PERMIT_C',
  'WORK_PERMIT_B',
  'NO_PERMIT_NEEDED',
  'UNRESTRICTED',
] as const;

export const caseStatusSchema = z
  .object({
    caseId: z.string(),
    centre: centreCode,
    openedOn: isoDate,
    unaccompaniedMinor: z.boolean(),
    stage: z.enum(STAGES),
    outcome: z.enum(OUTCOMES).nullable(),
    outcomeDetail: z.string().nullable().meta({ description: 'The withdrawal ground, the other status or the end reason' }),
    document: z
      .object({ type: z.enum(DOCUMENT_TYPES), issuedOn: isoDate, validUntil: isoDate.nullable(), renewals: z.number().int() })
      .nullable(),
    deadlines: z.array(z.object({ kind: z.enum(DEADLINE_KINDS), due: isoDate, basis: z.string() })),
    prosecutorQuery: z
      .object({
        queryId: z.string(),
        office: judicialDistrict,
        sentOn: isoDate,
        replyBy: isoDate,
        escalatedTo: courtOfAppeal.nullable(),
        escalatedOn: isoDate.nullable(),
      })
      .nullable(),
    withdrawalReview: z.object({ ground: z.enum(WITHDRAWAL_GROUNDS), reportedOn: isoDate, decideBy: isoDate }).nullable(),
    flags: z.object({
      identityProofMissing: z.boolean(),
      humanitarianCandidate: z.boolean(),
      undeliverableNotices: z.array(z.string()).meta({ description: 'Recipients (by role) whose server refused a notice' }),
    }),
    workAuthorisation: z.enum(WORK_AUTHORISATIONS),
    history: z.array(z.object({ on: isoDate, type: z.string(), by: role })),
  })
  .meta({ id: 'CaseStatus' });
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const prosecutorQueryViewSchema = z
  .object({
    queryId: z.string(),
    caseId: z.string(),
    office: judicialDistrict,
    addressedTo: prosecutorOffice,
    sentOn: isoDate,
    replyBy: isoDate,
    escalatedTo: courtOfAppeal.nullable(),
    documentValidUntil: isoDate.nullable(),
  })
  .meta({ id: 'ProsecutorQuery' });
export type ProsecutorQueryView = z.infer<typeof prosecutorQueryViewSchema>;
