/**
 * Issue 28's published rule (src/domain/statistics/suppression.ts), figure by figure as a reader of the tables
 * sees it; the proof that no hidden figure can be narrowed to fewer than k values is the integer attack of
 * test/unit/statistics-attack.test.ts. Also when a year is published and the medians' minimum.
 */
import { POLICY } from '../../src/domain/policy';
import { countsInYear, isPublished, publishedFrom } from '../../src/domain/statistics/publication';
import { protectMeasure } from '../../src/domain/statistics/suppression';
import type { FactRow } from '../../src/statistics/facts-store';
import { statisticsReport } from '../../src/statistics/statistics-report';

const K = POLICY.statisticsMinimumCount;

describe('the published rule', () => {
  it('hides a small category of the all-cases row with the smallest beside it, in every row of every breakdown', () => {
    // Three categories: 30, 2 and 6 over all cases; by two groups, and by three.
    const byTwo = [
      [20, 2, 0],
      [10, 0, 6],
    ];
    const byThree = [
      [10, 1, 2],
      [10, 1, 2],
      [10, 0, 2],
    ];
    const h = protectMeasure({ categories: 3, breakdowns: [byTwo, byThree] }, K);
    // The 2 alone under k; the 6 beside it, so the two hidden hold 8 together: each could be anything from 1 to 7.
    expect(h.totals).toEqual([false, true, true]);
    expect(h.grandTotal).toBe(false);
    for (const b of h.breakdowns) {
      expect(b.cells.map((row) => row.slice(1))).toEqual(b.cells.map(() => [true, true]));
      // A row with a hidden count hides its total: it would tie the hidden categories to the published one.
      expect(b.rowTotals.every(Boolean)).toBe(true);
      expect(b.cells.map((row) => row[0])).toEqual(b.cells.map(() => false));
    }
  });

  it('in a breakdown, hides a small count with the smallest of its category beside it, and those rows’ totals', () => {
    const byCentre = [
      [40, 12],
      [7, 9],
      [3, 11],
    ];
    const h = protectMeasure({ categories: 2, breakdowns: [byCentre] }, K);
    expect(h.totals).toEqual([false, false]);
    expect(h.breakdowns[0]).toEqual({
      // The 3 and, the smallest beside it, the 7: together 10, more than k.
      cells: [
        [false, false],
        [true, false],
        [true, false],
      ],
      rowTotals: [false, true, true],
    });
  });

  it('hides a measure of k or fewer facts whole, zeros too, and publishes one of none as zeros', () => {
    const few = protectMeasure(
      {
        categories: 2,
        breakdowns: [
          [
            [3, 0],
            [0, 2],
          ],
        ],
      },
      K,
    );
    expect(few).toEqual({
      totals: [true, true],
      grandTotal: true,
      breakdowns: [
        {
          cells: [
            [true, true],
            [true, true],
          ],
          rowTotals: [true, true],
        },
      ],
    });
    const none = protectMeasure(
      {
        categories: 2,
        breakdowns: [
          [
            [0, 0],
            [0, 0],
          ],
        ],
      },
      K,
    );
    expect(none.totals).toEqual([false, false]);
    expect(none.breakdowns[0]!.cells.flat().some(Boolean)).toBe(false);
  });

  it('hides in the all-cases row a category of exactly k that a breakdown splits into counts under k', () => {
    // 2 minors and 3 adults, 5 in all: hidden by track, either could only be 1 to 4; so the 5 is hidden too.
    const byTrack = [
      [2, 10, 0],
      [3, 10, 8],
    ];
    const h = protectMeasure({ categories: 3, breakdowns: [byTrack] }, K);
    expect(h.totals).toEqual([true, false, true]);
    expect(h.breakdowns[0]!.cells).toEqual([
      [true, false, true],
      [true, false, true],
    ]);
  });
});

describe('when a year is published', () => {
  const fact = (recordedOn: string | null, days: number | null = null): FactRow => ({
    kind: days === null ? 'case-opened' : 'complaint',
    year: 2025,
    centre: 'PAYOKE',
    track: 'adult',
    exploitation: 'labour',
    category: null,
    days,
    office: null,
    courtOfAppeal: null,
    recordedOn,
  });

  it('publishes a year once it is closed, from 1 February of the next, and never the running year', () => {
    expect(publishedFrom(2025)).toBe('2026-02-01');
    expect(isPublished(2025, '2026-01-31')).toBe(false);
    expect(isPublished(2025, '2026-02-01')).toBe(true);
    expect(isPublished(2026, '2026-12-08')).toBe(false);
  });

  it('counts the facts recorded before the year closed, so that a closed year never changes', () => {
    expect(countsInYear(2025, '2026-01-31')).toBe(true);
    expect(countsInYear(2025, '2026-02-01')).toBe(false);
    const before = statisticsReport(
      2025,
      Array.from({ length: 9 }, () => fact('2025-06-01')),
    );
    const late = statisticsReport(2025, [...Array.from({ length: 9 }, () => fact('2025-06-01')), fact('2026-02-03')]);
    expect(late).toEqual(before);
    expect(before.tables[0]!.totals.total).toBe(9);
  });

  it('publishes a median over at least 2k values, and hides how many there are up to k', () => {
    const complaints = (n: number) =>
      statisticsReport(
        2025,
        Array.from({ length: n }, (_, i) => fact(null, i)),
      );
    expect(complaints(K).medians.openingToComplaint).toEqual({ cases: null, medianDays: null });
    expect(complaints(2 * K - 1).medians.openingToComplaint).toEqual({ cases: 2 * K - 1, medianDays: null });
    expect(complaints(2 * K).medians.openingToComplaint).toEqual({ cases: 2 * K, medianDays: 4.5 });
  });
});
