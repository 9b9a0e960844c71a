import type { IsoDate } from '../domain/calendar';
import type { Centre, ProsecutorOffice } from '../domain/codes';
import type { IndexedPersonalData, ListedDeadline } from '../domain/procedure/case-index-entry';
import type { Outcome, Stage } from '../domain/schemas/case';
import type { SqlValue } from '../store/sql-database';

/** Whose cases: a centre's, or those a prosecutor's office was queried on; neither, every case. */
export type CaseListScope = { centre: Centre } | { office: ProsecutorOffice } | Record<string, never>;

/** Which cases of the scope a list shows; every filter optional. */
export interface CaseListFilter {
  scope: CaseListScope;
  stage?: Stage;
  outcome?: Outcome;
  minor?: boolean;
  /** A next deadline strictly before this day. */
  deadlineBefore?: IsoDate;
  /** The blind-index key of a file number (a hex HMAC). */
  referenceKey?: string;
  running?: boolean;
}

/** Where a page of cases starts: after this case, in the order soonest next deadline first (none last). */
export interface CasePosition {
  deadline: string;
  caseId: string;
}

/** A case as a list shows it, its personal data null when its row cannot be read (its key destroyed). */
export interface ListedCase {
  caseId: string;
  revision: number;
  centre: Centre;
  stage: Stage;
  outcome: Outcome | null;
  running: boolean;
  unaccompaniedMinor: boolean;
  awaitingProsecutor: boolean;
  nextDeadline: ListedDeadline | null;
  personal: IndexedPersonalData | null;
}

export interface CasePage {
  items: ListedCase[];
  /** Every case the filter selects, on this page and the others. */
  total: number;
  next: CasePosition | null;
}

/** After every date: a case without a deadline (closed, or waiting on nothing) comes last. */
const NO_DEADLINE = '9999-12-31';
export const DEADLINE_ORDER = `COALESCE(next_deadline, '${NO_DEADLINE}')`;

// Codes, flags and keys are validated enums and hex: a quoted member of a JSON array is found by LIKE exactly.
const holds = (column: string) => `${column} LIKE ?`;
const member = (value: string) => `%${JSON.stringify(value)}%`;

function where(f: CaseListFilter): { sql: string; params: SqlValue[] } {
  const clauses: string[] = [];
  const params: SqlValue[] = [];
  const add = (clause: string, ...values: SqlValue[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  if ('centre' in f.scope) add('centre = ?', f.scope.centre);
  if ('office' in f.scope) add(holds('offices'), member(f.scope.office));
  if (f.stage) add('stage = ?', f.stage);
  if (f.outcome) add('outcome = ?', f.outcome);
  if (f.minor !== undefined) add(`${f.minor ? '' : 'NOT '}${holds('flags')}`, member('unaccompanied-minor'));
  if (f.deadlineBefore) add('next_deadline < ?', f.deadlineBefore);
  if (f.referenceKey) add(holds('reference_keys'), member(f.referenceKey));
  if (f.running !== undefined) add('running = ?', f.running ? 1 : 0);
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** The count of every case the filter selects. */
export function countCasesSql(f: CaseListFilter): { sql: string; params: SqlValue[] } {
  const w = where(f);
  return { sql: `SELECT COUNT(*) AS n FROM case_index ${w.sql}`, params: w.params };
}

/** A page of the cases the filter selects, soonest next deadline first, then by case; `limit` + 1 rows read. */
export function casePageSql(
  f: CaseListFilter,
  after: CasePosition | undefined,
  limit: number,
): { sql: string; params: SqlValue[] } {
  const w = where(f);
  const params = [...w.params];
  let sql = `SELECT case_id, revision, centre, stage, outcome, running, flags, next_deadline, next_deadline_kind,
    key_id, personal FROM case_index ${w.sql}`;
  if (after) {
    sql += `${w.sql ? ' AND' : ' WHERE'} (${DEADLINE_ORDER} > ? OR (${DEADLINE_ORDER} = ? AND case_id > ?))`;
    params.push(after.deadline, after.deadline, after.caseId);
  }
  sql += ` ORDER BY ${DEADLINE_ORDER}, case_id LIMIT ?`;
  params.push(limit + 1);
  return { sql, params };
}

/** A case row as the page reads it. */
export interface ListedCaseRow {
  case_id: string;
  revision: number | string;
  centre: Centre;
  stage: Stage;
  outcome: Outcome | null;
  running: number | string;
  flags: string;
  next_deadline: string | null;
  next_deadline_kind: string | null;
  key_id: string;
  personal: string;
}

/** The page of `limit` rows out of the `limit` + 1 read, and where the next one starts. */
export function toCasePage(
  rows: ListedCaseRow[],
  limit: number,
  total: number,
  personal: (row: ListedCaseRow) => IndexedPersonalData | null,
): CasePage {
  const items = rows.slice(0, limit).map((r): ListedCase => {
    const flags = JSON.parse(r.flags) as string[];
    return {
      caseId: r.case_id,
      revision: Number(r.revision),
      centre: r.centre,
      stage: r.stage,
      outcome: r.outcome,
      running: Number(r.running) === 1,
      unaccompaniedMinor: flags.includes('unaccompanied-minor'),
      awaitingProsecutor: flags.includes('awaiting-prosecutor'),
      nextDeadline:
        r.next_deadline && r.next_deadline_kind
          ? { kind: r.next_deadline_kind as ListedDeadline['kind'], due: r.next_deadline }
          : null,
      personal: personal(r),
    };
  });
  const last = items[items.length - 1];
  return {
    items,
    total,
    next: rows.length > limit && last ? { deadline: last.nextDeadline?.due ?? NO_DEADLINE, caseId: last.caseId } : null,
  };
}
