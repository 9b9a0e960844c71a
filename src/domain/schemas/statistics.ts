import { z } from 'zod';

/** What GET /v1/statistics breaks the figures of a year down by, besides the year itself. */
export const STATISTICS_BREAKDOWNS = ['centre', 'track', 'exploitation'] as const;
export type StatisticsBreakdown = (typeof STATISTICS_BREAKDOWNS)[number];

/** The year a report covers: each fact counts in the year it happened. */
const reportYear = z.coerce.number().int().min(2000).max(2100).meta({ description: 'The year the facts happened in' });

export const statisticsQuerySchema = z.strictObject({
  year: reportYear,
  by: z.enum(STATISTICS_BREAKDOWNS).optional().meta({ description: 'A breakdown beside the totals' }),
});

const count = z.number().int().nullable().meta({
  description: 'A count; null where it is hidden (fewer than k cases, or one that would give such a count away)',
});

const tableSchema = z.object({
  measure: z.enum(['casesOpened', 'documentsIssued', 'outcomes']),
  columns: z.array(z.string()),
  rows: z.array(z.object({ group: z.string(), counts: z.array(count), total: count })),
  totals: z.object({ counts: z.array(count), total: count }),
});

const medianSchema = z.object({
  cases: count,
  medianDays: z.number().nullable().meta({ description: 'null when fewer than k cases' }),
});

export const statisticsSchema = z
  .object({
    year: z.number().int(),
    by: z.enum(STATISTICS_BREAKDOWNS).nullable(),
    k: z.number().int().meta({ description: 'The smallest count published' }),
    tables: z.array(tableSchema),
    medians: z.object({ openingToComplaint: medianSchema, complaintToIdentification: medianSchema }),
  })
  .meta({ id: 'Statistics' });
export type Statistics = z.infer<typeof statisticsSchema>;

export const statusQueryReportQuerySchema = z.strictObject({
  year: reportYear,
});

export const statusQueryReportSchema = z
  .object({
    year: z.number().int(),
    offices: z.array(
      z.object({
        office: z.string().meta({ description: "The prosecutor's or labour auditor's office the queries went to" }),
        courtOfAppeal: z.string(),
        sent: z.number().int(),
        answeredInTime: z.number().int().meta({ description: "Answered by the office's own deadline" }),
        answeredLate: z.number().int(),
        escalated: z.number().int().meta({ description: 'Gone to the Principal Crown Prosecutor unanswered' }),
        unanswered: z
          .number()
          .int()
          .meta({ description: 'Closed without an answer (the document expired, the case ended)' }),
        medianDaysToAnswer: z.number().nullable(),
        p90DaysToAnswer: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'StatusQueryReport' });
export type StatusQueryReport = z.infer<typeof statusQueryReportSchema>;
