import type { PayloadCodec } from '@temporalio/common';
import type { TaskPosition } from '../case-index/task-listing';
import type { TaskParty } from '../domain/procedure/case-index-entry';
import type { Principal } from '../identity/principals';
import { hasStrings, pageAfter, type CursorBinding } from './bound-cursor';

/** Whose open tasks a principal reads: its centre's, its office's, or (Immigration Office, admin) the Office's. */
export function taskPartyOf(p: Principal): TaskParty {
  if (p.role === 'centre' && p.centre) return { role: 'centre', centre: p.centre };
  if (p.role === 'prosecutor' && p.office) return { role: 'prosecutor', office: p.office };
  return { role: 'immigration-office' };
}

const isTaskPosition = hasStrings<TaskPosition>('due', 'caseId', 'taskId');

/**
 * The task's id in the API: unique across cases. A query's task id starts with its query id, hence its case id;
 * the others (`identity-proof`, a document's dates) are unique within their case only.
 */
export const publicTaskId = (t: { caseId: string; taskId: string }): string =>
  t.taskId.startsWith(`${t.caseId}-`) ? t.taskId : `${t.caseId}/${t.taskId}`;

/** A page of a task list (tasks, queries, the inbox's sections) after the position the caller's cursor holds. */
export const pageAfterCursor = <P extends { next: TaskPosition | null }>(
  codec: PayloadCodec,
  binding: CursorBinding,
  cursor: string | undefined,
  read: (after: TaskPosition | undefined) => Promise<P>,
): Promise<P & { nextCursor: string | null }> => pageAfter(codec, binding, cursor, isTaskPosition, read);
