import type { IsoDate } from '../domain/calendar';
import type { TaskKind, TaskParty } from '../domain/procedure/case-index-entry';
import type { Stage } from '../domain/schemas/case';
import { partyUnit } from '../domain/procedure/case-index-entry';
import type { SqlValue } from '../store/sql-database';

/** Which open tasks: one party's, of some kinds, due before a day. */
export interface TaskFilter {
  party: TaskParty;
  kinds?: readonly TaskKind[];
  /** Due strictly before this day. */
  dueBefore?: IsoDate;
}

/** Where a page of tasks starts: after this task, in the order soonest due first. */
export interface TaskPosition {
  due: IsoDate;
  caseId: string;
  taskId: string;
}

/** An open task as a list shows it. */
export interface ListedTask extends TaskPosition {
  kind: TaskKind;
  since: IsoDate;
  /** The revision of the case the task belongs to: it grows with every change that can move the task. */
  revision: number;
  /** The expiry of the case's current document, which a status query decides on. */
  documentValidUntil: IsoDate | null;
  /** The case's stage. */
  stage: Stage;
  /** A withdrawal decision's: who reported its grounds (four eyes). */
  reporters?: string[];
}

export interface TaskPage {
  items: ListedTask[];
  /** Every task the filter selects, on this page and the others. */
  total: number;
  /** Where the next page starts; none after the last. */
  next: TaskPosition | null;
}

/**
 * Only the tasks of the revision the case row holds: a write puts a newer revision's tasks in before it moves the
 * case row, and deletes the older ones after (case-index-store.ts), so a reader never sees two revisions' tasks.
 */
export const CURRENT_TASKS = `FROM case_index_tasks t JOIN case_index c ON c.case_id = t.case_id AND c.revision = t.revision`;

function where(filter: TaskFilter): { sql: string; params: SqlValue[] } {
  const clauses = ['t.party_role = ?', 't.party = ?'];
  const params: SqlValue[] = [filter.party.role, partyUnit(filter.party)];
  if (filter.kinds) {
    clauses.push(`t.kind IN (${filter.kinds.map(() => '?').join(', ') || 'NULL'})`);
    params.push(...filter.kinds);
  }
  if (filter.dueBefore) {
    clauses.push('t.due < ?');
    params.push(filter.dueBefore);
  }
  return { sql: clauses.join(' AND '), params };
}

/** The count of every task the filter selects. */
export function countTasksSql(filter: TaskFilter): { sql: string; params: SqlValue[] } {
  const w = where(filter);
  return { sql: `SELECT COUNT(*) AS n ${CURRENT_TASKS} WHERE ${w.sql}`, params: w.params };
}

/**
 * A page of the tasks the filter selects, soonest due first, then by case and task (a total order, so a page
 * starts exactly after the last row of the one before, however many tasks share a day). Reads `limit` + 1 rows:
 * the extra one says whether a next page exists. The party's index (party_role, party, due) serves it.
 */
export function taskPageSql(
  filter: TaskFilter,
  after: TaskPosition | undefined,
  limit: number,
): { sql: string; params: SqlValue[] } {
  const w = where(filter);
  const params = [...w.params];
  let sql = `SELECT t.case_id, t.task_id, t.kind, t.due, t.since, t.revision, t.reporters, c.document_valid_until, c.stage ${CURRENT_TASKS} WHERE ${w.sql}`;
  if (after) {
    sql += ' AND (t.due > ? OR (t.due = ? AND (t.case_id > ? OR (t.case_id = ? AND t.task_id > ?))))';
    params.push(after.due, after.due, after.caseId, after.caseId, after.taskId);
  }
  sql += ' ORDER BY t.due, t.case_id, t.task_id LIMIT ?';
  params.push(limit + 1);
  return { sql, params };
}

export interface ListedTaskRow {
  case_id: string;
  task_id: string;
  kind: TaskKind;
  due: string;
  since: string;
  revision: number | string;
  reporters: string | null;
  document_valid_until: string | null;
  stage: Stage;
}

/** The page of `limit` rows out of the `limit` + 1 read, and where the next one starts. */
export function toTaskPage(rows: ListedTaskRow[], limit: number, total: number): TaskPage {
  const items = rows.slice(0, limit).map((r) => ({
    caseId: r.case_id,
    taskId: r.task_id,
    kind: r.kind,
    due: r.due,
    since: r.since,
    revision: Number(r.revision),
    documentValidUntil: r.document_valid_until,
    stage: r.stage,
    ...(r.reporters === null ? {} : { reporters: JSON.parse(r.reporters) as string[] }),
  }));
  const last = items[items.length - 1];
  return {
    items,
    total,
    next: rows.length > limit && last ? { due: last.due, caseId: last.caseId, taskId: last.taskId } : null,
  };
}
