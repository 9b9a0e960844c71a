import { z } from 'zod';
import { FIELD_RULES } from './field-rules';
import {
  centreCode,
  complaintOffice,
  courtOfAppeal,
  fileReference,
  isoDate,
  language,
  prosecutorOffice,
  role,
} from './common';
import { DOCUMENT_TYPES, importedEventSchema, WITHDRAWAL_GROUNDS } from './events';

/** What a decision in the history decided: its words on the pages, without reading the event again. */
export const HISTORY_DETAILS = ['withdrawn', 'not-withdrawn', 'granted', 'refused', 'positive', 'negative'] as const;
export type HistoryDetail = (typeof HISTORY_DETAILS)[number];

export const EXPLOITATION_FORMS = [
  'sexual',
  'labour',
  'begging',
  'criminal-activities',
  'organ-removal',
  'aggravated-smuggling',
] as const;
export type Exploitation = (typeof EXPLOITATION_FORMS)[number];

/** The fields of an opening; everything under `victim` and `guardian` is personal data: encrypted, never logged. */
const openingShape = {
  openedOn: isoDate,
  unaccompaniedMinor: z.boolean(),
  victim: z.strictObject({
    pseudonym: z.string().trim().min(1).max(200),
    dateOfBirth: isoDate.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}$/, FIELD_RULES.languageCode)
      .meta({ example: 'ro' }),
  }),
  exploitation: z.enum(EXPLOITATION_FORMS),
  caseworkerEmail: z.email(),
  guardian: z
    .strictObject({
      name: z.string().trim().min(1).max(200),
      email: z.email(),
      language: language
        .optional()
        .meta({ description: "The language the guardian's notices are written in; the centre's by default" }),
    })
    .optional(),
  references: z
    .strictObject({ prosecutorFile: fileReference.optional(), immigrationOfficeFile: fileReference.optional() })
    .optional()
    .meta({
      description: 'File numbers of the other administrations, when the centre knows them; a case is found by either',
    }),
};

const guardianForMinorsOnly: [
  (b: { unaccompaniedMinor: boolean; guardian?: unknown }) => boolean,
  { path: string[]; message: string },
] = [(b) => b.unaccompaniedMinor || !b.guardian, { path: ['guardian'], message: FIELD_RULES.guardianForMinorsOnly }];

/** The body of POST /v1/cases. */
export const caseOpeningSchema = z
  .strictObject(openingShape)
  .refine(...guardianForMinorsOnly)
  .meta({ id: 'CaseOpening' });
export type CaseOpening = z.infer<typeof caseOpeningSchema>;

/** The body of POST /v1/cases/import: a running case with its earlier events, in date order (PROCEDURE.md "importing"). */
export const caseImportSchema = z
  .strictObject({
    ...openingShape,
    centre: centreCode,
    events: z
      .array(importedEventSchema)
      .max(500)
      .meta({ description: 'Earlier events in date order, each with who reported it' }),
  })
  .refine(...guardianForMinorsOnly)
  .meta({ id: 'CaseImport' });
export type CaseImport = z.infer<typeof caseImportSchema>;

export const STAGES = [
  'REFLECTION',
  'TEMPORARY_RESIDENCE',
  'IDENTIFIED_VICTIM',
  'PERMANENT_RESIDENCE',
  'CLOSED',
] as const;
export type Stage = (typeof STAGES)[number];

export const OUTCOMES = [
  'PERMANENT_RESIDENCE',
  'REFLECTION_EXPIRED',
  'VOLUNTARY_RETURN',
  'WITHDRAWN',
  'NOT_RENEWED',
  'PROCEEDINGS_ENDED',
  'OTHER_STATUS',
  'OPENED_IN_ERROR',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DEADLINE_KINDS = [
  'REFLECTION_ENDS',
  'DOCUMENT_EXPIRES',
  'STATUS_QUERY_DUE',
  'PROSECUTOR_REPLY_DUE',
  'ESCALATION_REPLY_DUE',
  'WITHDRAWAL_DECISION_DUE',
  'PERMANENT_RESIDENCE_DECISION_DUE',
  'GUARDIANSHIP_ENDS',
  'LATE_REPORTS_CLOSE',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** What makes an identified victim eligible for residence of unlimited duration [001 §4; 003 §5.2; 000]. */
export const PERMANENT_RESIDENCE_BASES = ['conviction', 'conviction-under-appeal', 'retained-charges'] as const;
export type PermanentResidenceBasis = (typeof PERMANENT_RESIDENCE_BASES)[number];

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
    outcomeDetail: z
      .string()
      .nullable()
      .meta({ description: 'The withdrawal ground, the other status or the end reason' }),
    document: z
      .object({
        type: z.enum(DOCUMENT_TYPES),
        issuedOn: isoDate,
        validUntil: isoDate.nullable(),
        renewals: z.number().int(),
        datesRecorded: z
          .boolean()
          .meta({ description: 'Whether the Immigration Office recorded the dates printed on it (document-issued)' }),
      })
      .nullable(),
    deadlines: z.array(z.object({ kind: z.enum(DEADLINE_KINDS), due: isoDate, basis: z.string() })),
    prosecutorQuery: z
      .object({
        queryId: z.string(),
        office: complaintOffice,
        sentOn: isoDate,
        replyBy: isoDate,
        escalatedTo: courtOfAppeal.nullable(),
        escalatedOn: isoDate.nullable(),
      })
      .nullable(),
    withdrawalReview: z
      .object({
        grounds: z.array(
          z.object({
            ground: z.enum(WITHDRAWAL_GROUNDS),
            reportedOn: isoDate,
            by: role,
            reportedById: z.string().meta({
              description: 'The principal who reported it (its id, never a token): it may not decide the review',
            }),
            finding: z.enum(['fraudulent', 'unfounded']).optional(),
          }),
        ),
        decideBy: isoDate,
        identificationPending: z
          .boolean()
          .meta({ description: 'A positive answer waits for this decision before stage 3' }),
      })
      .nullable(),
    permanentResidenceReview: z
      .object({ basis: z.enum(PERMANENT_RESIDENCE_BASES), eligibleOn: isoDate, decideBy: isoDate })
      .nullable(),
    flags: z.object({
      identityProofMissing: z.boolean(),
      humanitarianCandidate: z.boolean(),
      guardianshipEnded: z.boolean(),
      undeliverableNotices: z
        .array(z.string())
        .meta({ description: 'Recipients (by role) whose server refused a notice' }),
    }),
    workAuthorisation: z.enum(WORK_AUTHORISATIONS),
    victim: z.object({ pseudonym: z.string() }),
    references: z.object({ prosecutorFile: z.string().optional(), immigrationOfficeFile: z.string().optional() }),
    history: z.array(
      z.object({
        on: isoDate,
        type: z.string(),
        by: role,
        byId: z.string().optional().meta({
          description:
            'The person who reported it (a principal id, never a token), from this release on; to the Immigration Office and admins only',
        }),
        detail: z.enum(HISTORY_DETAILS).optional().meta({ description: 'What a decision or an answer decided' }),
      }),
    ),
  })
  .meta({ id: 'CaseStatus' });
export type CaseStatus = z.infer<typeof caseStatusSchema>;

export const prosecutorQueryViewSchema = z
  .object({
    queryId: z.string(),
    caseId: z.string(),
    office: complaintOffice,
    addressedTo: prosecutorOffice,
    sentOn: isoDate,
    replyBy: isoDate,
    escalatedTo: courtOfAppeal.nullable(),
    documentValidUntil: isoDate.nullable(),
  })
  .meta({ id: 'ProsecutorQuery' });
export type ProsecutorQueryView = z.infer<typeof prosecutorQueryViewSchema>;

/** The open status queries of a prosecutor's office, soonest reply first. */
export const prosecutorQueryListSchema = z
  .object({
    self: z.url().meta({ description: 'This page' }),
    items: z.array(prosecutorQueryViewSchema),
    pageSize: z.number().int().meta({ description: 'The most items a page holds (the pageSize asked for, or 25)' }),
    total: z.number().int().meta({ description: 'Every open query of the office, on this page and the others' }),
    next: z.url().optional().meta({ description: 'The next page; absent on the last one' }),
  })
  .meta({ id: 'ProsecutorQueryList' });
