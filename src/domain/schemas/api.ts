import { z } from 'zod';
import { centreCode, fileReference, isoDate } from './common';
import { FIELD_RULES } from './field-rules';
import { REFUSAL_CODES } from '../refusals';
import { OUTCOMES, STAGES } from './case';

/** The paging of a list: how many items a page holds, and which page. */
export const pageQuerySchema = z.strictObject({
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4096}$/)
    .optional()
    .meta({ description: 'The page to show: the cursor of the `next` link of the previous page' }),
});

/** Query string of GET /v1/cases. */
export const caseListQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  deadlineBefore: isoDate.optional().meta({ description: 'Only cases whose next deadline falls before this date' }),
  minor: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  ...pageQuerySchema.shape,
});

/** Body of POST /v1/cases/search: a file number is searched in a body, never put in an address. */
export const caseSearchSchema = z
  .strictObject({
    reference: fileReference.meta({
      description: 'The file number of the prosecutor or the Immigration Office (exact match)',
    }),
  })
  .meta({ id: 'CaseSearch' });

/** A case as the list shows it, from the case index: never personal data. */
export const caseSummarySchema = z
  .object({
    caseId: z.string(),
    centre: centreCode,
    stage: z.enum(STAGES),
    outcome: z.enum(OUTCOMES).nullable(),
    unaccompaniedMinor: z.boolean(),
    nextDeadline: isoDate.nullable(),
    awaitingProsecutor: z.boolean(),
    running: z.boolean(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

/** A case in a list: its summary and where it is (the guide wants a link on each item of a collection). */
export const caseListItemSchema = caseSummarySchema
  .extend({ href: z.url().meta({ description: 'The case: GET it for its status' }) })
  .meta({ id: 'CaseListItem' });

/** A page of cases, paged as the belgif guide pages collections: a link to the next page beside the items. */
export const caseListSchema = z
  .object({
    self: z.url().meta({ description: 'This page' }),
    items: z.array(caseListItemSchema),
    pageSize: z.number().int().meta({ description: 'The most items a page holds (the pageSize asked for, or 25)' }),
    total: z.number().int().meta({ description: 'Every case the filters select, on this page and the others' }),
    next: z.url().optional().meta({ description: 'The next page; absent on the last one' }),
    nextCursor: z.string().nullable().meta({
      description: 'The cursor inside `next` (deprecated: follow `next`); null on the last page',
      deprecated: true,
    }),
  })
  .meta({ id: 'CaseList' });

/** Where the input of a 400's issue was: the guide's `in`. */
export const ISSUE_LOCATIONS = ['body', 'path', 'query', 'header'] as const;

const problemMembers = {
  type: z.string().meta({
    description:
      "The problem's type: a URN of the belgif REST guide, or of this service (urn:problem-type:victim-case:…)",
    example: 'urn:problem-type:belgif:resourceNotFound',
  }),
  href: z.url().optional().meta({ description: "The guide's page on a belgif problem type" }),
  title: z.string().meta({ description: 'The type in a few English words' }),
  status: z.number().int().meta({ description: 'The HTTP status' }),
  detail: z
    .string()
    .meta({ description: 'What went wrong, in the language Accept-Language asked for (said in Content-Language)' }),
  instance: z.string().meta({
    description: 'This occurrence: urn:uuid: and the BelGov-Trace-Id of the response',
    example: 'urn:uuid:0f3c2b0e-6f6b-4c2a-9b7e-0d2f4c1e9a55',
  }),
};
const refusalCode = z
  .enum(REFUSAL_CODES)
  .meta({ description: "Why the service refused: a stable code, for the reader's language" });

export const problemSchema = z.object(problemMembers).meta({ id: 'Problem' });

/** A 409: the event or answer does not apply to the case now, and the rule that says so. */
export const refusalProblemSchema = z
  .object({ ...problemMembers, code: refusalCode.optional() })
  .meta({ id: 'RefusalProblem' });

export const inputValidationIssueSchema = z
  .object({
    type: z.string().meta({ example: 'urn:problem-type:belgif:input-validation:schemaViolation' }),
    href: z.url().optional(),
    title: z.string(),
    in: z.enum(ISSUE_LOCATIONS),
    name: z.string().meta({ description: 'The field (`victim.dateOfBirth`, `events[2].on`), parameter or header' }),
    detail: z.string().meta({ description: "What is wrong with it, in the reader's language; never its value" }),
  })
  .meta({ id: 'InputValidationIssue' });

/** A 400: every input that is wrong, and for a value that cannot open a case, the refusal's code. */
export const inputValidationProblemSchema = z
  .object({ ...problemMembers, code: refusalCode.optional(), issues: z.array(inputValidationIssueSchema).optional() })
  .meta({ id: 'InputValidationProblem' });

export const caseIdSchema = z.string().regex(/^case-[0-9a-f-]{36}$/, FIELD_RULES.caseId);
export const queryIdSchema = z.string().regex(/^case-[0-9a-f-]{36}-q\d{1,4}$/, FIELD_RULES.queryId);
const principalIdSchema = z.string().min(1).max(100);
/** Who asked for an erasure, and when (POST /v1/cases/{caseId}/erasure): a second admin confirms it. */
export const caseErasureRequestSchema = z
  .object({
    caseId: caseIdSchema,
    requestedById: principalIdSchema.meta({ description: 'The admin who requested the erasure (their personal id)' }),
    requestedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseErasureRequest' });
export type CaseErasureRequest = z.infer<typeof caseErasureRequestSchema>;

/** What an erasure did (POST /v1/cases/{caseId}/erasure/confirm), as the gateway reports it. */
const caseErasureDoneSchema = z.object({
  caseId: caseIdSchema,
  erasedAt: z.iso.datetime().meta({ description: 'When the second admin confirmed it and the case was erased' }),
  dataKey: z.enum(['destroyed', 'already-destroyed', 'none']).meta({
    description:
      "The case's data key: destroyed now, destroyed before (a repeated erasure), or none (a case opened before case keys: its history is deleted, and its backups age out)",
  }),
  runsDeleted: z
    .number()
    .int()
    .nonnegative()
    .meta({ description: 'Runs of the case Temporal was asked to delete (it deletes them within moments)' }),
  effectiveOn: z.iso.date().nullable().meta({
    description:
      "The day (UTC) from which no copy of the case's key opens anywhere, the database's write-ahead log, replicas and backups included: the day of the next daily key sweep, which destroys the key-encryption key it was wrapped under (the day that sweep did so, for a repeated erasure). Until then such a copy opens only with that key, which never leaves the service. null: no key (a case opened before case keys), or a key wrapped before key-encryption keys, whose copies open until they age out",
    example: '2026-12-02',
  }),
});
export type CaseErasure = z.infer<typeof caseErasureDoneSchema>;

/** The erasure and its record: who requested it, who confirmed it, when, and what it did. */
export const caseErasureSchema = caseErasureRequestSchema
  .extend(caseErasureDoneSchema.shape)
  .extend({
    confirmedById: principalIdSchema.meta({ description: 'The second admin, who confirmed the erasure' }),
  })
  .meta({ id: 'CaseErasure' });
export type CaseErasureRecord = z.infer<typeof caseErasureSchema>;

/** The case a status query belongs to: query ids are `<caseId>-q<n>`. */
export const caseOfQuery = (queryId: string): string => queryId.replace(/-q\d+$/, '');

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, FIELD_RULES.idempotencyKey);
/** The optional Idempotency-Key header of the POST endpoints. */
export const idempotencyHeaderSchema = z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() });
