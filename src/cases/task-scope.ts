import type { TaskPosition } from '../case-index/task-listing';
import type { TaskParty } from '../domain/procedure/case-index-entry';
import type { Principal } from '../identity/principals';

/** Whose open tasks a principal reads: its centre's, its office's, or (Immigration Office, admin) the Office's. */
export function taskPartyOf(p: Principal): TaskParty {
  if (p.role === 'centre' && p.centre) return { role: 'centre', centre: p.centre };
  if (p.role === 'prosecutor' && p.office) return { role: 'prosecutor', office: p.office };
  return { role: 'immigration-office' };
}

/** A position opened from a sealed cursor has the shape `sealPosition` gave it. */
export const isTaskPosition = (at: unknown): at is TaskPosition =>
  typeof at === 'object' &&
  at !== null &&
  ['due', 'caseId', 'taskId'].every((k) => typeof (at as Record<string, unknown>)[k] === 'string');

/**
 * The task's id in the API: unique across cases. A query's task id starts with its query id, hence its case id;
 * the others (`identity-proof`, a document's dates) are unique within their case only.
 */
export const publicTaskId = (t: { caseId: string; taskId: string }): string =>
  t.taskId.startsWith(`${t.caseId}-`) ? t.taskId : `${t.caseId}/${t.taskId}`;
