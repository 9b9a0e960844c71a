import { createHmac } from 'node:crypto';
import { openSqlDatabase, type SqlDatabase, type SqlValue } from '../store/sql-database';
import type { Fact, FactKind, PendingFact } from '../domain/statistics/facts';

/**
 * The statistics store (in SERVICE_DATABASE): one row per countable fact, written once when it happens, never
 * from personal data. A row's id is a keyed hash of the case's fact key, so recording a fact again changes
 * nothing and no row leads back to its case: a case erased, or deleted by retention, leaves its facts counted.
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
  court_of_appeal TEXT
)`;
const SELECT = `SELECT kind, year, centre, track, exploitation, category, days, office, court_of_appeal AS "courtOfAppeal"
  FROM facts WHERE year = `;

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
function rowOf({ key, fact }: PendingFact, hashKey: Buffer): SqlValue[] {
  return [
    createHmac('sha256', hashKey).update(`statistics-fact\0${key}`).digest('hex'),
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
  ];
}

// Multi-row inserts: a batch is one statement, so it is recorded whole or not at all, on either engine.
const ROWS_PER_INSERT = 200;
const INSERT = (rows: number): string =>
  `INSERT INTO facts (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: rows }, () => `(${COLUMNS.map(() => '?').join(', ')})`).join(', ')} ON CONFLICT (id) DO NOTHING`;

class SqlFactsStore implements FactsStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly hashKey: Buffer,
  ) {}

  async record(facts: readonly PendingFact[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < facts.length; i += ROWS_PER_INSERT) {
      const batch = facts.slice(i, i + ROWS_PER_INSERT);
      added += await this.db.run(
        INSERT(batch.length),
        batch.flatMap((f) => rowOf(f, this.hashKey)),
      );
    }
    return added;
  }

  year(year: number): Promise<FactRow[]> {
    return this.db.all<FactRow>(`${SELECT}?`, [year]);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The store SERVICE_DATABASE names: a `postgres://` (or `postgresql://`) URL, or an SQLite file. */
export function openFactsStore(location: string, hashKey: Buffer): FactsStore {
  return new SqlFactsStore(openSqlDatabase(location, CREATE), hashKey);
}
