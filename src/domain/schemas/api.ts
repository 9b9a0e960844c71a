import { z } from 'zod';
import { centreCode, fileReference, isoDate } from './common';
import { REFUSAL_CODES } from '../refusals';
import { OUTCOMES, STAGES } from './case';

/** Query string of GET /v1/cases. */
export const caseListQuerySchema = z.strictObject({
  stage: z.enum(STAGES).optional(),
  outcome: z.enum(OUTCOMES).optional(),
  deadlineBefore: isoDate.optional().meta({ description: 'Only cases whose next deadline falls before this date' }),
  minor: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  reference: fileReference.optional().meta({
    description: 'Only the case with this file number of the prosecutor or the Immigration Office (exact match)',
  }),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,4096}$/)
    .optional()
    .meta({ description: 'The nextCursor of the previous page' }),
});

/** A case as the list shows it: only the search attributes, never personal data. */
export const caseSummarySchema = z
  .object({
    caseId: z.string(),
    centre: centreCode.nullable(),
    stage: z.enum(STAGES).nullable(),
    outcome: z.enum(OUTCOMES).nullable(),
    unaccompaniedMinor: z.boolean().nullable(),
    nextDeadline: isoDate.nullable(),
    awaitingProsecutor: z.boolean(),
    running: z.boolean(),
  })
  .meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const caseListSchema = z
  .object({ items: z.array(caseSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'CaseList' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z
      .enum(REFUSAL_CODES)
      .optional()
      .meta({ description: "Why the service refused: a stable code, for the reader's language" }),
    invalidParams: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export const caseIdSchema = z.string().regex(/^case-[0-9a-f-]{36}$/, 'a case id (case-<uuid>)');
export const queryIdSchema = z.string().regex(/^case-[0-9a-f-]{36}-q\d{1,4}$/, 'a query id (<caseId>-q<n>)');
/** The case a status query belongs to: query ids are `<caseId>-q<n>`. */
export const caseOfQuery = (queryId: string): string => queryId.replace(/-q\d+$/, '');

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,200}$/, '1-200 visible ASCII characters');
/** The optional Idempotency-Key header of the POST endpoints. */
export const idempotencyHeaderSchema = z.object({ 'Idempotency-Key': idempotencyKeySchema.optional() });
