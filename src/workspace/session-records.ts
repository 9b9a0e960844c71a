import { createHash, randomBytes } from 'node:crypto';
import { openSqlDatabase, type SqlDatabase } from '../store/sql-database';

/**
 * One row per signed-in workspace session, in the service's database (SERVICE_DATABASE), so every API process
 * sees a sign-out at once. The cookie names its session; the row keeps only the SHA-256 of that name, so a copy of
 * the table opens no session. No row, no session: sign-out deletes it, and so does its absolute end.
 */
const SCHEMA = `CREATE TABLE IF NOT EXISTS workspace_sessions (
  id_sha256 TEXT PRIMARY KEY,
  principal_id TEXT NOT NULL,
  signed_in_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL
)`;

interface Row {
  principal_id: string;
  // PostgreSQL hands a BIGINT back as a string.
  ends_at: number | string;
}

const hashOf = (sessionId: string): string => createHash('sha256').update(sessionId).digest('hex');

export interface SessionRecords {
  /** A new session of this person, until `endsAt` (ms); its id, for the cookie. Sessions past their end go. */
  open(principalId: string, now: number, endsAt: number): Promise<string>;
  /** Whether this id is a session of this person that has not ended. */
  live(sessionId: string, principalId: string, now: number): Promise<boolean>;
  /** Ends a session (sign-out): its cookie, wherever a copy of it is, opens nothing any more. */
  end(sessionId: string): Promise<void>;
  close(): Promise<void>;
}

class SqlSessionRecords implements SessionRecords {
  constructor(private readonly db: SqlDatabase) {}

  async open(principalId: string, now: number, endsAt: number): Promise<string> {
    await this.db.run('DELETE FROM workspace_sessions WHERE ends_at <= ?', [now]);
    const sessionId = randomBytes(32).toString('base64url');
    await this.db.run(
      'INSERT INTO workspace_sessions (id_sha256, principal_id, signed_in_at, ends_at) VALUES (?, ?, ?, ?)',
      [hashOf(sessionId), principalId, now, endsAt],
    );
    return sessionId;
  }

  async live(sessionId: string, principalId: string, now: number): Promise<boolean> {
    const [row] = await this.db.all<Row>('SELECT principal_id, ends_at FROM workspace_sessions WHERE id_sha256 = ?', [
      hashOf(sessionId),
    ]);
    return !!row && row.principal_id === principalId && now < Number(row.ends_at);
  }

  async end(sessionId: string): Promise<void> {
    await this.db.run('DELETE FROM workspace_sessions WHERE id_sha256 = ?', [hashOf(sessionId)]);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** The session records in the database SERVICE_DATABASE names (SQLite file or `postgres://` URL). */
export function openSessionRecords(location: string): SessionRecords {
  return new SqlSessionRecords(openSqlDatabase(location, SCHEMA));
}
