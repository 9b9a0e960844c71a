import { randomUUID } from 'node:crypto';
import { open, seal } from '../crypto/aes-gcm';
import type { CaseKeys } from '../crypto/case-keys';
import { PayloadDecryptionError } from '../crypto/errors';
import {
  partyUnit,
  type CaseIndexEntry,
  type IndexedPersonalData,
  type ListedDeadline,
  type OpenTask,
  type TaskParty,
} from '../domain/procedure/case-index-entry';
import type { Centre, ProsecutorOffice } from '../domain/codes';
import { addColumn, openSqlDatabase, upgradedFirst, type SqlDatabase, type SqlValue } from '../store/sql-database';
import {
  casePageSql,
  countCasesSql,
  DEADLINE_ORDER,
  toCasePage,
  type CaseListFilter,
  type CasePage,
  type CasePosition,
  type ListedCaseRow,
} from './case-listing';
import {
  CURRENT_TASKS,
  countTasksSql,
  taskPageSql,
  toTaskPage,
  type ListedTaskRow,
  type TaskFilter,
  type TaskPage,
  type TaskPosition,
} from './task-listing';

/**
 * The case index (in SERVICE_DATABASE, beside the case keys): one row per case and one per open task and party,
 * what every list reads instead of asking each case. Written by the case's own workflow (activities/index-case.ts),
 * each write carrying the case's revision; the history stays the source of truth.
 *
 * No transaction spans a write, so a write stays correct however writes interleave (retries, late writes, two
 * workers): a case's tasks are rows tagged with the revision they belong to, written first; the case row then moves
 * to that revision only if it is higher than the one it holds; the tasks of older revisions go last. A reader takes
 * the tasks of the revision its case row holds, so it never sees a mix, and a row never moves back.
 */
export interface CaseIndexStore {
  /** Records a case as of its revision; false when the index already holds that revision or a later one. */
  write(entry: CaseIndexEntry): Promise<boolean>;
  /** The case as the index holds it, its personal data decrypted; undefined when it holds none. */
  read(caseId: string): Promise<CaseIndexEntry | undefined>;
  /**
   * The personal data of these cases, decrypted, read together: a case the index holds no row of is missing, one whose
   * row cannot be opened (its key destroyed) is null.
   */
  personal(caseIds: readonly string[]): Promise<Map<string, IndexedPersonalData | null>>;
  /** A page of the open tasks the filter selects, soonest due first, starting after `after`; with their total. */
  listTasks(filter: TaskFilter, after: TaskPosition | undefined, limit: number): Promise<TaskPage>;
  /** A page of the cases the filter selects, soonest next deadline first, starting after `after`; with their total. */
  listCases(filter: CaseListFilter, after: CasePosition | undefined, limit: number): Promise<CasePage>;
  /** Who may see a case (its centre, the offices queried) and whether it runs; undefined when the index holds none. */
  accessOf(caseId: string): Promise<IndexedAccess | undefined>;
  /** Every listable deadline of each running case, a centre's or all: what a calendar feed shows. */
  runningDeadlines(centre?: Centre): Promise<CaseDeadlines[]>;
  /** The open tasks of a kind on these cases, of every party (who else holds a case's query, say). */
  tasksOf(caseIds: readonly string[], kind: OpenTask['kind']): Promise<(OpenTask & { caseId: string })[]>;
  /**
   * Records `runId` as the case's first run, unless another run was or the index holds the case already (a case that
   * ran before this record existed): true for that run alone, however often it asks. A copy of the case's start
   * payload started again, under the same id, is not its first run.
   */
  claimFirstRun(caseId: string, runId: string): Promise<boolean>;
  /** Deletes a case's rows (its key was destroyed: erasure or the end of retention). */
  remove(caseId: string): Promise<void>;
  /**
   * A value that changes with every change of what the index holds (random, so a restored database never repeats
   * the one a reader kept): a reader may keep what it read while it stays the same.
   */
  version(): Promise<string>;
  /** Every case the index holds a row of, by id: what `npm run index` compares with the cases Temporal holds. */
  caseIds(): Promise<string[]>;
  close(): Promise<void>;
}

/** What access to a case is decided on: never a search attribute, which anyone who can reach the frontend sets. */
export type IndexedAccess = Pick<CaseIndexEntry, 'centre' | 'offices' | 'running' | 'outcome'>;

/** A running case's deadlines as a feed shows them, and its revision (the events' SEQUENCE). */
export interface CaseDeadlines {
  caseId: string;
  revision: number;
  deadlines: ListedDeadline[];
}

/**
 * The tables, and the indexes the lists read through. `case_index_tasks_by_kind` and `case_index_revisions` (issue
 * 27.6, measured by the bench's index section) serve a party's tasks of a kind in due order (an inbox section, a
 * prosecutor's queries) and every count from the indexes alone, each task matched to its case's current revision
 * without reading either table's rows: at 10,000 cases the counts ran 3 to 20 times and the pages of a kind ten times
 * faster than on the party's index alone. `case_index_tasks_in_order` serves the lists of every kind and
 * `case_index_by_deadline` the case lists, each page read in its order, without sorting a party's every task or every
 * case (at 10,000 cases these pages took twice as long as at 1,000 before them).
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS case_index (
  case_id TEXT PRIMARY KEY,
  revision INTEGER NOT NULL,
  centre TEXT NOT NULL,
  offices TEXT NOT NULL,
  stage TEXT NOT NULL,
  outcome TEXT,
  running INTEGER NOT NULL,
  opened_on TEXT NOT NULL,
  next_deadline TEXT,
  next_deadline_kind TEXT,
  document_valid_until TEXT,
  deadlines TEXT,
  flags TEXT NOT NULL,
  reference_keys TEXT NOT NULL,
  key_id TEXT NOT NULL,
  personal TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS case_index_tasks (
  case_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  task_id TEXT NOT NULL,
  party_role TEXT NOT NULL,
  party TEXT NOT NULL,
  kind TEXT NOT NULL,
  due TEXT NOT NULL,
  since TEXT NOT NULL,
  reporters TEXT,
  PRIMARY KEY (case_id, revision, task_id, party_role, party)
);
DROP INDEX IF EXISTS case_index_tasks_by_party;
CREATE INDEX IF NOT EXISTS case_index_tasks_in_order ON case_index_tasks (party_role, party, due, case_id, task_id);
CREATE INDEX IF NOT EXISTS case_index_tasks_by_kind ON case_index_tasks (party_role, party, kind, due, case_id, task_id, revision);
CREATE INDEX IF NOT EXISTS case_index_revisions ON case_index (case_id, revision);
CREATE INDEX IF NOT EXISTS case_index_by_deadline ON case_index (${DEADLINE_ORDER}, case_id);
CREATE TABLE IF NOT EXISTS case_first_runs (
  case_id TEXT PRIMARY KEY,
  run_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS case_index_version (
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL
);
INSERT INTO case_index_version (id, version) VALUES (1, 'new') ON CONFLICT (id) DO NOTHING`;

const CASE_COLUMNS = [
  'case_id',
  'revision',
  'centre',
  'offices',
  'stage',
  'outcome',
  'running',
  'opened_on',
  'next_deadline',
  'next_deadline_kind',
  'document_valid_until',
  'deadlines',
  'flags',
  'reference_keys',
  'key_id',
  'personal',
];
const TASK_COLUMNS = ['case_id', 'revision', 'task_id', 'party_role', 'party', 'kind', 'due', 'since', 'reporters'];
const placeholders = (n: number) => `(${Array.from({ length: n }, () => '?').join(', ')})`;

const UPSERT_CASE = `INSERT INTO case_index (${CASE_COLUMNS.join(', ')}) VALUES ${placeholders(CASE_COLUMNS.length)}
  ON CONFLICT (case_id) DO UPDATE SET ${CASE_COLUMNS.slice(1)
    .map((c) => `${c} = excluded.${c}`)
    .join(', ')}
  WHERE case_index.revision < excluded.revision`;
const INSERT_TASKS = (rows: number): string =>
  `INSERT INTO case_index_tasks (${TASK_COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () =>
    placeholders(TASK_COLUMNS.length),
  ).join(', ')} ON CONFLICT DO NOTHING`;
const DELETE_OLDER_TASKS = `DELETE FROM case_index_tasks WHERE case_id = ?
  AND revision < (SELECT revision FROM case_index WHERE case_id = ?)`;

interface CaseRow {
  case_id: string;
  revision: number | string;
  centre: string;
  offices: string;
  stage: string;
  outcome: string | null;
  running: number;
  opened_on: string;
  next_deadline: string | null;
  next_deadline_kind: string | null;
  document_valid_until: string | null;
  deadlines: string | null;
  flags: string;
  reference_keys: string;
  key_id: string;
  personal: string;
}
interface TaskRow {
  task_id: string;
  party_role: TaskParty['role'];
  party: string;
  kind: OpenTask['kind'];
  due: string;
  since: string;
  reporters: string | null;
}

/** A task as the index holds it: `reporters` only where the task names them. */
const taskOf = (t: TaskRow): OpenTask => ({
  taskId: t.task_id,
  kind: t.kind,
  party: partyOf(t.party_role, t.party),
  due: t.due,
  since: t.since,
  ...(t.reporters === null ? {} : { reporters: JSON.parse(t.reporters) as string[] }),
});

function partyOf(role: TaskParty['role'], unit: string): TaskParty {
  if (role === 'centre') return { role, centre: unit as never };
  if (role === 'prosecutor') return { role, office: unit as never };
  return { role };
}

/** A row written before the index held every deadline holds its next one alone (until its case's next write). */
function deadlinesOf(row: Pick<CaseRow, 'deadlines' | 'next_deadline' | 'next_deadline_kind'>): ListedDeadline[] {
  if (row.deadlines !== null) return JSON.parse(row.deadlines) as ListedDeadline[];
  return row.next_deadline && row.next_deadline_kind
    ? [{ kind: row.next_deadline_kind as ListedDeadline['kind'], due: row.next_deadline }]
    : [];
}

/** Rows whose personal data one statement reads: well under every database's limit of bound parameters. */
const PERSONAL_BATCH = 500;

// Bound to its case: a sealed copy moved onto another case's row does not open.
const personalLabel = (caseId: string): string => `case-index\0${caseId}`;

/**
 * A database made before the index held every deadline gets the column; its rows read their next deadline alone
 * until their case's next write (or `npm run index -- rebuild`). Two processes may add it at once: one wins.
 */
function addDeadlinesColumn(db: SqlDatabase): Promise<void> {
  return addColumn(db, 'case_index', 'deadlines', 'TEXT');
}

/** Counts kept at most, each for a filter (a due date given in a request makes a filter of its own). */
const KEPT_COUNTS = 1_000;

class SqlCaseIndexStore implements CaseIndexStore {
  private readonly counts = new Map<string, { version: string; n: number }>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly caseKeys: CaseKeys,
  ) {}

  async write(e: CaseIndexEntry): Promise<boolean> {
    // Under the case's own key: an erasure by key leaves the index's copy unreadable too.
    const key = await this.caseKeys.forCase(e.caseId);
    const personal = seal(key.key, personalLabel(e.caseId), Buffer.from(JSON.stringify(e.personal)));
    if (e.tasks.length > 0)
      await this.db.run(
        INSERT_TASKS(e.tasks.length),
        e.tasks.flatMap((t): SqlValue[] => [
          e.caseId,
          e.revision,
          t.taskId,
          t.party.role,
          partyUnit(t.party),
          t.kind,
          t.due,
          t.since,
          t.reporters ? JSON.stringify(t.reporters) : null,
        ]),
      );
    const moved = await this.db.run(UPSERT_CASE, [
      e.caseId,
      e.revision,
      e.centre,
      JSON.stringify(e.offices),
      e.stage,
      e.outcome,
      e.running ? 1 : 0,
      e.openedOn,
      e.nextDeadline?.due ?? null,
      e.nextDeadline?.kind ?? null,
      e.documentValidUntil,
      JSON.stringify(e.deadlines),
      JSON.stringify(e.flags),
      JSON.stringify(e.referenceKeys),
      key.id,
      personal.toString('base64'),
    ]);
    await this.db.run(DELETE_OLDER_TASKS, [e.caseId, e.caseId]);
    // Every write, even one that changes no row: it may be the retry of a write cut short before this step.
    await this.changed();
    return moved > 0;
  }

  async read(caseId: string): Promise<CaseIndexEntry | undefined> {
    const [row] = await this.db.all<CaseRow>(`SELECT ${CASE_COLUMNS.join(', ')} FROM case_index WHERE case_id = ?`, [
      caseId,
    ]);
    if (!row) return undefined;
    const tasks = await this.db.all<TaskRow>(
      `SELECT task_id, party_role, party, kind, due, since, reporters FROM case_index_tasks
        WHERE case_id = ? AND revision = ? ORDER BY due, task_id, party_role, party`,
      [caseId, Number(row.revision)],
    );
    const personal = await this.opened(row);
    if (!personal) throw new PayloadDecryptionError(row.key_id);
    return {
      caseId,
      revision: Number(row.revision),
      centre: row.centre as CaseIndexEntry['centre'],
      offices: JSON.parse(row.offices) as CaseIndexEntry['offices'],
      stage: row.stage as CaseIndexEntry['stage'],
      outcome: row.outcome as CaseIndexEntry['outcome'],
      running: Number(row.running) === 1,
      openedOn: row.opened_on,
      nextDeadline:
        row.next_deadline && row.next_deadline_kind
          ? { kind: row.next_deadline_kind as never, due: row.next_deadline }
          : null,
      deadlines: deadlinesOf(row),
      documentValidUntil: row.document_valid_until,
      flags: JSON.parse(row.flags) as CaseIndexEntry['flags'],
      referenceKeys: JSON.parse(row.reference_keys) as string[],
      personal,
      tasks: tasks.map(taskOf),
    };
  }

  /** Marks a change, after it is made: a reader that then reads the version reads the change too. */
  private changed(): Promise<number> {
    return this.db.run('UPDATE case_index_version SET version = ? WHERE id = 1', [randomUUID()]);
  }

  async version(): Promise<string> {
    const [row] = await this.db.all<{ version: string }>('SELECT version FROM case_index_version WHERE id = 1');
    return row?.version ?? '';
  }

  /**
   * The count of every row a filter selects. Counting grows with the index (a few milliseconds at 10,000 cases);
   * a count is kept while the index's version stays the one read before it.
   */
  private async counted(count: { sql: string; params: SqlValue[] }): Promise<number> {
    const version = await this.version();
    const key = JSON.stringify(count);
    const kept = this.counts.get(key);
    if (kept?.version === version) return kept.n;
    const [row] = await this.db.all<{ n: number | string }>(count.sql, count.params);
    if (this.counts.size >= KEPT_COUNTS) this.counts.clear();
    const n = Number(row?.n ?? 0);
    this.counts.set(key, { version, n });
    return n;
  }

  /** A page's rows and the count of every row its filter selects, read side by side. */
  private rowsAndCount<R>(
    page: { sql: string; params: SqlValue[] },
    count: { sql: string; params: SqlValue[] },
  ): Promise<[R[], number]> {
    return Promise.all([this.db.all<R>(page.sql, page.params), this.counted(count)]);
  }

  async listCases(filter: CaseListFilter, after: CasePosition | undefined, limit: number): Promise<CasePage> {
    const [rows, counted] = await this.rowsAndCount<ListedCaseRow>(
      casePageSql(filter, after, limit),
      countCasesSql(filter),
    );
    // One key per case, each read once: a case whose key is gone is shown as such, the rest of the page still is.
    const personal = new Map(
      await Promise.all(rows.map(async (r) => [r.case_id, await this.opened(r).catch(() => null)] as const)),
    );
    return toCasePage(rows, limit, counted, (r) => personal.get(r.case_id) ?? null);
  }

  async accessOf(caseId: string): Promise<IndexedAccess | undefined> {
    const [row] = await this.db.all<Pick<CaseRow, 'centre' | 'offices' | 'running' | 'outcome'>>(
      'SELECT centre, offices, running, outcome FROM case_index WHERE case_id = ?',
      [caseId],
    );
    return (
      row && {
        centre: row.centre as Centre,
        offices: JSON.parse(row.offices) as ProsecutorOffice[],
        running: Number(row.running) === 1,
        outcome: row.outcome as CaseIndexEntry['outcome'],
      }
    );
  }

  async runningDeadlines(centre?: Centre): Promise<CaseDeadlines[]> {
    const rows = await this.db.all<
      Pick<CaseRow, 'case_id' | 'revision' | 'deadlines' | 'next_deadline' | 'next_deadline_kind'>
    >(
      `SELECT case_id, revision, deadlines, next_deadline, next_deadline_kind FROM case_index
        WHERE running = 1${centre ? ' AND centre = ?' : ''} ORDER BY case_id`,
      centre ? [centre] : [],
    );
    return rows.map((r) => ({ caseId: r.case_id, revision: Number(r.revision), deadlines: deadlinesOf(r) }));
  }

  async personal(caseIds: readonly string[]): Promise<Map<string, IndexedPersonalData | null>> {
    const found = new Map<string, IndexedPersonalData | null>();
    for (let i = 0; i < caseIds.length; i += PERSONAL_BATCH) {
      const batch = caseIds.slice(i, i + PERSONAL_BATCH);
      const rows = await this.db.all<Pick<CaseRow, 'case_id' | 'key_id' | 'personal'>>(
        `SELECT case_id, key_id, personal FROM case_index WHERE case_id IN (${batch.map(() => '?').join(', ')})`,
        batch,
      );
      for (const row of rows) found.set(row.case_id, await this.opened(row).catch(() => null));
    }
    return found;
  }

  /** A row's personal data, opened with its case's key; null when it does not open under it. */
  private async opened(row: Pick<CaseRow, 'case_id' | 'key_id' | 'personal'>): Promise<IndexedPersonalData | null> {
    const key = await this.caseKeys.byId(row.key_id);
    const personal = open(key.key, personalLabel(row.case_id), Buffer.from(row.personal, 'base64'));
    return personal ? (JSON.parse(personal.toString('utf8')) as IndexedPersonalData) : null;
  }

  async listTasks(filter: TaskFilter, after: TaskPosition | undefined, limit: number): Promise<TaskPage> {
    const [rows, counted] = await this.rowsAndCount<ListedTaskRow>(
      taskPageSql(filter, after, limit),
      countTasksSql(filter),
    );
    return toTaskPage(rows, limit, counted);
  }

  async tasksOf(caseIds: readonly string[], kind: OpenTask['kind']): Promise<(OpenTask & { caseId: string })[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.db.all<TaskRow & { case_id: string }>(
      `SELECT t.case_id, t.task_id, t.party_role, t.party, t.kind, t.due, t.since, t.reporters ${CURRENT_TASKS}
        WHERE t.kind = ? AND t.case_id IN (${caseIds.map(() => '?').join(', ')})`,
      [kind, ...caseIds],
    );
    return rows.map((t) => ({ caseId: t.case_id, ...taskOf(t) }));
  }

  async claimFirstRun(caseId: string, runId: string): Promise<boolean> {
    await this.db.run(
      `INSERT INTO case_first_runs (case_id, run_id) SELECT ?, ?
        WHERE NOT EXISTS (SELECT 1 FROM case_index WHERE case_id = ?) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, runId, caseId],
    );
    const [first] = await this.db.all<{ run_id: string }>('SELECT run_id FROM case_first_runs WHERE case_id = ?', [
      caseId,
    ]);
    return first?.run_id === runId;
  }

  async remove(caseId: string): Promise<void> {
    await this.db.run('DELETE FROM case_first_runs WHERE case_id = ?', [caseId]);
    await this.db.run('DELETE FROM case_index_tasks WHERE case_id = ?', [caseId]);
    await this.db.run('DELETE FROM case_index WHERE case_id = ?', [caseId]);
    await this.changed();
    await this.db.purge('case_index');
  }

  async caseIds(): Promise<string[]> {
    const rows = await this.db.all<{ case_id: string }>('SELECT case_id FROM case_index ORDER BY case_id');
    return rows.map((r) => r.case_id);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The case index in the database SERVICE_DATABASE names, its personal data under the cases' own keys. */
export function openCaseIndex(location: string, caseKeys: CaseKeys): CaseIndexStore {
  return new SqlCaseIndexStore(upgradedFirst(openSqlDatabase(location, SCHEMA), addDeadlinesColumn), caseKeys);
}
