/**
 * The suppression of issue 18, as it was published until issue 28, kept only as the target of the attack's positive
 * control (test/unit/statistics-attack.test.ts): it hid every count under k and enough beside it that no equation
 * solved it, and said that a hidden count is never zero. The service no longer uses it.
 */

export interface CountTable {
  /** cells[i][j]: the count of row i, column j. */
  cells: number[][];
}

/** Which entries are hidden: the cells, the row totals, the column totals and the grand total. */
export interface Suppression {
  cells: boolean[][];
  rowTotals: boolean[];
  columnTotals: boolean[];
  grandTotal: boolean;
}

/** Entries of the extended matrix: (i, j) with i = rows for the column totals, j = columns for the row totals. */
type Entry = readonly [number, number];

/** The extended matrix of a table: its cells, then the row totals as a last column and the column totals as a last row. */
export function extended(t: CountTable): number[][] {
  const rows = t.cells.length;
  const columns = t.cells[0]?.length ?? 0;
  const rowTotals = t.cells.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) => t.cells.reduce((a, row) => a + row[j]!, 0));
  const grand = rowTotals.reduce((a, b) => a + b, 0);
  return [...t.cells.map((row, i) => [...row, rowTotals[i]!]), [...columnTotals, grand]].slice(0, rows + 1);
}

/**
 * What `protect` hides in table `t` for threshold `k`. `fixed`: entries of the extended matrix that another
 * published table already shows (the margins this table shares with it): never hidden here, never chosen as a
 * complement; `forced`: entries another table hides, hidden here too.
 */
export function protect(
  t: CountTable,
  k: number,
  shared: { fixed?: readonly Entry[]; forced?: readonly Entry[] } = {},
): Suppression {
  const m = extended(t);
  const R = m.length;
  const C = m[0]?.length ?? 0;
  const hidden = m.map((row) => row.map((n) => n > 0 && n < k));
  const fixed = new Set((shared.fixed ?? []).map(([i, j]) => `${i},${j}`));
  for (const [i, j] of shared.forced ?? []) hidden[i]![j] = true;
  for (const key of fixed) {
    const [i, j] = key.split(',').map(Number) as [number, number];
    hidden[i]![j] = false;
  }
  const choosable = (i: number, j: number) => !hidden[i]![j] && !fixed.has(`${i},${j}`);

  /** Hides the smallest choosable entry among `candidates`; false when there is none. */
  const hideSmallest = (candidates: Entry[]): boolean => {
    const open = candidates.filter(([i, j]) => choosable(i, j));
    if (open.length === 0) return false;
    // The smallest non-zero count first (hiding a zero protects as well, but says less), then any.
    open.sort(([a, b], [c, d]) => weight(m[a]![b]!) - weight(m[c]![d]!));
    const [i, j] = open[0]!;
    hidden[i]![j] = true;
    return true;
  };

  for (let changed = true; changed;) {
    changed = false;
    // A line (row or column of the extended matrix) with one hidden entry gives it away: hide a second.
    for (let i = 0; i < R; i++) {
      const line = Array.from({ length: C }, (_, j) => [i, j] as const);
      if (line.filter(([a, b]) => hidden[a]![b]).length === 1) changed = hideSmallest(line) || changed;
    }
    for (let j = 0; j < C; j++) {
      const line = Array.from({ length: R }, (_, i) => [i, j] as const);
      if (line.filter(([a, b]) => hidden[a]![b]).length === 1) changed = hideSmallest(line) || changed;
    }
    if (changed) continue;
    // A hidden entry on no cycle (a bridge between two groups of hidden entries) is the sum of one group's
    // equations: hide an entry that joins the two groups around it.
    const bridge = hiddenEntries(hidden).find((e) => !onCycle(hidden, e));
    if (bridge) {
      changed = hideSmallest(joins(hidden, bridge));
      if (!changed) throw new Error('statistics: a small count cannot be protected in this table');
    }
  }
  return {
    cells: hidden.slice(0, R - 1).map((row) => row.slice(0, C - 1)),
    rowTotals: hidden.slice(0, R - 1).map((row) => row[C - 1]!),
    columnTotals: hidden[R - 1]!.slice(0, C - 1),
    grandTotal: hidden[R - 1]![C - 1]!,
  };
}

const weight = (n: number) => (n === 0 ? Number.MAX_SAFE_INTEGER : n);

export function hiddenEntries(hidden: boolean[][]): Entry[] {
  return hidden.flatMap((row, i) => row.flatMap((h, j) => (h ? [[i, j] as const] : [])));
}

/**
 * The hidden entries as a graph: a node per row and per column, an edge per hidden entry. Nodes reached from the
 * row of `without` when that entry is left out, as [rows, columns].
 */
function reach(hidden: boolean[][], without: Entry): [Set<number>, Set<number>] {
  const rows = new Set<number>([without[0]]);
  const columns = new Set<number>();
  const queue: ['r' | 'c', number][] = [['r', without[0]]];
  while (queue.length > 0) {
    const [side, n] = queue.shift()!;
    if (side === 'r') {
      hidden[n]!.forEach((h, j) => {
        if (h && !(n === without[0] && j === without[1]) && !columns.has(j)) {
          columns.add(j);
          queue.push(['c', j]);
        }
      });
    } else {
      hidden.forEach((row, i) => {
        if (row[n] && !(i === without[0] && n === without[1]) && !rows.has(i)) {
          rows.add(i);
          queue.push(['r', i]);
        }
      });
    }
  }
  return [rows, columns];
}

/** Whether the hidden entry lies on a cycle of hidden entries: its column is reached from its row without it. */
export function onCycle(hidden: boolean[][], e: Entry): boolean {
  return reach(hidden, e)[1].has(e[1]);
}

/** Entries that would join the two groups of hidden entries a bridge holds together, the bridge apart. */
function joins(hidden: boolean[][], bridge: Entry): Entry[] {
  const [i0, j0] = bridge;
  const [rowsA, columnsA] = reach(hidden, bridge);
  const transposed = hidden[0]!.map((_, j) => hidden.map((row) => row[j]!));
  const [columnsB, rowsB] = reach(transposed, [j0, i0]);
  const out: Entry[] = [];
  for (const i of rowsA) for (const j of columnsB) if (i !== i0 || j !== j0) out.push([i, j]);
  for (const i of rowsB) for (const j of columnsA) if (i !== i0 || j !== j0) out.push([i, j]);
  return out;
}

/** What the issue 18 report published of one measure: its all-cases row alone, and one breakdown beside it. */
export function legacyPublished(
  all: number[],
  breakdown: number[][],
  k: number,
): { totals: (number | null)[]; grand: number | null; rows: { counts: (number | null)[]; total: number | null }[] } {
  const shown = (n: number, hidden: boolean) => (hidden ? null : n);
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const base = protect({ cells: [all] }, k);
  const columns = all.length;
  const shared = [...base.cells[0]!.map((h, j) => [h, j] as const), [base.rowTotals[0]!, columns] as const];
  const s = protect({ cells: breakdown }, k, {
    fixed: shared.filter(([h]) => !h).map(([, j]) => [breakdown.length, j] as const),
    forced: shared.filter(([h]) => h).map(([, j]) => [breakdown.length, j] as const),
  });
  return {
    totals: all.map((n, j) => shown(n, base.cells[0]![j]!)),
    grand: shown(sum(all), base.rowTotals[0]!),
    rows: breakdown.map((row, i) => ({
      counts: row.map((n, j) => shown(n, s.cells[i]![j]!)),
      total: shown(sum(row), s.rowTotals[i]!),
    })),
  };
}
