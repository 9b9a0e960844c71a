import type { CaseErasure } from '../domain/schemas/api';
import { openSqlDatabase, type SqlDatabase } from '../store/sql-database';

/**
 * One row per erasure asked for, in the service's database (SERVICE_DATABASE), so every API process sees a pending
 * request, and a request being confirmed can no longer be withdrawn. The row outlives the erasure: it is what the file's page
 * shows afterwards (when, and which two admins), and all that is left of the case. Ids and times only.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS case_erasures (
  case_id TEXT PRIMARY KEY,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  confirmed_by TEXT,
  erasure TEXT
)`;

interface Row {
  case_id: string;
  requested_by: string;
  requested_at: string;
  confirmed_by: string | null;
  erasure: string | null;
}

/** An erasure requested, and once a second admin confirmed it, what the erasure did. */
export interface ErasureRecord {
  caseId: string;
  requestedById: string;
  requestedAt: string;
  confirmed: { byId: string; erasure: CaseErasure } | null;
}

const recordOf = (r: Row): ErasureRecord => ({
  caseId: r.case_id,
  requestedById: r.requested_by,
  requestedAt: r.requested_at,
  confirmed:
    r.confirmed_by && r.erasure ? { byId: r.confirmed_by, erasure: JSON.parse(r.erasure) as CaseErasure } : null,
});

const COLUMNS = 'case_id, requested_by, requested_at, confirmed_by, erasure';

export class ErasureRecords {
  constructor(private readonly db: SqlDatabase) {}

  async of(caseId: string): Promise<ErasureRecord | undefined> {
    const [row] = await this.db.all<Row>(`SELECT ${COLUMNS} FROM case_erasures WHERE case_id = ?`, [caseId]);
    return row && recordOf(row);
  }

  /** Records the request, unless one is on record: the one on record (an earlier request, or this one). */
  async request(caseId: string, byId: string, at: Date): Promise<ErasureRecord> {
    await this.db.run(
      'INSERT INTO case_erasures (case_id, requested_by, requested_at) VALUES (?, ?, ?) ON CONFLICT (case_id) DO NOTHING',
      [caseId, byId, at.toISOString()],
    );
    return (await this.of(caseId))!;
  }

  /**
   * Marks the request as being confirmed by this admin before anything is erased, so that it can no longer be
   * withdrawn meanwhile: false when no request waits. A confirmation cut short (a crash) is taken up by the next.
   */
  async claim(caseId: string, byId: string): Promise<boolean> {
    return (
      (await this.db.run('UPDATE case_erasures SET confirmed_by = ? WHERE case_id = ? AND erasure IS NULL', [
        byId,
        caseId,
      ])) > 0
    );
  }

  /** Records what the erasure did, unless another admin's confirmation recorded it first: the erasure on record. */
  async confirm(caseId: string, byId: string, erasure: CaseErasure): Promise<ErasureRecord> {
    await this.db.run('UPDATE case_erasures SET confirmed_by = ?, erasure = ? WHERE case_id = ? AND erasure IS NULL', [
      byId,
      JSON.stringify(erasure),
      caseId,
    ]);
    return (await this.of(caseId))!;
  }

  /** Takes a pending request back; an erasure done stays on record. Whether one was withdrawn. */
  async withdraw(caseId: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM case_erasures WHERE case_id = ? AND confirmed_by IS NULL', [caseId])) > 0;
  }

  /** The requests waiting for a second admin, oldest first. */
  async pending(): Promise<ErasureRecord[]> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM case_erasures WHERE confirmed_by IS NULL ORDER BY requested_at, case_id`,
    );
    return rows.map(recordOf);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The erasure records in the database SERVICE_DATABASE names (SQLite file, `postgres://` URL, or `:memory:`). */
export const openErasureRecords = (location: string): ErasureRecords =>
  new ErasureRecords(openSqlDatabase(location, SCHEMA));
