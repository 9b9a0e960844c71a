import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Fact, FactKind, PendingFact } from '../domain/statistics/facts';

/**
 * The statistics store (STATISTICS_DATABASE): one row per countable fact, written once when it happens, never
 * from personal data. A row's id is a keyed hash of the case's fact key, so recording a fact again changes
 * nothing and no row leads back to its case: a case erased, or deleted by retention, leaves its facts counted.
 * SQLite by default (a file; WAL, so the worker writes while the API reads), PostgreSQL for a `postgres://` URL
 * (the cluster and compose stacks, where workers and APIs run on several hosts).
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
function rowOf({ key, fact }: PendingFact, hashKey: Buffer): (string | number | null)[] {
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

class SqliteFactsStore implements FactsStore {
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
    this.db.exec(CREATE);
    this.insert = this.db.prepare(
      `INSERT INTO facts (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`,
    );
    this.byYear = this.db.prepare(`${SELECT}?`);
  }

  record(facts: readonly PendingFact[]): Promise<number> {
    const write = this.db.transaction((batch: readonly PendingFact[]) =>
      batch.reduce((added, f) => added + this.insert.run(...rowOf(f, this.hashKey)).changes, 0),
    );
    return Promise.resolve(write(facts));
  }

  year(year: number): Promise<FactRow[]> {
    return Promise.resolve(this.byYear.all(year) as FactRow[]);
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

const DATABASE_MISSING = '3D000';
const DATABASE_EXISTS = '42P04';

class PostgresFactsStore implements FactsStore {
  private readonly pool: pg.Pool;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly hashKey: Buffer,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection PostgreSQL dropped (a restart) errors on the pool: unhandled, that would end the process.
    // The pool drops it; the next write opens a new one, and a failed write is retried by its activity.
    this.pool.on('error', () => undefined);
  }

  /** The table, and the database itself the first time (its name is the URL's). */
  private init(): Promise<void> {
    return (this.ready ??= (async () => {
      try {
        await this.pool.query(CREATE);
      } catch (err) {
        if ((err as { code?: string }).code !== DATABASE_MISSING) throw err;
        const u = new URL(this.url);
        const name = decodeURIComponent(u.pathname.slice(1));
        u.pathname = '/postgres';
        const admin = new pg.Client({ connectionString: u.toString() });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
        } catch (e) {
          if ((e as { code?: string }).code !== DATABASE_EXISTS) throw e;
        } finally {
          await admin.end();
        }
        await this.pool.query(CREATE);
      }
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    }));
  }

  async record(facts: readonly PendingFact[]): Promise<number> {
    await this.init();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      let added = 0;
      const params = COLUMNS.map((_, i) => `$${i + 1}`).join(', ');
      for (const f of facts) {
        const res = await client.query(
          `INSERT INTO facts (${COLUMNS.join(', ')}) VALUES (${params}) ON CONFLICT (id) DO NOTHING`,
          rowOf(f, this.hashKey),
        );
        added += res.rowCount ?? 0;
      }
      await client.query('COMMIT');
      return added;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async year(year: number): Promise<FactRow[]> {
    await this.init();
    return (await this.pool.query<FactRow>(`${SELECT}$1`, [year])).rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** The store STATISTICS_DATABASE names: a `postgres://` (or `postgresql://`) URL, or an SQLite file. */
export function openFactsStore(location: string, hashKey: Buffer): FactsStore {
  return /^postgres(ql)?:\/\//.test(location)
    ? new PostgresFactsStore(location, hashKey)
    : new SqliteFactsStore(location, hashKey);
}
