import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Fact, FactKind, PendingFact } from '../domain/statistics/facts';

/**
 * The statistics store (STATISTICS_DATABASE): one row per countable fact, written once when it happens, never
 * from personal data. A row's id is a keyed hash of the case's fact key, so recording a fact again changes
 * nothing and no row leads back to its case: a case erased, or deleted by retention, leaves its facts counted.
 * SQLite (WAL, so the worker writes while the API reads).
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

export class FactsStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly byYear: Database.Statement;

  constructor(
    path: string,
    private readonly hashKey: Buffer,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS facts (
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
    )`);
    this.insert = this.db.prepare(
      `INSERT INTO facts (id, kind, on_date, year, centre, track, exploitation, category, days, office, court_of_appeal)
       VALUES (@id, @kind, @on, @year, @centre, @track, @exploitation, @category, @days, @office, @courtOfAppeal)
       ON CONFLICT (id) DO NOTHING`,
    );
    this.byYear = this.db.prepare(
      `SELECT kind, year, centre, track, exploitation, category, days, office, court_of_appeal AS courtOfAppeal
       FROM facts WHERE year = ?`,
    );
  }

  /** Records facts once each (a retried activity records nothing twice); how many were new. */
  record(facts: readonly PendingFact[]): number {
    const write = this.db.transaction((batch: readonly PendingFact[]) =>
      batch.reduce((added, { key, fact }) => {
        const id = createHmac('sha256', this.hashKey).update(`statistics-fact\0${key}`).digest('hex');
        const row = { id, kind: fact.kind, on: fact.on, year: Number(fact.on.slice(0, 4)), centre: fact.centre };
        const info = this.insert.run({
          ...row,
          track: fact.track,
          exploitation: fact.exploitation,
          category: category(fact),
          days: days(fact),
          office: 'office' in fact ? fact.office : null,
          courtOfAppeal: 'courtOfAppeal' in fact ? fact.courtOfAppeal : null,
        });
        return added + info.changes;
      }, 0),
    );
    return write(facts);
  }

  /** Every fact of a year, each in the year it happened. */
  year(year: number): FactRow[] {
    return this.byYear.all(year) as FactRow[];
  }

  close(): void {
    this.db.close();
  }
}
