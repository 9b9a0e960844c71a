/**
 * Issue 28: erasure that does not rest on the database forgetting bytes. Case keys are wrapped under a
 * key-encryption key outside the database; a rotation rewraps every live key and destroys the old one, so a copy of
 * an erased key's row (PostgreSQL's WAL, a replica, a backup) opens with nothing the service holds. Several
 * "processes" (CaseKeys instances on one SQLite file and one key-encryption key file) share the store, as the
 * workers and APIs of a deployment do; crashes are simulated by key stores that fail at a chosen step.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload, type SerializationContext } from '@temporalio/common';
import Database from 'better-sqlite3';
import { open, seal } from '../../src/crypto/aes-gcm';
import { AesGcmCodec } from '../../src/crypto/aes-gcm-codec';
import { AuthenticatingCodec } from '../../src/crypto/authenticating-codec';
import {
  caseKeysWith,
  ErasedCaseKeyError,
  openCaseKeys,
  RotationUnderWayError,
  type CaseKeys,
} from '../../src/crypto/case-keys';
import { ErasureLedger } from '../../src/crypto/erasure-ledger';
import {
  FileKeyEncryptionKeys,
  UnknownKeyEncryptionKeyError,
  type KeyEncryptionKeys,
} from '../../src/crypto/key-encryption-keys';
import { ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import { nextKeySweepDay } from '../../src/temporal/key-retention-schedule';

const CASE = (n: number) => `case-${String(n).padStart(8, '0')}-0000-4000-8000-000000000000`;
const [A, B, C] = [CASE(1), CASE(2), CASE(3)];
const inCase = (workflowId: string): SerializationContext => ({ type: 'workflow', namespace: 'default', workflowId });
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const valueOf = (p: Payload | undefined) => defaultPayloadConverter.fromPayload(p!);

let dir: string;
let keysFile: string;
let storeFile: string;
let kekFile: string;
const opened: CaseKeys[] = [];
const track = (k: CaseKeys): CaseKeys => {
  opened.push(k);
  return k;
};
/** A process's case keys: its own connection to the shared store, its own reading of the key files. */
const processKeys = (): CaseKeys => track(openCaseKeys(storeFile, loadPayloadKeys(keysFile)));
/** A process whose key-encryption key store is `keks` (one that fails at a chosen step, or another file). */
const processWith = (keks: KeyEncryptionKeys): CaseKeys =>
  track(
    caseKeysWith(storeFile, {
      master: loadPayloadKeys(keysFile),
      keks,
      ledger: new ErasureLedger(join(dir, 'erasure-ledger.jsonl')),
    }),
  );
const codecOf = (caseKeys: CaseKeys) => new AesGcmCodec(loadPayloadKeys(keysFile), caseKeys);
const encode = async (caseKeys: CaseKeys, caseId: string) =>
  (await codecOf(caseKeys).encode([plain({ of: caseId })], inCase(caseId)))[0]!;
const readsAll = async (caseKeys: CaseKeys, payloads: Payload[]) =>
  (await codecOf(caseKeys).decode(payloads)).map(valueOf);

interface StoredRow {
  case_id: string;
  key_id: string;
  wrapped_key: string | null;
  wrapped_with: string | null;
}
const rowOf = (caseId: string): StoredRow | undefined => {
  const db = new Database(storeFile, { readonly: true });
  try {
    return db.prepare('SELECT * FROM case_keys WHERE case_id = ?').get(caseId) as StoredRow | undefined;
  } finally {
    db.close();
  }
};
/** Every key the service holds on disk: the key-encryption key file's and the payload key file's. */
const keysHeld = (): Buffer[] => {
  const keks = existsSync(kekFile)
    ? (JSON.parse(readFileSync(kekFile, 'utf8')) as { keys: { key: string }[] }).keys.map((k) => k.key)
    : [];
  const payload = (JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: { key: string }[] }).keys.map((k) => k.key);
  return [...keks, ...payload].map((k) => Buffer.from(k, 'base64'));
};
/** Whether a copy of a row (a WAL record, a backup) still gives its case key with anything the service holds. */
const opensWithAnyHeldKey = (row: StoredRow): boolean =>
  keysHeld().some(
    (key) =>
      open(key, `case-key\0${row.key_id}\0${row.case_id}`, Buffer.from(row.wrapped_key!, 'base64')) !== undefined,
  );
const ledgerLines = () =>
  readFileSync(join(dir, 'erasure-ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const today = () => new Date().toISOString().slice(0, 10);

/** A key store that fails once, at the step `failAt` names, as a process killed there would stop. */
class FailingKeys implements KeyEncryptionKeys {
  constructor(
    private readonly inner: KeyEncryptionKeys,
    private readonly failAt: {
      wrapsBeforeCrash?: number;
      afterRotate?: boolean;
      beforeWrapReturns?: () => Promise<unknown>;
    },
  ) {}
  current = () => this.inner.current();
  held = () => this.inner.held();
  refresh = () => this.inner.refresh();
  initialise = () => this.inner.initialise();
  unwrap = (id: string, aad: string, w: Buffer) => this.inner.unwrap(id, aad, w);
  destroyAllBut = (keep: string) => this.inner.destroyAllBut(keep);
  async wrap(aad: string, key: Buffer) {
    const wrapped = await this.inner.wrap(aad, key);
    const hook = this.failAt.beforeWrapReturns;
    this.failAt.beforeWrapReturns = undefined;
    await hook?.();
    if (this.failAt.wrapsBeforeCrash !== undefined && this.failAt.wrapsBeforeCrash-- <= 0)
      throw new Error('killed mid-rewrap');
    return wrapped;
  }
  async rotate() {
    const id = await this.inner.rotate();
    if (this.failAt.afterRotate) throw new Error('killed after the new key was written');
    return id;
  }
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'case-key-rotation-'));
  keysFile = join(dir, 'payload-keys.json');
  storeFile = join(dir, 'statistics.sqlite');
  kekFile = join(dir, 'key-encryption-keys.json');
  ensureDevPayloadKeys(keysFile);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((k) => k.close().catch(() => undefined)));
  rmSync(dir, { recursive: true, force: true });
});

describe('case keys under a key-encryption key', () => {
  it('wraps each new case key under the key-encryption key: the payload key file alone opens no row', async () => {
    const caseKeys = processKeys();
    await encode(caseKeys, A);
    const kek = (JSON.parse(readFileSync(kekFile, 'utf8')) as { current: string }).current;
    expect(rowOf(A)).toMatchObject({ wrapped_with: `kek:${kek}` });
    const payloadKeys = (JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: { key: string }[] }).keys;
    for (const { key } of payloadKeys) {
      const row = rowOf(A)!;
      expect(
        open(Buffer.from(key, 'base64'), `case-key\0${row.key_id}\0${A}`, Buffer.from(row.wrapped_key!, 'base64')),
      ).toBeUndefined();
    }
    expect(await caseKeys.status()).toEqual({
      keks: [kek],
      fence: kek,
      liveKeys: { [`kek:${kek}`]: 1 },
      erasuresPending: 0,
    });
  });

  it('after an erasure and a rotation, the erased key’s row copied before opens with nothing the service holds; live keys open in every process', async () => {
    const api = processKeys();
    const worker = processKeys();
    const [a, b] = [await encode(api, A), await encode(api, B)];
    expect(await readsAll(worker, [a, b])).toEqual([{ of: A }, { of: B }]);
    // What PostgreSQL's WAL, a replica or a base backup keeps of the rows.
    const [copyA, copyB] = [rowOf(A)!, rowOf(B)!];
    expect(opensWithAnyHeldKey(copyA)).toBe(true); // the positive control: today's key file opens the copy

    expect(await api.erase(A, 'admin')).toBe('erased');
    expect((await api.erasuresPending()).map((e) => e.caseId)).toEqual([A]);
    expect(await api.erasureEffectiveOn(A)).toBe(nextKeySweepDay(new Date()));
    // The copy still opens until the rotation: the erasure does not hold yet for copies.
    expect(opensWithAnyHeldKey(copyA)).toBe(true);

    const old = (await worker.status()).fence!;
    const rotation = await worker.rotateKeyEncryptionKey();
    expect(rotation).toEqual({ to: expect.any(String), destroyed: [old], rewrapped: 1, unreadable: [] });
    expect(opensWithAnyHeldKey(copyA)).toBe(false);
    expect(opensWithAnyHeldKey(copyB)).toBe(false); // B's old wrapping too: only its row as it is now opens
    expect(rowOf(B)).toMatchObject({ wrapped_with: `kek:${rotation.to}` });
    expect(await api.erasuresPending()).toEqual([]);
    expect(await api.erasureEffectiveOn(A)).toBe(today());
    expect(await api.erasureEffectiveOn(B)).toBeNull();

    // Every process reads the live case: one that cached its key, one that reads it afresh, one started now.
    expect(await readsAll(api, [b])).toEqual([{ of: B }]);
    expect(await readsAll(worker.uncached(), [b])).toEqual([{ of: B }]);
    expect(await readsAll(processKeys(), [b])).toEqual([{ of: B }]);
    await expect(readsAll(processKeys(), [a])).rejects.toBeInstanceOf(ErasedCaseKeyError);
    expect(ledgerLines()).toEqual([
      expect.objectContaining({ event: 'erasure', caseId: A, keyId: copyA.key_id, kek: old, by: 'admin' }),
      expect.objectContaining({ event: 'rotation', to: rotation.to, destroyed: [old], rewrapped: 1 }),
    ]);
  });

  it('a retention erasure is pending like an admin’s, and a rotation makes it hold', async () => {
    const caseKeys = processKeys();
    await encode(caseKeys, A);
    const copy = rowOf(A)!;
    expect(await caseKeys.erase(A, 'retention')).toBe('erased');
    expect(rowOf(A)).toBeUndefined();
    expect(await caseKeys.erasuresPending()).toHaveLength(1);
    await caseKeys.rotateKeyEncryptionKey();
    expect(opensWithAnyHeldKey(copy)).toBe(false);
    expect(await caseKeys.erasuresPending()).toEqual([]);
  });

  it('a rotation by one process breaks no other: a key wrapped under the old key while the fence moved is written under the new one', async () => {
    const rotator = processKeys();
    let rotated: string | undefined;
    const slow = processWith(
      new FailingKeys(new FileKeyEncryptionKeys(kekFile), {
        // Between this process's wrapping and its insert, another process rotates the key-encryption key.
        beforeWrapReturns: async () => (rotated = (await rotator.rotateKeyEncryptionKey()).to),
      }),
    );
    const c = await encode(slow, C);
    expect(rotated).toBeDefined();
    // Its insert found the fence moved, so it wrapped the key again: under the key that lives.
    expect(rowOf(C)).toMatchObject({ wrapped_with: `kek:${rotated}` });
    expect(await readsAll(processKeys(), [c])).toEqual([{ of: C }]);
  });

  it('a process that has not read the rotated file yet reads it again when a row names the new key', async () => {
    const early = processKeys();
    await encode(early, A);
    const rotator = processKeys();
    await encode(rotator, B);
    const { to } = await rotator.rotateKeyEncryptionKey();
    // `early` caches neither key for B: its first read of B meets a key-encryption key it had not loaded.
    expect(await readsAll(early.uncached(), [await encode(rotator, B)])).toEqual([{ of: B }]);
    expect(await readsAll(early.uncached(), [await encode(early, C)])).toEqual([{ of: C }]);
    expect(rowOf(C)).toMatchObject({ wrapped_with: `kek:${to}` });
  });

  it('a crash mid-rewrap loses no live key; the lease stops a second rotation until it lapses, and the next one finishes it', async () => {
    const worker = processKeys();
    const ids = [1, 2, 3, 4, 5].map(CASE);
    const payloads = await Promise.all(ids.map((id) => encode(worker, id)));
    const first = (await worker.status()).fence!;
    const crashing = processWith(new FailingKeys(new FileKeyEncryptionKeys(kekFile), { wrapsBeforeCrash: 2 }));
    await expect(crashing.rotateKeyEncryptionKey()).rejects.toThrow('killed mid-rewrap');
    // Two keys rewrapped, three not: both key-encryption keys are still held, and every key opens.
    const status = await worker.status();
    expect(status.keks).toHaveLength(2);
    expect(Object.values(status.liveKeys).sort()).toEqual([2, 3]);
    expect(await readsAll(processKeys(), payloads)).toEqual(ids.map((of) => ({ of })));
    // A case opened now goes under the new key.
    const f = await encode(processKeys(), CASE(6));
    expect(rowOf(CASE(6))!.wrapped_with).toBe(`kek:${status.keks[1]}`);

    // A process killed for real leaves its lease: nobody else rotates until it lapses.
    const db = new Database(storeFile);
    const lease = db.prepare('UPDATE case_key_wrapping SET lease_owner = ?, lease_until = ? WHERE id = 1');
    lease.run('a-killed-worker', new Date(Date.now() + 60_000).toISOString());
    await expect(worker.rotateKeyEncryptionKey()).rejects.toBeInstanceOf(RotationUnderWayError);
    lease.run('a-killed-worker', new Date(Date.now() - 1).toISOString());
    db.close();

    const next = await worker.rotateKeyEncryptionKey();
    expect(next.destroyed).toEqual([first, status.keks[1]]);
    expect(await worker.status()).toMatchObject({
      keks: [next.to],
      fence: next.to,
      liveKeys: { [`kek:${next.to}`]: 6 },
    });
    expect(await readsAll(processKeys(), [...payloads, f])).toEqual([...ids, CASE(6)].map((of) => ({ of })));
  });

  it('a crash after the new key was written: other processes move the fence and carry on; the next rotation finishes it', async () => {
    const worker = processKeys();
    const a = await encode(worker, A);
    const crashing = processWith(new FailingKeys(new FileKeyEncryptionKeys(kekFile), { afterRotate: true }));
    await expect(crashing.rotateKeyEncryptionKey()).rejects.toThrow('killed after the new key was written');
    const [old, fresh] = await new FileKeyEncryptionKeys(kekFile).held();
    expect((await worker.status()).fence).toBe(old);
    const b = await encode(processKeys(), B);
    expect((await worker.status()).fence).toBe(fresh);
    expect(rowOf(B)!.wrapped_with).toBe(`kek:${fresh}`);
    const next = await worker.rotateKeyEncryptionKey();
    expect(next.destroyed).toEqual([old, fresh]);
    expect(await readsAll(processKeys(), [a, b])).toEqual([{ of: A }, { of: B }]);
  });
});

describe('case keys from before key-encryption keys', () => {
  /** A row as the service wrote it before: under the payload key file's master key, named by its id. */
  const legacyRow = (caseId: string): Buffer => {
    const master = loadPayloadKeys(keysFile);
    const key = Buffer.alloc(32, caseId.length + Number(caseId.slice(5, 13)));
    const keyId = `ck-legacy-${caseId.slice(5, 13)}`;
    const wrapped = seal(master.key(master.encryptWith)!, `case-key\0${keyId}\0${caseId}`, key);
    const db = new Database(storeFile);
    db.prepare(
      'INSERT INTO case_keys (case_id, key_id, wrapped_key, wrapped_with, created_at) VALUES (?, ?, ?, ?, ?)',
    ).run(caseId, keyId, wrapped.toString('base64'), master.encryptWith, new Date().toISOString());
    db.close();
    return key;
  };

  it('are read as before, moved under the key-encryption key by a rewrap (the sweep’s, or npm run keys -- rewrap)', async () => {
    const caseKeys = processKeys();
    const [keyA, keyB] = [legacyRow(A), legacyRow(B)];
    expect((await caseKeys.forCase(A)).key).toEqual(keyA);
    // Erased while still under the master key: no rotation can make it hold, and the answer says so.
    expect(await caseKeys.erase(A, 'admin')).toBe('erased');
    expect(await caseKeys.erasureEffectiveOn(A)).toBeNull();
    expect(await caseKeys.erasuresPending()).toEqual([]);

    expect(await caseKeys.rewrap()).toBe(1);
    const { fence } = await caseKeys.status();
    expect(rowOf(B)!.wrapped_with).toBe(`kek:${fence}`);
    expect((await processKeys().forCase(B)).key).toEqual(keyB);
    expect(await caseKeys.rewrap()).toBe(0);
  });
});

describe('after a restore of the database', () => {
  const backup = (name: string) => {
    const db = new Database(storeFile);
    db.exec(`VACUUM INTO '${join(dir, name)}'`);
    db.close();
  };
  const restore = async (name: string) => {
    await Promise.all(opened.splice(0).map((k) => k.close()));
    for (const ext of ['', '-wal', '-shm']) if (existsSync(storeFile + ext)) unlinkSync(storeFile + ext);
    const from = new Database(join(dir, name), { readonly: true });
    await from.backup(storeFile);
    from.close();
  };

  it('replays the ledger’s erasures, and names the keys a backup older than a rotation cannot give back', async () => {
    let caseKeys = processKeys();
    for (const id of [A, B, C]) await encode(caseKeys, id);
    backup('before-erasures.sqlite');
    await caseKeys.erase(A, 'admin');
    await caseKeys.erase(B, 'retention');
    await restore('before-erasures.sqlite');

    caseKeys = processKeys();
    expect(rowOf(A)!.wrapped_key).not.toBeNull(); // the backup brought the erased keys back
    expect((await caseKeys.replayErasures()).sort()).toEqual([A, B]);
    expect(rowOf(A)).toMatchObject({ wrapped_key: null });
    expect(rowOf(B)).toBeUndefined();
    expect(await caseKeys.afterRestore()).toEqual({ fence: expect.any(String), unreadable: [] });
    expect(await caseKeys.replayErasures()).toEqual([]);

    // A backup from before a rotation holds keys under a key-encryption key that is destroyed.
    backup('before-rotation.sqlite');
    await caseKeys.rotateKeyEncryptionKey();
    await restore('before-rotation.sqlite');
    caseKeys = processKeys();
    const { fence, unreadable } = await caseKeys.afterRestore();
    expect(unreadable).toEqual([C]);
    expect((await caseKeys.status()).fence).toBe(fence);
    // New cases carry on under the current key.
    expect(await readsAll(processKeys(), [await encode(caseKeys, CASE(7))])).toEqual([{ of: CASE(7) }]);
  });
});

describe('a key-encryption key that is not there', () => {
  it('is never made anew while the store names one: the message says to restore the file', async () => {
    await encode(processKeys(), A);
    unlinkSync(kekFile);
    await expect(encode(processKeys(), B)).rejects.toThrow(/restore its file, never make it anew/);
    expect(existsSync(kekFile)).toBe(false);
  });

  it('fails the worker’s task (Temporal retries it) rather than refusing a genuine payload as forged', async () => {
    const a = await encode(processKeys(), A);
    const otherFile = new FileKeyEncryptionKeys(join(dir, 'another-deployment', 'key-encryption-keys.json'));
    await otherFile.initialise();
    const misconfigured = processWith(otherFile);
    const worker = new AuthenticatingCodec(loadPayloadKeys(keysFile), misconfigured);
    await expect(worker.decode([a], inCase(A))).rejects.toBeInstanceOf(UnknownKeyEncryptionKeyError);
    // Nor does it make a key under its own file: the store's fence names a key it does not hold.
    await expect(encode(misconfigured, B)).rejects.toBeInstanceOf(UnknownKeyEncryptionKeyError);
  });
});
