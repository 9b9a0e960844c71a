import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/** A value bound to a `?` of a statement. */
export type SqlValue = string | number | Buffer | null;

/**
 * The service's own database (SERVICE_DATABASE): the statistics facts and the case keys. SQLite by default
 * (a file; WAL, so the worker writes while the API reads), PostgreSQL for a `postgres://` URL (the cluster and
 * compose stacks, where workers and APIs run on several hosts). Statements are written once, with `?`.
 */
export interface SqlDatabase {
  /** Where a statement must differ (a row lock PostgreSQL needs and SQLite, one writer at a time, has not). */
  readonly dialect?: 'sqlite' | 'postgres';
  /** Rows of a query. */
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** How many rows a statement changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Gives up the space of deleted rows and their old versions (after a key is destroyed). */
  purge(table: string): Promise<void>;
  close(): Promise<void>;
}

class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite';
  private readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string, schema: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    // Every commit on disk before it returns: a case key must outlive a power cut once its payloads left.
    this.db.pragma('synchronous = FULL');
    // A changed or deleted row's bytes are overwritten, not left in the file's free pages.
    this.db.pragma('secure_delete = ON');
    this.db.exec(schema);
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return Promise.resolve(this.statement(sql).all(...params) as T[]);
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return Promise.resolve(this.statement(sql).run(...params).changes);
  }

  async purge(): Promise<void> {
    // The WAL still holds the page as it was before the change: copied into the file (zeroed there) and cut.
    // A reader in another process can hold the checkpoint back for a moment; the next erasure purges again.
    for (let attempt = 0; attempt < 20; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (result?.busy === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}

const DATABASE_MISSING = '3D000';
const DATABASE_EXISTS = '42P04';
/** Two sessions creating the same database or table at once: the loser fails on the catalogue's unique index. */
const UNIQUE_VIOLATION = '23505';
/** The advisory lock that lets one process at a time make its tables (any number 64 bits hold, the same for all). */
const SCHEMA_LOCK = 7_224_027;

const codeOf = (err: unknown): string | undefined => (err as { code?: string }).code;

/** PostgreSQL numbers its parameters. */
const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres';
  private readonly pool: pg.Pool;
  private ready: Promise<void> | undefined;

  constructor(
    private readonly url: string,
    private readonly schema: string,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle connection PostgreSQL dropped (a restart) errors on the pool: unhandled, that would end the process.
    // The pool drops it; the next statement opens a new one, and a failed write is retried by its caller.
    this.pool.on('error', () => undefined);
  }

  /**
   * The tables, and the database itself the first time (its name is the URL's). On a new database every worker and
   * API makes them at its first statement, often at the same moment: `IF NOT EXISTS` does not hold against another
   * session creating the same table, so each makes its tables under one advisory lock, in a transaction.
   */
  private init(): Promise<void> {
    return (this.ready ??= (async () => {
      try {
        await this.makeTables();
      } catch (err) {
        if (codeOf(err) !== DATABASE_MISSING) throw err;
        await this.makeDatabase();
        await this.makeTables();
      }
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    }));
  }

  private async makeTables(): Promise<void> {
    const client = await this.pool.connect();
    // A connection that could not even roll back is not given back to the pool.
    let broken = false;
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`);
      await client.query(this.schema);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.release(broken);
    }
  }

  private async makeDatabase(): Promise<void> {
    const u = new URL(this.url);
    const name = decodeURIComponent(u.pathname.slice(1));
    u.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: u.toString() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (e) {
      // Made meanwhile by another process: as it is told (42P04), or as the race shows it (23505).
      if (![DATABASE_EXISTS, UNIQUE_VIOLATION].includes(codeOf(e) ?? '')) throw e;
    } finally {
      await admin.end();
    }
  }

  async all<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    await this.init();
    return (await this.pool.query(numbered(sql), [...params])).rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    await this.init();
    return (await this.pool.query(numbered(sql), [...params])).rowCount ?? 0;
  }

  async purge(table: string): Promise<void> {
    await this.init();
    // Rewrites the table without the dead row versions an UPDATE leaves behind (the table is small).
    await this.pool.query(`VACUUM FULL ${table}`);
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * Adds a column to a table made before it existed; two processes may add it at once: one wins. Both engines take
 * `ALTER TABLE … ADD COLUMN`; only SQLite lacks `IF NOT EXISTS` there.
 */
export async function addColumn(db: SqlDatabase, table: string, column: string, type: string): Promise<void> {
  const present = async (): Promise<boolean> => {
    try {
      await db.all(`SELECT ${column} FROM ${table} WHERE 1 = 0`);
      return true;
    } catch {
      return false;
    }
  };
  if (await present()) return;
  try {
    await db.run(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  } catch (err) {
    if (!(await present())) throw err;
  }
}

/**
 * The database with `upgrade` (columns an older store lacks) done before its first statement. A failed upgrade (the
 * database away at start) is tried again by the next statement, never kept: a process started during an outage
 * works once the database is back.
 */
export function upgradedFirst(db: SqlDatabase, upgrade: (db: SqlDatabase) => Promise<void>): SqlDatabase {
  let done: Promise<void> | undefined;
  const ready = () =>
    (done ??= upgrade(db).catch((err: unknown) => {
      done = undefined;
      throw err;
    }));
  return {
    async all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
      await ready();
      return db.all<T>(sql, params);
    },
    async run(sql: string, params?: readonly SqlValue[]): Promise<number> {
      await ready();
      return db.run(sql, params);
    },
    async purge(table: string): Promise<void> {
      await ready();
      return db.purge(table);
    },
    close: () => db.close(),
  };
}

/** The database a location names: a `postgres://` (or `postgresql://`) URL, or an SQLite file; `schema` made if missing. */
export function openSqlDatabase(location: string, schema: string): SqlDatabase {
  return /^postgres(ql)?:\/\//.test(location)
    ? new PostgresDatabase(location, schema)
    : new SqliteDatabase(location, schema);
}

// PostgreSQL's connection failures and shutdowns (SQLSTATE classes 08 and 57P), the socket's, and SQLite's lock.
const OUTAGE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'SQLITE_BUSY', '53300']);

/** Whether an error of the service database says it is away for a moment (a restart, a lock), not that a statement is wrong. */
export function isStoreOutage(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (OUTAGE_CODES.has(code) || code.startsWith('08') || code.startsWith('57P')))
    return true;
  return (
    typeof message === 'string' && /Connection terminated|connection timeout|the database system is/i.test(message)
  );
}
