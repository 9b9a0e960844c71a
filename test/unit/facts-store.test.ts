/**
 * Issue 28, "an erased case's statistics rows can be linked back to it with the index key": a fact row's id is
 * keyed by a secret of its case, derived from the case's data key, so once the key is destroyed no key the
 * service holds leads from a row to its case; rows from before are given ids that lead nowhere. Each row also
 * records the day it was recorded, which decides the closed year it counts in.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ErasedCaseKeyError, openCaseKeys, type CaseKeys } from '../../src/crypto/case-keys';
import { ensureDevPayloadKeys, loadPayloadKeys, loadServiceKey } from '../../src/crypto/payload-keys';
import { dateAt } from '../../src/domain/calendar';
import type { PendingFact } from '../../src/domain/statistics/facts';
import { caseKeySalts, openFactsStore } from '../../src/statistics/facts-store';

const CASE = 'case-0000000a-0000-4000-8000-000000000000';
const opened: PendingFact = {
  key: `${CASE}/fact/case-opened`,
  fact: { kind: 'case-opened', on: '2026-03-02', centre: 'SURYA', track: 'minor', exploitation: 'begging' },
};

let dir: string;
let file: string;
let caseKeys: CaseKeys;
let indexKey: Buffer;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'facts-store-'));
  file = join(dir, 'statistics.sqlite');
  const keysFile = join(dir, 'payload-keys.json');
  ensureDevPayloadKeys(keysFile);
  caseKeys = openCaseKeys(file, loadPayloadKeys(keysFile));
  indexKey = loadServiceKey(keysFile, 'indexKey');
});
afterEach(async () => {
  await caseKeys.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (): string[] =>
  (new Database(file, { readonly: true }).prepare('SELECT id FROM facts').all() as { id: string }[]).map((r) => r.id);
/** What issue 18 stored: the fact key's hash under the index key, which anyone with it and a case id recomputes. */
const byIndexKey = (key: string) => createHmac('sha256', indexKey).update(`statistics-fact\0${key}`).digest('hex');

describe('the statistics store', () => {
  it("keys a case's fact rows with its own secret, which its erasure destroys: the index key finds nothing", async () => {
    const store = openFactsStore(file, caseKeySalts(caseKeys));
    expect(await store.record([opened])).toBe(1);
    // A retried activity records nothing twice: the same case key, the same salt, the same id.
    expect(await store.record([opened, opened])).toBe(0);
    const [row] = await store.year(2026);
    expect(row).toMatchObject({ kind: 'case-opened', centre: 'SURYA', recordedOn: dateAt(Date.now()) });
    expect(ids()).not.toContain(byIndexKey(opened.key));
    // While the case's key lives, its salt leads to the row (what the erasure takes away).
    const salt = await caseKeySalts(caseKeys).saltFor(CASE);
    expect(ids()).toEqual([`f-${createHmac('sha256', salt).update(`statistics-fact\0${opened.key}`).digest('hex')}`]);

    expect(await caseKeys.erase(CASE, 'admin')).toBe('erased');
    await expect(caseKeySalts(caseKeys).saltFor(CASE)).rejects.toBeInstanceOf(ErasedCaseKeyError);
    // The fact stays counted; nothing the service still holds makes its id from the case's id.
    expect(await store.year(2026)).toHaveLength(1);
    expect(ids()).not.toContain(byIndexKey(opened.key));
    await store.close();
  });

  it('gives rows of issue 18, keyed by the index key alone, ids that lead nowhere, and keeps them counted', async () => {
    const old = openFactsStore(file, caseKeySalts(caseKeys));
    await old.year(2026);
    await old.close();
    const db = new Database(file);
    db.prepare(
      "INSERT INTO facts (id, kind, on_date, year, centre, track, exploitation) VALUES (?, 'case-opened', '2026-03-02', 2026, 'SURYA', 'minor', 'begging')",
    ).run(byIndexKey(opened.key));
    db.close();

    const store = openFactsStore(file);
    expect(await store.year(2026)).toEqual([expect.objectContaining({ centre: 'SURYA', recordedOn: null })]);
    expect(ids()).not.toContain(byIndexKey(opened.key));
    expect(ids()[0]).toMatch(/^r-[0-9a-f]{64}$/);
    // The bytes of the old id are gone from the file too.
    expect(readFileSync(file).includes(Buffer.from(byIndexKey(opened.key)))).toBe(false);
    await store.close();
  });

  it('records nothing when opened to read only, as an API opens it', async () => {
    const store = openFactsStore(file);
    await expect(store.record([opened])).rejects.toThrow(/without the case salts/);
    await store.close();
  });
});
