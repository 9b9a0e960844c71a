import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { openSqlDatabase, type SqlDatabase } from '../store/sql-database';
import { open, seal } from './aes-gcm';
import { PayloadDecryptionError, UnknownPayloadKeyError } from './errors';
import type { PayloadKeys } from './payload-keys';

/** A case's own data key, unwrapped. */
export interface CaseKey {
  id: string;
  caseId: string;
  key: Buffer;
}

/**
 * The case's data key was destroyed (erasure, or the end of its retention, which leaves no row): its payloads can
 * no longer be read.
 */
export class ErasedCaseKeyError extends UnknownPayloadKeyError {
  override name = 'ErasedCaseKeyError';
  constructor(keyId: string | undefined) {
    super(keyId, 'case key store any more: its case was erased');
  }
}

export type ErasureReason = 'admin' | 'retention';
export type Erasure = 'erased' | 'already-erased' | 'no-key';

const SCHEMA = `CREATE TABLE IF NOT EXISTS case_keys (
  case_id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL UNIQUE,
  wrapped_key TEXT,
  wrapped_with TEXT,
  created_at TEXT NOT NULL,
  erased_at TEXT,
  erased_by TEXT
)`;

interface Row {
  case_id: string;
  key_id: string;
  wrapped_key: string | null;
  wrapped_with: string | null;
}
const COLUMNS = 'case_id, key_id, wrapped_key, wrapped_with';

const KEY_BYTES = 32;
/**
 * How long a worker or the API's client keeps an unwrapped key, so a case's tasks do not read the store each time:
 * after an erasure elsewhere, the longest such a process can still read the case (it has no reason to: the case
 * has ended). The codec endpoint, where staff read cases, keeps none (`uncached`).
 */
export const CASE_KEY_CACHE_MS = 5 * 60_000;

// The wrapped key is bound to its id and its case: a row copied onto another case does not unwrap.
const wrapLabel = (keyId: string, caseId: string): string => `case-key\0${keyId}\0${caseId}`;

/**
 * Each case's payloads are encrypted with a data key of its own (erasure by key: destroy it, and every copy of the
 * case's history, on the server, in backups and exports, is unreadable). The keys live in the service's database
 * (the statistics one), wrapped by the master key of the key file; every worker and API shares them.
 */
export class CaseKeys {
  private readonly cache: LRUCache<string, CaseKey> | undefined;
  private readonly creating = new Map<string, Promise<CaseKey>>();

  constructor(
    private readonly master: PayloadKeys,
    private readonly db: SqlDatabase,
    cached = true,
  ) {
    this.cache = cached ? new LRUCache({ max: 20_000, ttl: CASE_KEY_CACHE_MS }) : undefined;
  }

  /** The same store, every key read afresh: an erasure by any process holds at once. Closed with this one. */
  uncached(): CaseKeys {
    return new CaseKeys(this.master, this.db, false);
  }

  /** The case's key, made at its first payload. */
  forCase(caseId: string): Promise<CaseKey> {
    const cached = this.cache?.get(`case:${caseId}`);
    if (cached) return Promise.resolve(cached);
    let pending = this.creating.get(caseId);
    if (!pending) {
      pending = this.findOrCreate(caseId).finally(() => this.creating.delete(caseId));
      this.creating.set(caseId, pending);
    }
    return pending;
  }

  private async findOrCreate(caseId: string): Promise<CaseKey> {
    const [found] = await this.rows('case_id', caseId);
    if (found) return this.unwrapped(found);
    const keyId = `ck-${randomBytes(16).toString('base64url')}`;
    const wrapWith = this.master.encryptWith;
    const wrapped = seal(this.masterKey(wrapWith), wrapLabel(keyId, caseId), randomBytes(KEY_BYTES));
    // Two processes may make a case's first payload at once: one insert wins, both use its key.
    await this.db.run(
      `INSERT INTO case_keys (${COLUMNS}, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING`,
      [caseId, keyId, wrapped.toString('base64'), wrapWith, new Date().toISOString()],
    );
    const [row] = await this.rows('case_id', caseId);
    if (!row) throw new Error('the case key store lost a key it had just written');
    return this.unwrapped(row);
  }

  /** The key a payload names. */
  async byId(keyId: string): Promise<CaseKey> {
    const cached = this.cache?.get(`id:${keyId}`);
    if (cached) return cached;
    const [row] = await this.rows('key_id', keyId);
    if (!row) throw new ErasedCaseKeyError(keyId);
    return this.unwrapped(row);
  }

  private rows(column: 'case_id' | 'key_id', value: string): Promise<Row[]> {
    return this.db.all<Row>(`SELECT ${COLUMNS} FROM case_keys WHERE ${column} = ?`, [value]);
  }

  private masterKey(id: string): Buffer {
    const key = this.master.key(id);
    if (!key) throw new UnknownPayloadKeyError(id);
    return key;
  }

  private unwrapped(row: Row): CaseKey {
    if (row.wrapped_key === null || row.wrapped_with === null) throw new ErasedCaseKeyError(row.key_id);
    const key = open(
      this.masterKey(row.wrapped_with),
      wrapLabel(row.key_id, row.case_id),
      Buffer.from(row.wrapped_key, 'base64'),
    );
    if (!key) throw new PayloadDecryptionError(row.key_id);
    const caseKey = { id: row.key_id, caseId: row.case_id, key };
    this.cache?.set(`case:${row.case_id}`, caseKey);
    this.cache?.set(`id:${row.key_id}`, caseKey);
    return caseKey;
  }

  /**
   * Destroys the case's key. An admin's erasure keeps the row, without the key, so the case's payloads are known
   * as erased and no new key is ever made for it. Retention deletes the row: the case is gone from Temporal, and an
   * opening that never reached it (Temporal was down) may be tried again under its id. Either way the bytes are
   * overwritten in the database too (sql-database.ts), again on a repeated erasure.
   */
  async erase(caseId: string, by: ErasureReason): Promise<Erasure> {
    const [row] = await this.rows('case_id', caseId);
    if (!row) return 'no-key';
    const changed =
      by === 'retention'
        ? await this.db.run('DELETE FROM case_keys WHERE case_id = ? AND erased_at IS NULL', [caseId])
        : await this.db.run(
            'UPDATE case_keys SET wrapped_key = NULL, wrapped_with = NULL, erased_at = ?, erased_by = ? WHERE case_id = ? AND erased_at IS NULL',
            [new Date().toISOString(), by, caseId],
          );
    // After the change, so that nothing read meanwhile puts the key back.
    this.cache?.delete(`case:${caseId}`);
    this.cache?.delete(`id:${row.key_id}`);
    await this.db.purge('case_keys');
    return changed === 0 ? 'already-erased' : 'erased';
  }

  /** Cases whose key lives and was made before `before`, in order, after `after`: for the retention sweep. */
  async liveBefore(before: Date, after: string, limit: number): Promise<string[]> {
    const rows = await this.db.all<{ case_id: string }>(
      'SELECT case_id FROM case_keys WHERE erased_at IS NULL AND created_at < ? AND case_id > ? ORDER BY case_id LIMIT ?',
      [before.toISOString(), after, limit],
    );
    return rows.map((r) => r.case_id);
  }

  /**
   * Wraps every live key with the key file's `encryptWith` key (after a rotation), so the older master keys can
   * leave the file. Each row changes only if it still holds what was read: a concurrent erasure wins.
   */
  async rewrap(): Promise<number> {
    const target = this.master.encryptWith;
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM case_keys WHERE erased_at IS NULL AND wrapped_with <> ?`,
      [target],
    );
    let changed = 0;
    for (const row of rows) {
      const { key } = this.unwrapped(row);
      const wrapped = seal(this.masterKey(target), wrapLabel(row.key_id, row.case_id), key);
      changed += await this.db.run(
        'UPDATE case_keys SET wrapped_key = ?, wrapped_with = ? WHERE case_id = ? AND wrapped_key = ? AND erased_at IS NULL',
        [wrapped.toString('base64'), target, row.case_id, row.wrapped_key],
      );
    }
    return changed;
  }

  close(): Promise<void> {
    return this.db.close();
  }

  toJSON(): string {
    return 'CaseKeys';
  }
}

/** The case keys in the database SERVICE_DATABASE names, wrapped by the key file's keys. */
export function openCaseKeys(location: string, master: PayloadKeys): CaseKeys {
  return new CaseKeys(master, openSqlDatabase(location, SCHEMA));
}
