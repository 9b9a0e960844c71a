import Database from 'better-sqlite3';
import type { CaseListFilter, CasePosition, ListedCase } from '../../src/case-index/case-listing';
import type { CaseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import { everyPage, useIndexStore } from '../support/index-store';

const store = useIndexStore();

const day = (n: number): string => `2026-03-${String(n).padStart(2, '0')}`;

/** Case i: PAYOKE's when even, SÜRYA's when odd; every third a minor's; every fifth queried by ANTWERPEN. */
function entry(i: number, over: Partial<CaseIndexEntry> = {}): CaseIndexEntry {
  const due = day(1 + (i % 10));
  return {
    caseId: `case-${String(i).padStart(3, '0')}`,
    revision: 1,
    centre: i % 2 === 0 ? 'PAYOKE' : 'SURYA',
    offices: i % 5 === 0 ? ['ANTWERPEN'] : [],
    stage: i % 4 === 0 ? 'REFLECTION' : 'TEMPORARY_RESIDENCE',
    outcome: null,
    running: true,
    openedOn: '2026-01-05',
    nextDeadline: { kind: 'DOCUMENT_EXPIRES', due },
    deadlines: [
      { kind: 'DOCUMENT_EXPIRES', due },
      { kind: 'PROSECUTOR_REPLY_DUE', due: '2026-06-01' },
    ],
    documentValidUntil: due,
    flags: i % 3 === 0 ? ['unaccompanied-minor'] : [],
    referenceKeys: i === 7 ? ['ab12'] : [],
    personal: { pseudonym: `P${i}` },
    tasks: [],
    ...over,
  };
}

async function seed(n = 40): Promise<void> {
  for (let i = 0; i < n; i++) await store.index.write(entry(i));
}

const everyCase = (filter: CaseListFilter, limit: number) =>
  everyPage((after: CasePosition | undefined) => store.index.listCases(filter, after, limit));

const ids = (items: ListedCase[]) => items.map((c) => c.caseId);

describe('listing cases from the index (SQLite)', () => {
  it('lists every case of the scope once, soonest next deadline first and closed ones last, across pages', async () => {
    await seed();
    await store.index.write(
      entry(40, { running: false, outcome: 'VOLUNTARY_RETURN', nextDeadline: null, deadlines: [] }),
    );
    const all = await everyCase({ scope: {} }, 7);
    expect(all.items).toHaveLength(41);
    expect(new Set(ids(all.items)).size).toBe(41);
    expect(all.totals.every((t) => t === 41)).toBe(true);
    expect(all.items.at(-1)).toMatchObject({ caseId: 'case-040', running: false, nextDeadline: null });
    const dues = all.items.slice(0, -1).map((c) => c.nextDeadline!.due);
    expect(dues).toEqual([...dues].sort());
    expect(all.items[0]).toEqual({
      caseId: 'case-000',
      revision: 1,
      centre: 'PAYOKE',
      stage: 'REFLECTION',
      outcome: null,
      running: true,
      unaccompaniedMinor: true,
      awaitingProsecutor: false,
      nextDeadline: { kind: 'DOCUMENT_EXPIRES', due: day(1) },
      personal: { pseudonym: 'P0' },
    });
  });

  it('keeps a centre to its own cases and an office to those it was queried on', async () => {
    await seed();
    const payoke = await everyCase({ scope: { centre: 'PAYOKE' } }, 100);
    expect(payoke.items).toHaveLength(20);
    expect(payoke.items.every((c) => c.centre === 'PAYOKE')).toBe(true);
    const antwerpen = await everyCase({ scope: { office: 'ANTWERPEN' } }, 100);
    expect(ids(antwerpen.items).sort()).toEqual([
      'case-000',
      'case-005',
      'case-010',
      'case-015',
      'case-020',
      'case-025',
      'case-030',
      'case-035',
    ]);
    expect((await store.index.listCases({ scope: { office: 'LIEGE' } }, undefined, 10)).total).toBe(0);
  });

  it('filters by stage, minor, deadline and file number, and counts what the filters select', async () => {
    await seed();
    const minors = await everyCase({ scope: {}, minor: true, stage: 'TEMPORARY_RESIDENCE' }, 5);
    const expected = Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 3 === 0 && i % 4 !== 0);
    expect(ids(minors.items).sort()).toEqual(expected.map((i) => entry(i).caseId));
    expect(minors.totals[0]).toBe(expected.length);
    const adults = await store.index.listCases({ scope: {}, minor: false }, undefined, 100);
    expect(adults.total).toBe(40 - 14);
    const early = await everyCase({ scope: {}, deadlineBefore: day(3) }, 100);
    expect(early.items.every((c) => c.nextDeadline!.due < day(3))).toBe(true);
    expect(early.items).toHaveLength(8);
    expect(ids((await store.index.listCases({ scope: {}, referenceKey: 'ab12' }, undefined, 10)).items)).toEqual([
      'case-007',
    ]);
    expect(
      (await store.index.listCases({ scope: { centre: 'PAYOKE' }, referenceKey: 'ab12' }, undefined, 10)).total,
    ).toBe(0);
  });

  it('shows a case whose key was destroyed as unreadable, and the rest of the page still', async () => {
    await seed(3);
    await store.caseKeys.erase('case-001', 'admin');
    const page = await store.index.listCases({ scope: {} }, undefined, 10);
    expect(page.items.map((c) => c.personal?.pseudonym ?? null)).toEqual(['P0', null, 'P2']);
  });

  it('answers who may see a case, and every deadline of the running cases a feed shows', async () => {
    await seed(4);
    await store.index.write(entry(4, { running: false, outcome: 'VOLUNTARY_RETURN' }));
    expect(await store.index.accessOf('case-000')).toEqual({
      centre: 'PAYOKE',
      offices: ['ANTWERPEN'],
      running: true,
      outcome: null,
    });
    expect(await store.index.accessOf('case-999')).toBeUndefined();
    const payoke = await store.index.runningDeadlines('PAYOKE');
    expect(payoke.map((c) => c.caseId)).toEqual(['case-000', 'case-002']);
    expect(payoke[0]).toEqual({ caseId: 'case-000', revision: 1, deadlines: entry(0).deadlines });
    expect((await store.index.runningDeadlines()).map((c) => c.caseId)).toEqual([
      'case-000',
      'case-001',
      'case-002',
      'case-003',
    ]);
  });

  it('adds the deadlines column to an index made before it, whose rows show their next deadline alone', async () => {
    await store.index.write(entry(0));
    // The table as an index made before the column has it.
    await store.reopen(() => {
      const db = new Database(store.storeFile);
      db.exec('ALTER TABLE case_index DROP COLUMN deadlines');
      db.close();
    });
    expect((await store.index.runningDeadlines())[0]?.deadlines).toEqual([{ kind: 'DOCUMENT_EXPIRES', due: day(1) }]);
    await store.index.write(entry(0, { revision: 2 }));
    expect((await store.index.read('case-000'))?.deadlines).toEqual(entry(0).deadlines);
  });
});
