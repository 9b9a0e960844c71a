import Database from 'better-sqlite3';
import {
  countTasksSql,
  taskPageSql,
  type ListedTask,
  type TaskFilter,
  type TaskPosition,
} from '../../src/case-index/task-listing';
import type { SqlValue } from '../../src/store/sql-database';
import { everyPage, indexedCase, useIndexStore } from '../support/index-store';

const store = useIndexStore();

const ANTWERPEN = { role: 'prosecutor', office: 'ANTWERPEN' } as const;
const IMMIGRATION_OFFICE = { role: 'immigration-office' } as const;

/** Day n of March 2026: three cases share each day, so the order within a day counts too. */
const day = (n: number): string => `2026-03-${String(n).padStart(2, '0')}`;

/** 30 cases, each with a query for Antwerp and a document to date for the Immigration Office. */
async function seed(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const due = day(1 + (i % 10));
    await store.index.write(
      indexedCase(`case-${String(i).padStart(3, '0')}`, 1, [
        { taskId: `q${i}/answer`, kind: 'status-query-answer', party: ANTWERPEN, due, since: '2026-01-10' },
        { taskId: 'document-dates/ANNEX_15/0', kind: 'document-dates', party: IMMIGRATION_OFFICE, due, since: due },
      ]),
    );
  }
}

const everyTask = (filter: TaskFilter, limit: number) =>
  everyPage((after: TaskPosition | undefined) => store.index.listTasks(filter, after, limit));

const inOrder = (items: ListedTask[]): boolean =>
  items.every((t, i) => {
    const before = items[i - 1];
    return !before || before.due < t.due || (before.due === t.due && before.caseId < t.caseId);
  });

describe('listing the open tasks of a party (SQLite)', () => {
  it('lists every task of the office once, soonest due first, across pages, with the exact total on each', async () => {
    await seed();
    const { items, totals } = await everyTask({ party: ANTWERPEN }, 7);
    expect(items).toHaveLength(30);
    expect(new Set(items.map((t) => t.caseId)).size).toBe(30);
    expect(inOrder(items)).toBe(true);
    expect(totals).toEqual([30, 30, 30, 30, 30]);
    expect(items.every((t) => t.kind === 'status-query-answer')).toBe(true);
  });

  it('filters by kind and by due date, and counts what the filter selects', async () => {
    await seed();
    const office = await store.index.listTasks(
      { party: IMMIGRATION_OFFICE, kinds: ['withdrawal-decision'] },
      undefined,
      10,
    );
    expect(office).toEqual({ items: [], total: 0, next: null });
    // Days 1 to 4: 4 days of 3 cases.
    const early = await everyTask({ party: IMMIGRATION_OFFICE, kinds: ['document-dates'], dueBefore: day(5) }, 5);
    expect(early.items).toHaveLength(12);
    expect(early.totals[0]).toBe(12);
    expect(early.items.every((t) => t.due < day(5))).toBe(true);
  });

  it("shows only the tasks of the revision the case row holds, and none of another party's", async () => {
    await seed();
    await store.index.write(indexedCase('case-000', 2, []));
    const page = await store.index.listTasks({ party: ANTWERPEN }, undefined, 100);
    expect(page.total).toBe(29);
    expect(page.items.map((t) => t.caseId)).not.toContain('case-000');
    expect(
      (await store.index.listTasks({ party: { role: 'prosecutor', office: 'OOST-VLAANDEREN' } }, undefined, 100)).total,
    ).toBe(0);
  });

  it("reads a party's tasks of a kind, and every count, through the indexes alone (issue 27.6)", async () => {
    await seed();
    const db = new Database(store.storeFile, { readonly: true });
    try {
      const plan = ({ sql, params }: { sql: string; params: SqlValue[] }) =>
        (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
      const section = { party: IMMIGRATION_OFFICE, kinds: ['document-dates'] } as const;
      for (const filter of [section, { party: ANTWERPEN }])
        expect(plan(countTasksSql(filter))).toEqual([
          expect.stringMatching(/USING COVERING INDEX case_index_tasks_by_kind/),
          expect.stringMatching(/USING COVERING INDEX case_index_revisions/),
        ]);
      // In due order straight from the index: no sort of the section's tasks.
      expect(plan(taskPageSql(section, undefined, 25))).toEqual([
        expect.stringMatching(/USING INDEX case_index_tasks_by_kind/),
        expect.stringMatching(/USING INDEX case_index_revisions/),
      ]);
    } finally {
      db.close();
    }
  });
});
