import { z } from 'zod';
import { TASK_KINDS } from '../procedure/case-index-entry';
import { pageQuerySchema } from './api';
import { isoDate } from './common';

/** Query string of GET /v1/tasks. */
export const taskListQuerySchema = z.strictObject({
  kind: z.enum(TASK_KINDS).optional().meta({ description: 'Only the tasks of this kind' }),
  dueBefore: isoDate.optional().meta({ description: 'Only the tasks due before this date' }),
  ...pageQuerySchema.shape,
});

/** An open task: what waits for the caller on a case, and by when. */
export const taskSchema = z
  .object({
    taskId: z.string().meta({ description: 'Stable while the task is open' }),
    caseId: z.string(),
    kind: z.enum(TASK_KINDS).meta({
      id: 'TaskKind',
      description:
        'status-query-answer: a prosecutor’s office answers a status query; document-dates: the Immigration Office records the dates printed on a document; withdrawal-decision, permanent-residence-decision, expiry-without-decision: the Immigration Office decides; identity-proof: the centre or the Immigration Office reports the identity proof',
    }),
    due: isoDate.meta({ description: 'When it is due (the legal deadline, or the day it became due)' }),
    since: isoDate.meta({ description: 'Since when it waits for the caller' }),
    href: z.url().meta({ description: 'The case: GET it for its status' }),
  })
  .meta({ id: 'Task' });

/** A page of open tasks, soonest due first. */
export const taskListSchema = z
  .object({
    self: z.url().meta({ description: 'This page' }),
    items: z.array(taskSchema),
    pageSize: z.number().int().meta({ description: 'The most items a page holds (the pageSize asked for, or 25)' }),
    total: z.number().int().meta({ description: 'Every open task the filters select, on this page and the others' }),
    next: z.url().optional().meta({ description: 'The next page; absent on the last one' }),
  })
  .meta({ id: 'TaskList' });

/** The sections of the Immigration Office's inbox: the kinds of task that wait for it, in the order shown. */
export const INBOX_SECTIONS = [
  'withdrawal-decision',
  'expiry-without-decision',
  'permanent-residence-decision',
  'document-dates',
  'identity-proof',
] as const satisfies readonly (typeof TASK_KINDS)[number][];
export type InboxSection = (typeof INBOX_SECTIONS)[number];

/** Query string of the inbox page: every section's first page, or one section's page (a cursor is a section's). */
export const inboxQuerySchema = z
  .strictObject({ section: z.enum(INBOX_SECTIONS).optional(), cursor: pageQuerySchema.shape.cursor })
  .refine((q) => !q.cursor || q.section, { path: ['cursor'], message: 'A cursor belongs to a section' });
