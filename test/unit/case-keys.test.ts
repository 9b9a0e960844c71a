import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload, type SerializationContext } from '@temporalio/common';
import Database from 'better-sqlite3';
import { AesGcmCodec, METADATA_CASE_KEY_ID, METADATA_KEY_ID } from '../../src/crypto/aes-gcm-codec';
import { AuthenticatingCodec } from '../../src/crypto/authenticating-codec';
import { ErasedCaseKeyError, openCaseKeys, type CaseKeys } from '../../src/crypto/case-keys';
import { PayloadDecryptionError, UnknownPayloadKeyError } from '../../src/crypto/errors';
import { addAndActivateKey, ensureDevPayloadKeys, loadPayloadKeys } from '../../src/crypto/payload-keys';
import { payloadConverter, RefusedPayload } from '../../src/domain/refused-payload';

const CASE_A = 'case-0000000a-0000-4000-8000-000000000000';
const CASE_B = 'case-0000000b-0000-4000-8000-000000000000';
const inCase = (workflowId: string): SerializationContext => ({ type: 'workflow', namespace: 'default', workflowId });
const PSEUDONYM = 'Aster-Probe-7731';

let dir: string;
let keysFile: string;
let storeFile: string;
const opened: CaseKeys[] = [];
/** A process's case keys: its own connection to the shared store, its own cache. */
const processKeys = (file = keysFile): CaseKeys => {
  const k = openCaseKeys(storeFile, loadPayloadKeys(file));
  opened.push(k);
  return k;
};
const codecOf = (caseKeys: CaseKeys, file = keysFile) => new AesGcmCodec(loadPayloadKeys(file), caseKeys);
const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const meta = (p: Payload | undefined, key: string) =>
  p?.metadata?.[key] ? Buffer.from(p.metadata[key]).toString() : undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'case-keys-'));
  keysFile = join(dir, 'payload-keys.json');
  storeFile = join(dir, 'statistics.sqlite');
  ensureDevPayloadKeys(keysFile);
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((k) => k.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a case key per case', () => {
  it("encrypts a case's payloads under its own key, shared by every process, and what has no case under the master key", async () => {
    const api = codecOf(processKeys());
    const worker = codecOf(processKeys());
    const [a1] = await api.encode([plain({ pseudonym: PSEUDONYM })], inCase(CASE_A));
    const [a2] = await worker.encode([plain('later')], inCase(CASE_A));
    const [b] = await api.encode([plain('other')], inCase(CASE_B));
    const [cursor] = await api.encode([plain('a list cursor')]);
    expect(meta(a1, METADATA_CASE_KEY_ID)).toMatch(/^ck-[A-Za-z0-9_-]{22}$/);
    expect(meta(a2, METADATA_CASE_KEY_ID)).toBe(meta(a1, METADATA_CASE_KEY_ID));
    expect(meta(b, METADATA_CASE_KEY_ID)).not.toBe(meta(a1, METADATA_CASE_KEY_ID));
    expect([meta(a1, METADATA_KEY_ID), meta(cursor, METADATA_CASE_KEY_ID)]).toEqual([undefined, undefined]);
    expect(meta(cursor, METADATA_KEY_ID)).toBe(loadPayloadKeys(keysFile).encryptWith);
    // The codec endpoint decodes without a context: the payload names its key.
    const read = await worker.decode([a1!, b!, cursor!]);
    expect(read.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { pseudonym: PSEUDONYM },
      'other',
      'a list cursor',
    ]);
    expect(Buffer.from(a1!.data!).toString('latin1')).not.toContain(PSEUDONYM);
  });

  it('makes one key when two processes write a case’s first payloads at the same time', async () => {
    const [one, two] = [codecOf(processKeys()), codecOf(processKeys())];
    const written = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? one : two).encode([plain(i)], inCase(CASE_A))),
    );
    expect(new Set(written.map(([p]) => meta(p, METADATA_CASE_KEY_ID))).size).toBe(1);
    expect((await one.decode(written.map(([p]) => p!))).map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it("refuses a payload of one case given to another: the client says so, the worker's codec refuses it", async () => {
    const caseKeys = processKeys();
    const [ofA] = await codecOf(caseKeys).encode([plain({ pseudonym: PSEUDONYM })], inCase(CASE_A));
    await expect(codecOf(caseKeys).decode([ofA!], inCase(CASE_B))).rejects.toBeInstanceOf(PayloadDecryptionError);
    const worker = new AuthenticatingCodec(loadPayloadKeys(keysFile), caseKeys);
    const [asB] = await worker.decode([ofA!], inCase(CASE_B));
    expect(payloadConverter.fromPayload(asB!)).toEqual(new RefusedPayload('not-authentic'));
    const [asA] = await worker.decode([ofA!], inCase(CASE_A));
    expect(payloadConverter.fromPayload(asA!)).toEqual({ pseudonym: PSEUDONYM });
  });

  it("takes a key store that is away for no forgery: the worker's decode fails, for Temporal to retry the task", async () => {
    const [a] = await codecOf(processKeys()).encode([plain({ pseudonym: PSEUDONYM })], inCase(CASE_A));
    const away = openCaseKeys(storeFile, loadPayloadKeys(keysFile));
    await away.close();
    const worker = new AuthenticatingCodec(loadPayloadKeys(keysFile), away);
    await expect(worker.decode([a!], inCase(CASE_A))).rejects.toThrow();
  });

  it('refuses a case key row moved onto another case in the store (the wrapping names its case)', async () => {
    const caseKeys = processKeys();
    const [ofA] = await codecOf(caseKeys).encode([plain('a')], inCase(CASE_A));
    const db = new Database(storeFile);
    db.prepare('UPDATE case_keys SET case_id = ? WHERE case_id = ?').run(CASE_B, CASE_A);
    db.close();
    await expect(codecOf(processKeys()).decode([ofA!])).rejects.toBeInstanceOf(PayloadDecryptionError);
  });
});

describe('erasure by key', () => {
  it("makes the same stored bytes unreadable for every process, and leaves other cases' readable", async () => {
    const api = processKeys();
    const otherProcess = processKeys();
    const [a] = await codecOf(api).encode([plain({ pseudonym: PSEUDONYM })], inCase(CASE_A));
    const [b] = await codecOf(api).encode([plain('other case')], inCase(CASE_B));
    expect(defaultPayloadConverter.fromPayload((await codecOf(otherProcess).decode([a!]))[0]!)).toEqual({
      pseudonym: PSEUDONYM,
    });
    const { wrapped_key: wrapped } = new Database(storeFile, { readonly: true })
      .prepare('SELECT wrapped_key FROM case_keys WHERE case_id = ?')
      .get(CASE_A) as { wrapped_key: string };

    expect(await api.erase(CASE_A, 'admin')).toBe('erased');
    await expect(codecOf(api).decode([a!])).rejects.toBeInstanceOf(ErasedCaseKeyError);
    // Another running process: its codec endpoint (uncached) knows at once; its cache forgets within minutes.
    await expect(codecOf(otherProcess.uncached()).decode([a!])).rejects.toBeInstanceOf(ErasedCaseKeyError);
    expect((await codecOf(otherProcess).decode([a!])).length).toBe(1);
    // A process started after the erasure (no cache) cannot either, and the message says why.
    await expect(codecOf(processKeys()).decode([a!])).rejects.toThrow(
      'not in the case key store any more: its case was erased',
    );
    expect(defaultPayloadConverter.fromPayload((await codecOf(processKeys()).decode([b!]))[0]!)).toBe('other case');
    // No new key is ever made for an erased case; erasing again changes nothing.
    await expect(codecOf(api).encode([plain('again')], inCase(CASE_A))).rejects.toBeInstanceOf(ErasedCaseKeyError);
    expect(await api.erase(CASE_A, 'admin')).toBe('already-erased');
    expect(await api.erase('case-ffffffff-0000-4000-8000-000000000000', 'admin')).toBe('no-key');
    // The wrapped key's bytes are gone from the database file and its write-ahead log, not just unlinked.
    const onDisk = ['', '-wal']
      .map((ext) => {
        try {
          return readFileSync(storeFile + ext).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
    expect(onDisk).not.toContain(wrapped);
    expect(onDisk).not.toContain(wrapped.slice(0, 24));
  });

  it('lists the live keys made before a time, for the retention sweep, page by page', async () => {
    const caseKeys = processKeys();
    for (const id of [CASE_A, CASE_B]) await codecOf(caseKeys).encode([plain(id)], inCase(id));
    const later = new Date(Date.now() + 1000);
    expect(await caseKeys.liveBefore(later, '', 10)).toEqual([CASE_A, CASE_B]);
    expect(await caseKeys.liveBefore(later, CASE_A, 10)).toEqual([CASE_B]);
    expect(await caseKeys.liveBefore(new Date(Date.now() - 60_000), '', 10)).toEqual([]);
    expect(await caseKeys.erase(CASE_A, 'retention')).toBe('erased');
    expect(await caseKeys.liveBefore(later, '', 10)).toEqual([CASE_B]);
    // Retention leaves no row: an opening that never reached Temporal may be tried again under its id.
    const [again] = await codecOf(caseKeys).encode([plain('again')], inCase(CASE_A));
    expect(defaultPayloadConverter.fromPayload((await codecOf(caseKeys).decode([again!]))[0]!)).toBe('again');
  });
});

describe('rotation of the master key', () => {
  it('leaves case keys alone (a key-encryption key wraps them): the old master key can leave the file at once', async () => {
    const before = processKeys();
    const oldId = loadPayloadKeys(keysFile).encryptWith;
    const [a] = await codecOf(before).encode([plain({ pseudonym: PSEUDONYM })], inCase(CASE_A));
    const [cursor] = await codecOf(before).encode([plain('a cursor under the old master key')]);
    const { id: newId } = addAndActivateKey(keysFile);
    const afterRotation = processKeys();
    const [b] = await codecOf(afterRotation).encode([plain('after rotation')], inCase(CASE_B));

    const file = JSON.parse(readFileSync(keysFile, 'utf8')) as { keys: { id: string }[] };
    const withoutOld = join(dir, 'without-old.json');
    writeFileSync(withoutOld, JSON.stringify({ ...file, keys: file.keys.filter((k) => k.id !== oldId) }));
    expect(await afterRotation.rewrap()).toBe(0);
    const onlyNew = processKeys(withoutOld);
    expect(
      (await codecOf(onlyNew, withoutOld).decode([a!, b!])).map((p) => defaultPayloadConverter.fromPayload(p)),
    ).toEqual([{ pseudonym: PSEUDONYM }, 'after rotation']);
    // What the old master key encrypted itself (no case: a cursor; payloads from before case keys) needs it still.
    await expect(codecOf(onlyNew, withoutOld).decode([cursor!])).rejects.toThrow(new UnknownPayloadKeyError(oldId));
    expect(loadPayloadKeys(withoutOld).encryptWith).toBe(newId);
  });
});
