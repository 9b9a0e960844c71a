import { randomBytes, randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { LRUCache } from 'lru-cache';
import { openSqlDatabase, type SqlDatabase } from '../store/sql-database';
import { nextKeySweepDay } from '../temporal/key-retention-schedule';
import { open } from './aes-gcm';
import { ErasureLedger, erasureLedgerBeside, type ErasureLine, type ErasureReason } from './erasure-ledger';
import { PayloadDecryptionError, UnknownPayloadKeyError } from './errors';
import {
  FileKeyEncryptionKeys,
  KeyEncryptionKeysError,
  NoKeyEncryptionKeyError,
  UnknownKeyEncryptionKeyError,
  type KeyEncryptionKeys,
} from './key-encryption-keys';
import type { PayloadKeys } from './payload-keys';

export type { ErasureReason } from './erasure-ledger';

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

export type Erasure = 'erased' | 'already-erased' | 'no-key';

const SCHEMA = `CREATE TABLE IF NOT EXISTS case_keys (
  case_id TEXT PRIMARY KEY,
  key_id TEXT NOT NULL UNIQUE,
  wrapped_key TEXT,
  wrapped_with TEXT,
  created_at TEXT NOT NULL,
  erased_at TEXT,
  erased_by TEXT
);
CREATE TABLE IF NOT EXISTS case_key_wrapping (
  id INTEGER PRIMARY KEY,
  kek_id TEXT NOT NULL,
  lease_owner TEXT,
  lease_until TEXT
)`;

interface Row {
  case_id: string;
  key_id: string;
  wrapped_key: string | null;
  wrapped_with: string | null;
}
const COLUMNS = 'case_id, key_id, wrapped_key, wrapped_with';
/** A live row: its key not destroyed. */
const LIVE = 'erased_at IS NULL AND wrapped_key IS NOT NULL';

const KEY_BYTES = 32;
const PAGE = 500;
/**
 * How long a rotation or a rewrap holds the store's lease before another process may take it over: renewed at each
 * page of keys, so a process killed mid-rotation holds the next one back for minutes, not hours.
 */
const LEASE_MS = 10 * 60_000;
/**
 * How long a worker or the API's client keeps an unwrapped key, so a case's tasks do not read the store each time:
 * after an erasure elsewhere, the longest such a process can still read the case (it has no reason to: the case
 * has ended). The codec endpoint, where staff read cases, keeps none (`uncached`).
 */
export const CASE_KEY_CACHE_MS = 5 * 60_000;

// The wrapped key is bound to its id and its case: a row copied onto another case does not unwrap.
const wrapLabel = (keyId: string, caseId: string): string => `case-key\0${keyId}\0${caseId}`;

/**
 * `wrapped_with` of a row: `kek:<id>` under a key-encryption key; a bare payload key id for a row made before them
 * (under the payload key file's master key), until a rewrap moves it (payload key ids cannot hold a colon).
 */
const KEK_PREFIX = 'kek:';
const underKek = (kekId: string): string => `${KEK_PREFIX}${kekId}`;
const kekOf = (wrappedWith: string): string | null =>
  wrappedWith.startsWith(KEK_PREFIX) ? wrappedWith.slice(KEK_PREFIX.length) : null;

/** Another process rotates the key-encryption key or rewraps the case keys now (it holds the store's lease). */
export class RotationUnderWayError extends Error {
  override name = 'RotationUnderWayError';
  constructor() {
    super('another process is rotating the key-encryption key or rewrapping the case keys; try again later');
  }
}

/** What a rotation of the key-encryption key did. */
export interface KekRotation {
  /** The key every live case key is wrapped under now. */
  to: string;
  /** The keys destroyed: every copy of a case key wrapped under them, wherever it is, is useless now. */
  destroyed: string[];
  rewrapped: number;
  /** Cases whose key no key held opens (wrapped under a key destroyed before: a database older than a rotation). */
  unreadable: string[];
}

/** The keys a CaseKeys reads: the payload key file's (rows from before key-encryption keys), the KEKs, the ledger. */
export interface CaseKeyWrapping {
  master: PayloadKeys;
  keks: KeyEncryptionKeys;
  ledger: ErasureLedger;
}

/**
 * Each case's payloads are encrypted with a data key of its own (erasure by key: destroy it, and every copy of the
 * case's history, on the server, in backups and exports, is unreadable). The keys live in the service's database
 * (the statistics one), which every worker and API shares, each wrapped under a key-encryption key that lives outside
 * it (key-encryption-keys.ts). A database does not forget a destroyed row's bytes (PostgreSQL keeps them in its
 * write-ahead log, replicas and base backups), so an erasure holds everywhere once the key-encryption key it was
 * wrapped under is destroyed: the daily sweep rotates it when the erasure ledger holds erasures under a live one.
 *
 * A new key is written only under the key-encryption key the store's fence row names (`case_key_wrapping`), which a
 * rotation moves before it rewraps: a process that has not seen the rotation yet cannot add a key under the old
 * key-encryption key after the rewrap went past (PostgreSQL: the insert takes a share lock on the fence row; SQLite
 * has one writer at a time), so none is lost when the old one is destroyed.
 */
export class CaseKeys {
  private readonly cache: LRUCache<string, CaseKey> | undefined;
  private readonly creating = new Map<string, Promise<CaseKey>>();
  private readonly master: PayloadKeys;
  private readonly keks: KeyEncryptionKeys;
  private readonly ledger: ErasureLedger;
  /** The lease this process holds, while it rotates or rewraps. */
  private leaseOwner: string | undefined;

  constructor(
    private readonly wrapping: CaseKeyWrapping,
    private readonly db: SqlDatabase,
    cached = true,
  ) {
    ({ master: this.master, keks: this.keks, ledger: this.ledger } = wrapping);
    this.cache = cached ? new LRUCache({ max: 20_000, ttl: CASE_KEY_CACHE_MS }) : undefined;
  }

  /** The same store, every key read afresh: an erasure by any process holds at once. Closed with this one. */
  uncached(): CaseKeys {
    return new CaseKeys(this.wrapping, this.db, false);
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
    const key = randomBytes(KEY_BYTES);
    const lock = this.db.dialect === 'postgres' ? ' FOR SHARE' : '';
    // A rotation elsewhere moves the fence between two steps at most a few times (rotations are daily).
    for (let attempt = 0; attempt < 5; attempt++) {
      const kekId = await this.wrappingKek();
      const wrapped = await this.keks.wrap(wrapLabel(keyId, caseId), key);
      if (wrapped.kekId !== kekId) continue;
      // Two processes may make a case's first payload at once: one insert wins, both use its key.
      await this.db.run(
        `WITH fence AS (SELECT kek_id FROM case_key_wrapping WHERE id = 1 AND kek_id = ?${lock})
         INSERT INTO case_keys (${COLUMNS}, created_at) SELECT ?, ?, ?, ?, ? FROM fence WHERE true
         ON CONFLICT (case_id) DO NOTHING`,
        [kekId, caseId, keyId, wrapped.wrapped.toString('base64'), underKek(kekId), new Date().toISOString()],
      );
      const [row] = await this.rows('case_id', caseId);
      if (row) return this.unwrapped(row);
    }
    throw new KeyEncryptionKeysError('the key-encryption key kept changing while a case key was being made');
  }

  /** The fence row's key-encryption key; the first one (and the row) when there is none yet. */
  private async fence(): Promise<string> {
    const read = async () =>
      (await this.db.all<{ kek_id: string }>('SELECT kek_id FROM case_key_wrapping WHERE id = 1'))[0]?.kek_id;
    const fenced = await read();
    if (fenced !== undefined) return fenced;
    // A new deployment, or the first key after the upgrade: no row names a key-encryption key yet.
    await this.keks.initialise();
    await this.db.run('INSERT INTO case_key_wrapping (id, kek_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING', [
      await this.keks.current(),
    ]);
    return (await read())!;
  }

  /** The key-encryption key a new case key is wrapped under: the store's current one, once the fence names it. */
  private async wrappingKek(): Promise<string> {
    const fenced = await this.fence();
    const current = await this.keks.current().catch((err: unknown) => {
      if (!(err instanceof NoKeyEncryptionKeyError)) throw err;
      throw new KeyEncryptionKeysError(
        `case keys are wrapped under key-encryption key "${fenced}", and ${err.message}: restore its file, never make it anew`,
      );
    });
    if (current === fenced) return current;
    if ((await this.keks.held()).includes(fenced)) {
      // A rotation under way, or one that stopped before it moved the fence: the store's newer key is the one.
      await this.db.run('UPDATE case_key_wrapping SET kek_id = ? WHERE id = 1 AND kek_id = ?', [current, fenced]);
      return current;
    }
    // The fence names a key this process has not read yet: another process rotated.
    await this.keks.refresh();
    if ((await this.keks.current()) === fenced) return fenced;
    throw new UnknownKeyEncryptionKeyError(fenced, 'the key-encryption key store this process reads');
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

  /** The row's key, unwrapped: under its key-encryption key, or (made before them) the payload key file's. */
  private async plainKey(row: Row): Promise<Buffer> {
    if (row.wrapped_key === null || row.wrapped_with === null) throw new ErasedCaseKeyError(row.key_id);
    const label = wrapLabel(row.key_id, row.case_id);
    const wrapped = Buffer.from(row.wrapped_key, 'base64');
    const kekId = kekOf(row.wrapped_with);
    let key: Buffer | undefined;
    if (kekId !== null) {
      key = await this.keks.unwrap(kekId, label, wrapped);
    } else {
      const master = this.master.key(row.wrapped_with);
      if (!master) throw new UnknownPayloadKeyError(row.wrapped_with);
      key = open(master, label, wrapped);
    }
    if (!key) throw new PayloadDecryptionError(row.key_id);
    return key;
  }

  private async unwrapped(row: Row): Promise<CaseKey> {
    const caseKey = { id: row.key_id, caseId: row.case_id, key: await this.plainKey(row) };
    this.cache?.set(`case:${row.case_id}`, caseKey);
    this.cache?.set(`id:${row.key_id}`, caseKey);
    return caseKey;
  }

  /**
   * Destroys the case's key. An admin's erasure keeps the row, without the key, so the case's payloads are known
   * as erased and no new key is ever made for it. Retention deletes the row: the case is gone from Temporal, and an
   * opening that never reached it (Temporal was down) may be tried again under its id. The erasure ledger has it
   * first, naming the key-encryption key the row was wrapped under: until a rotation destroys that one, a copy of the
   * row in the database's log or backups still opens (`erasureEffectiveOn`). The bytes are overwritten in the
   * database as far as it lets (sql-database.ts), again on a repeated erasure.
   */
  async erase(caseId: string, by: ErasureReason): Promise<Erasure> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const [row] = await this.rows('case_id', caseId);
      if (!row) return 'no-key';
      if (row.wrapped_key === null || row.wrapped_with === null) {
        await this.db.purge('case_keys');
        return 'already-erased';
      }
      // The row changed since it was read (a rotation wrapped it anew): read again, and the ledger names the new one.
      if (await this.destroy(row, by)) return 'erased';
    }
    throw new KeyEncryptionKeysError('the case key kept changing while it was being erased');
  }

  /** The ledger's line, then the row's change if the row is still as read: whether it changed. */
  private async destroy(row: Row, by: ErasureReason): Promise<boolean> {
    const at = new Date().toISOString();
    await this.ledger.record({
      event: 'erasure',
      at,
      caseId: row.case_id,
      keyId: row.key_id,
      kek: kekOf(row.wrapped_with ?? ''),
      by,
    });
    const changed =
      by === 'retention'
        ? await this.db.run(`DELETE FROM case_keys WHERE key_id = ? AND wrapped_key = ? AND erased_at IS NULL`, [
            row.key_id,
            row.wrapped_key,
          ])
        : await this.db.run(
            'UPDATE case_keys SET wrapped_key = NULL, wrapped_with = NULL, erased_at = ?, erased_by = ? WHERE key_id = ? AND wrapped_key = ? AND erased_at IS NULL',
            [at, by, row.key_id, row.wrapped_key],
          );
    if (changed === 0) return false;
    // After the change, so that nothing read meanwhile puts the key back.
    this.cache?.delete(`case:${row.case_id}`);
    this.cache?.delete(`id:${row.key_id}`);
    await this.db.purge('case_keys');
    return true;
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
   * Wraps every live key under the current key-encryption key: the keys still wrapped by the payload key file's
   * master key (made before key-encryption keys: the sweep moves them each day, `npm run keys -- rewrap` at once),
   * and any a stopped rotation left under an older one. Each row changes only if it still holds what was read.
   */
  async rewrap(progress?: (rewrapped: number) => void): Promise<number> {
    await this.fence();
    return this.leased(async () => (await this.rewrapAll(await this.wrappingKek(), progress)).rewrapped);
  }

  private async rewrapAll(
    to: string,
    progress?: (rewrapped: number) => void,
  ): Promise<{ rewrapped: number; unreadable: string[] }> {
    let rewrapped = 0;
    const unreadable: string[] = [];
    for (let after = ''; ;) {
      const page = await this.db.all<Row>(
        `SELECT ${COLUMNS} FROM case_keys WHERE ${LIVE} AND wrapped_with <> ? AND case_id > ? ORDER BY case_id LIMIT ?`,
        [underKek(to), after, PAGE],
      );
      for (const row of page) {
        const key = await this.plainKey(row).catch((err: unknown) => {
          if (isUnopenable(err)) return undefined;
          throw err;
        });
        if (!key) {
          unreadable.push(row.case_id);
          continue;
        }
        const wrapped = await this.keks.wrap(wrapLabel(row.key_id, row.case_id), key);
        if (wrapped.kekId !== to)
          throw new KeyEncryptionKeysError(
            `the key-encryption key changed from "${to}" to "${wrapped.kekId}" during a rewrap`,
          );
        rewrapped += await this.db.run(
          `UPDATE case_keys SET wrapped_key = ?, wrapped_with = ? WHERE key_id = ? AND wrapped_key = ? AND erased_at IS NULL`,
          [wrapped.wrapped.toString('base64'), underKek(to), row.key_id, row.wrapped_key],
        );
      }
      if (page.length < PAGE) return { rewrapped, unreadable };
      after = page.at(-1)!.case_id;
      progress?.(rewrapped);
      await this.renewLease();
    }
  }

  /**
   * Rotates the key-encryption key: a new one; the fence moved to it; every live case key wrapped under it; then the
   * old ones destroyed, and the ledger says so. Every copy of a wrapped key made before (the database's log and
   * backups, replicas) is useless from then on, those of erased keys included. Idempotent steps: a crash leaves every
   * live key under the old key or the new one, both held, and the next rotation finishes this one first.
   */
  async rotateKeyEncryptionKey(progress?: (rewrapped: number) => void): Promise<KekRotation> {
    await this.fence();
    return this.leased(async () => {
      await this.keks.refresh();
      const unfinished =
        (await this.keks.held()).length > 1
          ? await this.completeRotation(await this.keks.current(), progress)
          : undefined;
      const done = await this.completeRotation(await this.keks.rotate(), progress);
      return {
        ...done,
        destroyed: [...(unfinished?.destroyed ?? []), ...done.destroyed],
        rewrapped: (unfinished?.rewrapped ?? 0) + done.rewrapped,
      };
    });
  }

  private async completeRotation(to: string, progress?: (rewrapped: number) => void): Promise<KekRotation> {
    // The fence first: from now on no process adds a key under an older one (its insert finds the fence moved).
    await this.db.run('UPDATE case_key_wrapping SET kek_id = ? WHERE id = 1', [to]);
    let rewrapped = 0;
    for (let pass = 0; pass < 3; pass++) {
      const { rewrapped: n, unreadable } = await this.rewrapAll(to, progress);
      rewrapped += n;
      // Nothing but what no key held opens may stay under another key: that is lost already, whatever goes now.
      const left = await this.db.all<{ case_id: string }>(
        `SELECT case_id FROM case_keys WHERE ${LIVE} AND wrapped_with <> ?`,
        [underKek(to)],
      );
      const lost = new Set(unreadable);
      if (!left.every((r) => lost.has(r.case_id))) continue;
      const destroyed = await this.keks.destroyAllBut(to);
      await this.ledger.record({ event: 'rotation', at: new Date().toISOString(), to, destroyed, rewrapped });
      return { to, destroyed, rewrapped, unreadable };
    }
    throw new KeyEncryptionKeysError('case keys kept changing during the rotation: nothing was destroyed');
  }

  /** Runs `fn` holding the store's lease: one rotation or rewrap at a time, whichever process and host. */
  private async leased<T>(fn: () => Promise<T>): Promise<T> {
    const owner = randomUUID();
    const now = Date.now();
    const taken = await this.db.run(
      'UPDATE case_key_wrapping SET lease_owner = ?, lease_until = ? WHERE id = 1 AND (lease_until IS NULL OR lease_until < ?)',
      [owner, new Date(now + LEASE_MS).toISOString(), new Date(now).toISOString()],
    );
    if (taken === 0) throw new RotationUnderWayError();
    this.leaseOwner = owner;
    try {
      return await fn();
    } finally {
      this.leaseOwner = undefined;
      await this.db.run(
        'UPDATE case_key_wrapping SET lease_owner = NULL, lease_until = NULL WHERE id = 1 AND lease_owner = ?',
        [owner],
      );
    }
  }

  /** A lease that lapsed meanwhile (this process stalled) and went to another process stops this one. */
  private async renewLease(): Promise<void> {
    if (this.leaseOwner === undefined) return;
    const renewed = await this.db.run('UPDATE case_key_wrapping SET lease_until = ? WHERE id = 1 AND lease_owner = ?', [
      new Date(Date.now() + LEASE_MS).toISOString(),
      this.leaseOwner,
    ]);
    if (renewed === 0) throw new RotationUnderWayError();
  }

  /** The key-encryption keys held; none before the first case key under one. */
  private heldKeks(): Promise<string[]> {
    return this.keks.held().catch((err: unknown) => {
      if (err instanceof NoKeyEncryptionKeyError) return [] as string[];
      throw err;
    });
  }

  /**
   * Erasures whose destroyed key may still be copied (the database's log, replicas, backups) under a key-encryption
   * key that lives: the next rotation makes them hold.
   */
  async erasuresPending(): Promise<ErasureLine[]> {
    const held = await this.heldKeks();
    return (await this.ledger.read()).filter(
      (l): l is ErasureLine => l.event === 'erasure' && l.kek !== null && held.includes(l.kek),
    );
  }

  /**
   * The day (UTC) from which the case's destroyed key opens nowhere, its copies in the database's log, replicas and
   * backups included: the day of the rotation that destroyed the key-encryption key it was wrapped under, or of the
   * next daily sweep, which will. null where no rotation makes it hold: no key was destroyed, or it was wrapped under
   * the payload key file's master key (made before key-encryption keys), which stays.
   */
  async erasureEffectiveOn(caseId: string, now = new Date()): Promise<string | null> {
    const lines = await this.ledger.read();
    let at = lines.length - 1;
    while (at >= 0 && !(lines[at]!.event === 'erasure' && (lines[at] as ErasureLine).caseId === caseId)) at--;
    const kek = at >= 0 ? (lines[at] as ErasureLine).kek : null;
    if (kek === null) return null;
    const rotation = lines.slice(at + 1).find((l) => l.event === 'rotation' && l.destroyed.includes(kek));
    return rotation ? rotation.at.slice(0, 10) : nextKeySweepDay(now);
  }

  /**
   * Every erasure of the ledger done again where the store still holds that key (by key id: a case opened again under
   * its id keeps its new key): after a crash between the ledger's line and the row's change, and after the database
   * was restored from a backup (`npm run keys -- replay-erasures`, before any worker starts; the daily sweep too).
   * Answers the cases erased again, each with a new line naming the key-encryption key its row was under.
   */
  async replayErasures(): Promise<string[]> {
    const erased: string[] = [];
    for (const line of await this.ledger.read()) {
      if (line.event !== 'erasure') continue;
      const [row] = await this.rows('key_id', line.keyId);
      if (row?.wrapped_key && (await this.destroy(row, line.by))) erased.push(row.case_id);
    }
    return erased;
  }

  /**
   * After a restore of the database: the fence set to the current key-encryption key (a backup older than the last
   * rotation names a destroyed one), and the cases whose key no key held opens, which that backup cannot give back.
   * Never done by itself: a fence naming a key this process does not hold may as well mean it reads the wrong file.
   */
  async afterRestore(): Promise<{ fence: string; unreadable: string[] }> {
    await this.fence();
    await this.keks.refresh();
    const fence = await this.keks.current();
    await this.db.run('UPDATE case_key_wrapping SET kek_id = ? WHERE id = 1', [fence]);
    const unreadable: string[] = [];
    for (const row of await this.db.all<Row>(`SELECT ${COLUMNS} FROM case_keys WHERE ${LIVE} ORDER BY case_id`)) {
      await this.plainKey(row).catch((err: unknown) => {
        if (!isUnopenable(err)) throw err;
        unreadable.push(row.case_id);
      });
    }
    return { fence, unreadable };
  }

  /** For `npm run keys -- status` and the tests: no key, only ids and counts. */
  async status(): Promise<{
    keks: string[];
    fence: string | null;
    /** Live case keys by what wraps them: `kek:<id>`, or a payload key id (from before key-encryption keys). */
    liveKeys: Record<string, number>;
    erasuresPending: number;
  }> {
    const keks = await this.heldKeks();
    const [fence] = await this.db.all<{ kek_id: string }>('SELECT kek_id FROM case_key_wrapping WHERE id = 1');
    const counts = await this.db.all<{ wrapped_with: string; n: number | string }>(
      `SELECT wrapped_with, COUNT(*) AS n FROM case_keys WHERE ${LIVE} GROUP BY wrapped_with ORDER BY wrapped_with`,
    );
    return {
      keks,
      fence: fence?.kek_id ?? null,
      liveKeys: Object.fromEntries(counts.map((c) => [c.wrapped_with, Number(c.n)])),
      erasuresPending: (await this.erasuresPending()).length,
    };
  }

  close(): Promise<void> {
    return this.db.close();
  }

  toJSON(): string {
    return 'CaseKeys';
  }
}

/** What no key held opens: wrapped under a key destroyed or missing, or bytes that fail authentication. */
const isUnopenable = (err: unknown): boolean =>
  err instanceof UnknownKeyEncryptionKeyError ||
  err instanceof UnknownPayloadKeyError ||
  err instanceof PayloadDecryptionError;

/** The key-encryption key file's name where none is given: beside an SQLite store (tests, `npm start`). */
export const KEY_ENCRYPTION_KEYS_FILE_NAME = 'key-encryption-keys.json';

/**
 * The case keys in the database SERVICE_DATABASE names, wrapped under the key-encryption keys of `kekFile`
 * (KEY_ENCRYPTION_KEYS_FILE; beside an SQLite store when not given, in memory for `:memory:`), with the erasure
 * ledger beside that file. Rows from before key-encryption keys are read with the payload key file's master keys.
 */
export function openCaseKeys(location: string, master: PayloadKeys, kekFile?: string): CaseKeys {
  let file = kekFile;
  if (file === undefined && location !== ':memory:') {
    if (/^postgres(ql)?:\/\//.test(location))
      throw new KeyEncryptionKeysError('a PostgreSQL case key store needs KEY_ENCRYPTION_KEYS_FILE');
    file = join(dirname(location), KEY_ENCRYPTION_KEYS_FILE_NAME);
  }
  return caseKeysWith(location, {
    master,
    keks: new FileKeyEncryptionKeys(file),
    ledger: new ErasureLedger(file === undefined ? undefined : erasureLedgerBeside(file)),
  });
}

/** The case keys in the database at `location`, wrapped as `wrapping` says (a key management service's keys). */
export function caseKeysWith(location: string, wrapping: CaseKeyWrapping): CaseKeys {
  return new CaseKeys(wrapping, openSqlDatabase(location, SCHEMA));
}
