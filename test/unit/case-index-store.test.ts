import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openCaseIndex } from '../../src/case-index/case-index-store';
import { openCaseKeys } from '../../src/crypto/case-keys';
import { loadPayloadKeys } from '../../src/crypto/payload-keys';
import { applyEvent } from '../../src/domain/procedure/apply';
import { caseIndexEntry, type CaseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import { newCaseState } from '../../src/domain/procedure/state';
import { CENTRE, opening, PSEUDONYM } from '../support/fixtures';
import { useIndexStore } from '../support/index-store';

const FILE = 'AN.12.L3 104578/26';

const store = useIndexStore();

/** A case in reflection (revision 0), then with its complaint and a query (revision 1). */
function revisions(caseId = 'case-index-a'): [CaseIndexEntry, CaseIndexEntry] {
  const s = newCaseState(caseId, 'PAYOKE', opening('2026-11-02'));
  const first = caseIndexEntry(s);
  applyEvent(
    s,
    {
      type: 'complaint-filed',
      on: '2026-11-10',
      kind: 'complaint',
      prosecutorOffice: 'ANTWERPEN',
      prosecutorFile: FILE,
    },
    CENTRE,
    '2026-11-10',
  );
  return [first, caseIndexEntry(s)];
}

describe('the case index store (SQLite)', () => {
  it('holds a case as its workflow last wrote it, tasks included', async () => {
    const [first, second] = revisions();
    expect(await store.index.write(first)).toBe(true);
    expect(await store.index.read(first.caseId)).toEqual(first);
    expect(await store.index.write(second)).toBe(true);
    expect(await store.index.read(first.caseId)).toEqual(second);
    expect(await store.index.read('case-never-written')).toBeUndefined();
  });

  it("keeps a withdrawal decision's reporters, and lists them with its stage", async () => {
    const [, second] = revisions();
    const s = newCaseState(second.caseId, 'PAYOKE', opening('2026-11-02'));
    applyEvent(s, { type: 'support-declined', on: '2026-11-20' }, CENTRE, '2026-11-20');
    const entry = { ...caseIndexEntry(s), revision: 2 };
    await store.index.write(entry);
    expect(await store.index.read(entry.caseId)).toEqual(entry);
    const page = await store.index.listTasks(
      { party: { role: 'immigration-office' }, kinds: ['withdrawal-decision'] },
      undefined,
      10,
    );
    expect(page.items.map((t) => [t.reporters, t.stage])).toEqual([[[CENTRE.id], entry.stage]]);
  });

  it('never moves a row back: a retry, a late write or a second worker with an older revision changes nothing', async () => {
    const [first, second] = revisions();
    await store.index.write(second);
    // A second process (another worker) on the same database, writing the older revision late.
    const otherWorker = store.another();
    expect(await otherWorker.write(first)).toBe(false);
    expect(await store.index.write(second)).toBe(false);
    expect(await store.index.read(first.caseId)).toEqual(second);
  });

  it('shows no task of an older write that ran between the steps of a newer one', async () => {
    const [first, second] = revisions();
    await store.index.write(first);
    // Two writers at once, the older one last to finish: the case row and its tasks stay those of the newer.
    await Promise.all([store.index.write(second), store.index.write(first)]);
    expect((await store.index.read(first.caseId))?.tasks).toEqual(second.tasks);
  });

  it('stores the pseudonym and file numbers only encrypted under the case key', async () => {
    const [, second] = revisions();
    await store.index.write(second);
    expect((await store.index.read(second.caseId))?.personal).toEqual({ pseudonym: PSEUDONYM, prosecutorFile: FILE });
    const bytes =
      readFileSync(store.storeFile).toString('latin1') + readFileSync(`${store.storeFile}-wal`).toString('latin1');
    expect(bytes).toContain('TEMPORARY_RESIDENCE');
    expect(bytes).not.toContain(PSEUDONYM);
    expect(bytes).not.toContain(FILE);
  });

  it("cannot read a case's personal data once its key is destroyed, and removes its rows", async () => {
    const [, second] = revisions();
    await store.index.write(second);
    await store.index.write(revisions('case-index-b')[1]);
    await store.caseKeys.erase(second.caseId, 'admin');
    await expect(store.index.read(second.caseId)).rejects.toThrow(/erased/);
    expect(await store.index.caseIds()).toEqual(['case-index-a', 'case-index-b']);
    await store.index.remove(second.caseId);
    expect(await store.index.read(second.caseId)).toBeUndefined();
    expect(await store.index.read('case-index-b')).toMatchObject({ revision: 1 });
    expect(await store.index.caseIds()).toEqual(['case-index-b']);
  });

  it('reads the personal data of many cases together, null for one whose key is destroyed', async () => {
    const [, a] = revisions('case-index-a');
    const [, b] = revisions('case-index-b');
    await store.index.write(a);
    await store.index.write(b);
    await store.caseKeys.erase(b.caseId, 'admin');
    const personal = await store.index.personal(['case-index-a', 'case-index-b', 'case-index-none']);
    expect(personal).toEqual(
      new Map([
        ['case-index-a', { pseudonym: PSEUDONYM, prosecutorFile: FILE }],
        ['case-index-b', null],
      ]),
    );
    expect(await store.index.personal([])).toEqual(new Map());
  });

  it('reads more cases than one statement binds, in batches', async () => {
    // In memory: a file's durable writes would make this the slowest test of the file.
    const keys = openCaseKeys(':memory:', loadPayloadKeys(join(dirname(store.storeFile), 'payload-keys.json')));
    const memory = openCaseIndex(':memory:', keys);
    try {
      const ids = Array.from({ length: 1_001 }, (_, i) => `case-index-${String(i).padStart(4, '0')}`);
      for (const id of ids) await memory.write(revisions(id)[0]);
      const personal = await memory.personal(ids);
      expect(personal.size).toBe(ids.length);
      expect([...personal.values()].every((p) => p?.pseudonym === PSEUDONYM)).toBe(true);
    } finally {
      await memory.close();
      await keys.close();
    }
  });

  it('counts again once another process changed the index, and a retry of a write cut short marks a change too', async () => {
    const [first, second] = revisions();
    const api = store.another();
    const queries = () =>
      api.listTasks({ party: { role: 'prosecutor', office: 'ANTWERPEN' } }, undefined, 10).then((p) => p.total);
    const unchanged = await api.version();
    await expect(queries()).resolves.toBe(0);
    await store.index.write(first);
    await expect(queries()).resolves.toBe(0);
    // The worker, another process, writes the complaint's query: the API's kept count does not stand.
    await store.index.write(second);
    await expect(queries()).resolves.toBe(1);
    const written = await api.version();
    expect(written).not.toBe(unchanged);
    // The retry of a write whose rows were all in before its process died: the change is marked now.
    await store.index.write(second);
    expect(await api.version()).not.toBe(written);
    await store.index.remove(first.caseId);
    await expect(queries()).resolves.toBe(0);
  });
});
