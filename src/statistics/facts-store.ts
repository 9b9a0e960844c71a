import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { dateAt } from '../domain/calendar';
import { addColumn, openSqlDatabase, upgradedFirst, type SqlDatabase, type SqlValue } from '../store/sql-database';
import { caseOfFact, type Fact, type FactKind, type PendingFact } from '../domain/statistics/facts';

/**
 * The statistics store (in SERVICE_DATABASE): one row per countable fact, written once when it happens, never
 * from personal data. A row's id is a keyed hash of the case's fact key under a secret of that case (its salt),
 * derived from the case's data key: recording a fact again changes nothing, and once the case's key is destroyed
 * (erasure, retention) nothing, not even the index key with the case's id, leads from a row back to its case. The
 * case's facts stay counted.
 */
export interface FactRow {
  kind: FactKind;
  year: number;
  centre: string;
  track: string;
  exploitation: string;
  /** The document type, the outcome, or whether a query was answered in time (`in-time`, `late`). */
  category: string | null;
  /** Days since the opening (complaint), since the complaint (identification), or to answer a query. */
  days: number | null;
  /** A status query's office and its court of appeal. */
  office: string | null;
  courtOfAppeal: string | null;
  /** The Brussels day the fact was recorded (null: before issue 28): a closed year counts what it had by then. */
  recordedOn: string | null;
}

/** The secret of a case that keys its facts' rows; gone with the case's data key. */
export interface FactSalts {
  saltFor(caseId: string): Promise<Buffer>;
}

/**
 * Salts from the case keys (src/crypto/case-keys.ts): each derived from its case's data key (HKDF, a label of its
 * own), so the key store holds nothing more and an erasure destroys the salt with the key.
 */
export function caseKeySalts(caseKeys: { forCase(caseId: string): Promise<{ key: Buffer }> }): FactSalts {
  return {
    async saltFor(caseId) {
      const { key } = await caseKeys.forCase(caseId);
      return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'statistics-fact-salt', 32));
    },
  };
}

export interface FactsStore {
  /** Records facts once each (a retried activity records nothing twice); how many were new. */
  record(facts: readonly PendingFact[]): Promise<number>;
  /** Every fact of a year, each in the year it happened. */
  year(year: number): Promise<FactRow[]>;
  close(): Promise<void>;
}

const COLUMNS = [
  'id',
  'kind',
  'on_date',
  'year',
  'centre',
  'track',
  'exploitation',
  'category',
  'days',
  'office',
  'court_of_appeal',
  'recorded_on',
];
const CREATE = `CREATE TABLE IF NOT EXISTS facts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  on_date TEXT NOT NULL,
  year INTEGER NOT NULL,
  centre TEXT NOT NULL,
  track TEXT NOT NULL,
  exploitation TEXT NOT NULL,
  category TEXT,
  days INTEGER,
  office TEXT,
  court_of_appeal TEXT,
  recorded_on TEXT
)`;
const SELECT = `SELECT kind, year, centre, track, exploitation, category, days, office, court_of_appeal AS "courtOfAppeal",
  recorded_on AS "recordedOn" FROM facts WHERE year = `;

/** Ids of rows keyed with their case's salt, and of rows from before salts (their id replaced by a random one). */
const SALTED = 'f-';
const UNLINKED = 'r-';

function category(f: Fact): string | null {
  if (f.kind === 'document-issued') return f.document;
  if (f.kind === 'outcome') return f.outcome;
  if (f.kind === 'query-answered') return f.inTime ? 'in-time' : 'late';
  return null;
}
function days(f: Fact): number | null {
  if (f.kind === 'complaint') return f.daysSinceOpening;
  if (f.kind === 'identified') return f.daysSinceComplaint;
  if (f.kind === 'query-answered') return f.daysToAnswer;
  return null;
}

/** A fact's row, in COLUMNS order. */
function rowOf({ key, fact }: PendingFact, salt: Buffer, recordedOn: string): SqlValue[] {
  return [
    SALTED + createHmac('sha256', salt).update(`statistics-fact\0${key}`).digest('hex'),
    fact.kind,
    fact.on,
    Number(fact.on.slice(0, 4)),
    fact.centre,
    fact.track,
    fact.exploitation,
    category(fact),
    days(fact),
    'office' in fact ? fact.office : null,
    'courtOfAppeal' in fact ? fact.courtOfAppeal : null,
    recordedOn,
  ];
}

/**
 * A store made before issue 28: the recorded_on column added, and
 * each row whose id is a hash of its fact key under the index key alone, which anyone with the index key and a
 * case id could recompute, given a random id instead (its fact was recorded long ago: no retry needs the id).
 */
async function upgrade(db: SqlDatabase): Promise<void> {
  await addColumn(db, 'facts', 'recorded_on', 'TEXT');
  const linkable = await db.all<{ id: string }>(
    `SELECT id FROM facts WHERE id NOT LIKE '${SALTED}%' AND id NOT LIKE '${UNLINKED}%'`,
  );
  for (const { id } of linkable)
    await db.run('UPDATE facts SET id = ? WHERE id = ?', [UNLINKED + randomBytes(32).toString('hex'), id]);
  // The old ids' bytes go from the file (SQLite) or the table's dead row versions (PostgreSQL).
  if (linkable.length > 0) await db.purge('facts');
}

// Multi-row inserts: a batch is one statement, so it is recorded whole or not at all, on either engine.
const ROWS_PER_INSERT = 200;
const INSERT = (rows: number): string =>
  `INSERT INTO facts (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')} ON CONFLICT (id) DO NOTHING`;

class SqlFactsStore implements FactsStore {
  private readonly db: SqlDatabase;

  constructor(
    database: SqlDatabase,
    private readonly salts: FactSalts | undefined,
  ) {
    this.db = upgradedFirst(database, upgrade);
  }

  async record(facts: readonly PendingFact[]): Promise<number> {
    if (!this.salts) throw new Error('statistics: this store was opened to read, without the case salts');
    const recordedOn = dateAt(Date.now());
    const salts = new Map<string, Buffer>();
    const rows: SqlValue[][] = [];
    for (const f of facts) {
      const caseId = caseOfFact(f.key);
      let salt = salts.get(caseId);
      if (!salt) salts.set(caseId, (salt = await this.salts.saltFor(caseId)));
      rows.push(rowOf(f, salt, recordedOn));
    }
    let added = 0;
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const batch = rows.slice(i, i + ROWS_PER_INSERT);
      added += await this.db.run(INSERT(batch.length), batch.flat());
    }
    return added;
  }

  async year(year: number): Promise<FactRow[]> {
    return this.db.all<FactRow>(`${SELECT}?`, [year]);
  }

  async close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * The store SERVICE_DATABASE names: a `postgres://` (or `postgresql://`) URL, or an SQLite file. The workers
 * record, with the case salts; an API only reads.
 */
export function openFactsStore(location: string, salts?: FactSalts): FactsStore {
  return new SqlFactsStore(openSqlDatabase(location, CREATE), salts);
}
