/**
 * Interval protection of the statistics (issue 28): whatever a reader combines from every table published for a
 * year (the all-cases row and each breakdown of the same measure), each hidden count could still be any of at
 * least k values. Hiding counts under k, and enough beside them that no equation solves them (issue 18), was not
 * enough: "5 shown, two hidden, total 7" leaves only 1 and 1 once a hidden count is known to be no zero.
 *
 * So the rule ties a hidden count to nothing but the other hidden counts of its own category, in its own table,
 * and makes those hold more than k together:
 *
 * 1. A measure with k or fewer facts in the year is hidden whole (every count and total, zeros too).
 * 2. In the all-cases row, a category counting 1 to k-1 is hidden, and beside it other categories, the smallest
 *    first, until at least two are hidden and together they hold more than k. Such a category is hidden in every
 *    row of every breakdown, zeros included.
 * 3. In a breakdown, category by category: a count of 1 to k-1 is hidden, and beside it other counts of the same
 *    category, the smallest first, until at least two are hidden and together they hold more than k. A category
 *    whose counts cannot be protected so (it has exactly k, all in counts under k) is hidden as in rule 2.
 * 4. A row's total is hidden when one of its counts is.
 *
 * What a reader can then work out: the sum of the hidden counts of one category in one table (its published
 * total less its published counts), or of the hidden categories of the all-cases row; no row total ties one
 * category to another (rule 4), and the breakdowns share nothing but the all-cases row. Each such sum holds at
 * least k+1 over at least two counts, of which at least one is under k: every hidden count can be anything from
 * 1 (or 0) to the sum less 1, that is at least k values. test/unit/statistics-attack.test.ts checks it with an
 * integer solver against every table of a year.
 *
 * Zeros: a published zero says nobody is counted, which identifies nobody; a hidden count can be 0 (rules 1
 * and 2), so "hidden" never means "at least one".
 */

/** A measure's counts: each breakdown's table (rows are its groups, columns the measure's categories). */
export interface MeasureCounts {
  /** The number of categories; a breakdown with no groups still has them. */
  categories: number;
  breakdowns: readonly (readonly (readonly number[])[])[];
}

/** What is hidden in one breakdown's table. */
export interface HiddenBreakdown {
  cells: boolean[][];
  rowTotals: boolean[];
}

/** What is hidden of a measure: its all-cases row and its grand total, and each breakdown. */
export interface HiddenMeasure {
  totals: boolean[];
  grandTotal: boolean;
  breakdowns: HiddenBreakdown[];
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** The all-cases row: each category's count over every group (the same in every breakdown of the measure). */
export function categoryTotals(m: MeasureCounts): number[] {
  const first = m.breakdowns[0] ?? [];
  return Array.from({ length: m.categories }, (_, j) => sum(first.map((row) => row[j]!)));
}

/**
 * Adds to `hidden` (indices into `values`), smallest count first, until at least two are hidden and they hold
 * more than k together. False when the counts left cannot get there.
 */
function complete(values: readonly number[], hidden: Set<number>, k: number): boolean {
  const enough = () => hidden.size >= 2 && sum([...hidden].map((i) => values[i]!)) > k;
  const open = values
    .map((v, i) => [v, i] as const)
    .filter(([v, i]) => v > 0 && !hidden.has(i))
    .sort(([a, i], [b, j]) => a - b || i - j);
  for (const [, i] of open) {
    if (enough()) return true;
    hidden.add(i);
  }
  return enough();
}

/** What the published rule hides of one measure (rules 1 to 4 above). */
export function protectMeasure(m: MeasureCounts, k: number): HiddenMeasure {
  const totals = categoryTotals(m);
  const grand = sum(totals);
  const all = (hide: boolean): HiddenMeasure => ({
    totals: totals.map(() => hide),
    grandTotal: hide,
    breakdowns: m.breakdowns.map((rows) => ({
      cells: rows.map((row) => row.map(() => hide)),
      rowTotals: rows.map(() => hide),
    })),
  });
  if (grand === 0) return all(false);
  if (grand <= k) return all(true);

  // Rule 2, then rule 3 per breakdown; a category rule 3 cannot protect joins rule 2's, and all starts again.
  const hiddenCategories = new Set(totals.flatMap((n, j) => (n > 0 && n < k ? [j] : [])));
  for (;;) {
    if (hiddenCategories.size > 0 && !complete(totals, hiddenCategories, k)) return all(true);
    const escalated: number[] = [];
    const breakdowns = m.breakdowns.map((rows) => {
      const cells = rows.map((row) => row.map((_, j) => hiddenCategories.has(j)));
      for (let j = 0; j < m.categories; j++) {
        if (hiddenCategories.has(j)) continue;
        const column = rows.map((row) => row[j]!);
        const hidden = new Set(column.flatMap((n, g) => (n > 0 && n < k ? [g] : [])));
        if (hidden.size === 0) continue;
        if (!complete(column, hidden, k)) escalated.push(j);
        for (const g of hidden) cells[g]![j] = true;
      }
      return { cells, rowTotals: cells.map((row) => row.some(Boolean)) };
    });
    if (escalated.length === 0) {
      return { totals: totals.map((_, j) => hiddenCategories.has(j)), grandTotal: false, breakdowns };
    }
    for (const j of escalated) hiddenCategories.add(j);
  }
}
