/**
 * Issue 18, "statistics that cannot identify anyone": a published table hides every count under k, and no hidden
 * figure can be worked out from the published ones, alone or with another table that shares its margins. The
 * proof here is independent of how suppression.ts chooses: linear algebra on every equation a reader has (each
 * row and column adds up to its total); a hidden figure is disclosed exactly when its unit vector lies in the row
 * space of those equations restricted to the hidden figures.
 */
import { extended, protect, type Suppression } from '../../src/domain/statistics/suppression';

const K = 5;

/** Rank of a matrix (Gaussian elimination; the entries are small integers). */
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      for (let j = c; j < m[i]!.length; j++) m[i]![j]! -= f * m[r]![j]!;
    }
    r++;
  }
  return r;
}

/** The reader's equations over a set of tables: variable v of table t, entry (i, j) of its extended matrix. */
interface Published {
  matrices: number[][][];
  hidden: boolean[][][];
}

/** Hidden entries a reader can work out exactly from everything published (shared margins are one variable). */
function disclosed(p: Published, shared: (t: number, i: number, j: number) => string = (t, i, j) => `${t}:${i},${j}`) {
  const ids = new Map<string, number>();
  const id = (key: string) => ids.get(key) ?? (ids.set(key, ids.size), ids.size - 1);
  const hiddenKeys = new Set<string>();
  const equations: Map<number, number>[] = [];
  p.matrices.forEach((m, t) => {
    const R = m.length;
    const C = m[0]!.length;
    const line = (entries: [number, number][], total: [number, number]) => {
      const eq = new Map<number, number>();
      for (const [i, j] of entries) eq.set(id(shared(t, i, j)), (eq.get(id(shared(t, i, j))) ?? 0) + 1);
      eq.set(id(shared(t, total[0], total[1])), (eq.get(id(shared(t, total[0], total[1]))) ?? 0) - 1);
      equations.push(eq);
    };
    for (let i = 0; i < R; i++)
      line(
        Array.from({ length: C - 1 }, (_, j) => [i, j] as [number, number]),
        [i, C - 1],
      );
    for (let j = 0; j < C; j++)
      line(
        Array.from({ length: R - 1 }, (_, i) => [i, j] as [number, number]),
        [R - 1, j],
      );
    p.hidden[t]!.forEach((row, i) => row.forEach((h, j) => h && hiddenKeys.add(shared(t, i, j))));
  });
  const hidden = [...hiddenKeys].map((k) => id(k));
  // Published values are known: only the hidden columns of each equation remain unknown.
  const system = equations.map((eq) => hidden.map((v) => eq.get(v) ?? 0));
  const base = rank(system);
  return [...hiddenKeys].filter((_, n) => {
    const unit = hidden.map((_, m) => (m === n ? 1 : 0));
    return rank([...system, unit]) === base;
  });
}

const asMatrix = (s: Suppression): boolean[][] => [
  ...s.cells.map((row, i) => [...row, s.rowTotals[i]!]),
  [...s.columnTotals, s.grandTotal],
];

/** A deterministic stream of small counts. */
function counts(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const r = x / 2 ** 31;
    return r < 0.3 ? 0 : r < 0.6 ? 1 + (Math.floor(r * 10) % 4) : 5 + (Math.floor(r * 100) % 30);
  };
}

describe('small-cell suppression', () => {
  it('hides a count under k, and enough beside it that the margins do not give it away', () => {
    const cells = [
      [12, 3, 20],
      [15, 9, 11],
      [30, 8, 14],
    ];
    const s = protect({ cells }, K);
    expect(s.cells[0]![1]).toBe(true);
    const hidden = asMatrix(s);
    expect(hidden.flat().filter(Boolean).length).toBeGreaterThanOrEqual(4);
    expect(disclosed({ matrices: [extended({ cells })], hidden: [hidden] })).toEqual([]);
    // What is not hidden is published as it is: the 30 and its row stay.
    expect(s.cells[2]![0]).toBe(false);
  });

  it('hides a small total too, and publishes zeros', () => {
    const cells = [
      [0, 2],
      [0, 1],
      [9, 14],
    ];
    const s = protect({ cells }, K);
    expect(s.columnTotals[1]).toBe(false); // 17
    expect(s.rowTotals[0]).toBe(true); // 2
    expect(s.cells[0]![0]).toBe(false); // 0
    expect(disclosed({ matrices: [extended({ cells })], hidden: [asMatrix(s)] })).toEqual([]);
  });

  it('protects 300 tables of small counts: every count from 1 to k-1 hidden, none derivable', () => {
    const next = counts(20261201);
    for (let n = 0; n < 300; n++) {
      const rows = 1 + (n % 5);
      const columns = 1 + (Math.floor(n / 5) % 6);
      const cells = Array.from({ length: rows }, () => Array.from({ length: columns }, next));
      const m = extended({ cells });
      const hidden = asMatrix(protect({ cells }, K));
      m.forEach((row, i) =>
        row.forEach((v, j) => {
          if (v > 0 && v < K)
            expect({ table: n, i, j, hidden: hidden[i]![j] }).toEqual({ table: n, i, j, hidden: true });
        }),
      );
      expect({ table: n, disclosed: disclosed({ matrices: [m], hidden: [hidden] }) }).toEqual({
        table: n,
        disclosed: [],
      });
    }
  });

  it('protects two breakdowns of the same figures together: their shared column totals are one published row', () => {
    // Documents issued by type (columns), broken down by centre, and by track: same column totals.
    const byCentre = [
      [6, 1, 12],
      [8, 7, 9],
      [10, 2, 7],
    ];
    const byTrack = [
      [20, 6, 25],
      [4, 4, 3],
    ];
    const all = [byTrack.reduce((sum, row) => sum.map((v, j) => v + row[j]!), [0, 0, 0])];
    const base = protect({ cells: all }, K);
    const columns = all[0]!.length;
    // The shared row: what the base table shows is fixed, what it hides is hidden in every breakdown.
    const sharedRow = (rows: number) => {
      const entries = [...base.cells[0]!.map((h, j) => [h, j] as const), [base.rowTotals[0]!, columns] as const];
      return {
        fixed: entries.filter(([h]) => !h).map(([, j]) => [rows, j] as const),
        forced: entries.filter(([h]) => h).map(([, j]) => [rows, j] as const),
      };
    };
    const a = protect({ cells: byCentre }, K, sharedRow(byCentre.length));
    const b = protect({ cells: byTrack }, K, sharedRow(byTrack.length));
    // The reader has all three tables; the column-total row of each breakdown is the base table's one row.
    const key = (t: number, i: number, j: number) => {
      const rows = [1, byCentre.length, byTrack.length][t]!;
      return i === rows ? `total:${j}` : `${t}:${i},${j}`;
    };
    const published = {
      matrices: [extended({ cells: all }), extended({ cells: byCentre }), extended({ cells: byTrack })],
      hidden: [asMatrix(base), asMatrix(a), asMatrix(b)],
    };
    expect(disclosed(published, key)).toEqual([]);
    for (const [t, s] of [
      [1, a],
      [2, b],
    ] as const)
      expect(asMatrix(s)[published.matrices[t]!.length - 1]).toEqual(asMatrix(base)[1]);
  });

  it('the check does find a figure given away: one hidden cell beside its published total', () => {
    const cells = [
      [12, 3, 20],
      [15, 9, 11],
    ];
    const m = extended({ cells });
    const careless = m.map((row) => row.map(() => false));
    careless[0]![1] = true;
    expect(disclosed({ matrices: [m], hidden: [careless] })).toEqual(['0:0,1']);
  });
});
