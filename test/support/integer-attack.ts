/**
 * A reader's attack on the published statistics of one measure (issue 28): an exact integer program over the
 * unknown facts of the year, counted by centre × track × exploitation × category, held to every figure published
 * in the all-cases row and in every breakdown, to non-negativity and to what the published rule says of hidden
 * counts; for each hidden figure, its least and greatest value (GLPK, in test/support/integer-solver.mjs).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const DIMENSIONS = ['centre', 'track', 'exploitation'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A published row: its counts (null: hidden) and its total. */
export interface PublishedRow {
  counts: (number | null)[];
  total: number | null;
}

/** What is published of one measure for a year: the all-cases row, and the breakdowns a reader asked for. */
export interface PublishedMeasure {
  totals: PublishedRow;
  breakdowns: Partial<Record<Dimension, PublishedRow[]>>;
}

/**
 * What the rule tells a reader of hidden figures. Issue 18's documentation: a hidden count is never zero.
 * Issue 28's rule (src/domain/statistics/suppression.ts): a measure hidden whole has 1 to k facts; the hidden
 * categories of the all-cases row, and the hidden counts of one category in one breakdown whose total is
 * published, each include a count from 1 to k-1.
 */
export type Rule = 'issue-18' | 'issue-28';

/** One hidden figure's feasible range: every value in [min, max] is possible, none outside. */
export interface Range {
  figure: string;
  min: number;
  max: number;
}

/** Larger than any count of a test's year: a figure that reaches it is unbounded. */
const UNBOUNDED = 1000;

interface Variable {
  name: string;
  lb?: number;
  ub?: number;
  binary?: boolean;
}
interface Constraint {
  coefs: Record<string, number>;
  lb?: number;
  ub?: number;
}

/** The ranges of every hidden figure of `p`, given the groups of each dimension and the number of categories. */
export function attack(
  p: PublishedMeasure,
  groups: Record<Dimension, readonly string[]>,
  categories: number,
  k: number,
  rule: Rule,
): Range[] {
  const variables: Variable[] = [];
  const constraints: Constraint[] = [];
  // The unknown facts: one count per centre, track, exploitation and category.
  const cells: { name: string; at: Record<Dimension, number>; j: number }[] = [];
  groups.centre.forEach((_, c) =>
    groups.track.forEach((_, t) =>
      groups.exploitation.forEach((_, e) => {
        for (let j = 0; j < categories; j++) {
          const name = `u_${c}_${t}_${e}_${j}`;
          variables.push({ name, lb: 0, ub: UNBOUNDED });
          cells.push({ name, at: { centre: c, track: t, exploitation: e }, j });
        }
      }),
    ),
  );
  const sumOf = (keep: (cell: (typeof cells)[number]) => boolean): Record<string, number> =>
    Object.fromEntries(cells.filter(keep).map((cell) => [cell.name, 1]));

  const hidden: { figure: string; name: string }[] = [];
  /** A published figure is what it says; a hidden one is a variable of its own, for the objective. */
  const figure = (label: string, coefs: Record<string, number>, value: number | null): string | undefined => {
    if (value !== null) {
      constraints.push({ coefs, lb: value, ub: value });
      return undefined;
    }
    const name = `h${hidden.length}`;
    variables.push({ name, lb: rule === 'issue-18' ? 1 : 0, ub: UNBOUNDED });
    constraints.push({ coefs: { ...coefs, [name]: -1 }, lb: 0, ub: 0 });
    hidden.push({ figure: label, name });
    return name;
  };
  /** At least one of `names` counts 1 to k-1. */
  const oneUnderK = (names: string[]) => {
    if (names.length === 0) return;
    const flags = names.map((n) => {
      const b = `${n}_small`;
      variables.push({ name: b, binary: true });
      constraints.push({ coefs: { [n]: 1, [b]: -1 }, lb: 0 });
      constraints.push({ coefs: { [n]: 1, [b]: UNBOUNDED }, ub: k - 1 + UNBOUNDED });
      return b;
    });
    constraints.push({ coefs: Object.fromEntries(flags.map((b) => [b, 1])), lb: 1 });
  };

  const totalHidden = p.totals.counts.map((n, j) =>
    figure(
      `all/${j}`,
      sumOf((cell) => cell.j === j),
      n,
    ),
  );
  const grand = figure(
    'all/total',
    sumOf(() => true),
    p.totals.total,
  );
  if (rule === 'issue-28') {
    if (grand) constraints.push({ coefs: { [grand]: 1 }, lb: 1, ub: k });
    else oneUnderK(totalHidden.filter((n): n is string => n !== undefined));
  }
  for (const d of DIMENSIONS) {
    const rows = p.breakdowns[d];
    if (!rows) continue;
    const byCategory: string[][] = Array.from({ length: categories }, () => []);
    rows.forEach((row, g) => {
      row.counts.forEach((n, j) => {
        const name = figure(
          `${d}/${groups[d][g]}/${j}`,
          sumOf((cell) => cell.at[d] === g && cell.j === j),
          n,
        );
        if (name) byCategory[j]!.push(name);
      });
      figure(
        `${d}/${groups[d][g]}/total`,
        sumOf((cell) => cell.at[d] === g),
        row.total,
      );
    });
    if (rule === 'issue-28' && !grand)
      byCategory.forEach((names, j) => {
        if (totalHidden[j] === undefined) oneUnderK(names);
      });
  }
  if (hidden.length === 0) return [];
  const solved = JSON.parse(
    execFileSync(process.execPath, [join(__dirname, 'integer-solver.mjs')], {
      input: JSON.stringify({ model: { variables, constraints }, objectives: hidden.map((h) => h.name) }),
      maxBuffer: 64 * 1024 * 1024,
    }).toString('utf8'),
  ) as { variable: string; min: number | null; max: number | null }[];
  return solved.map((s, i) => {
    if (s.min === null || s.max === null) throw new Error(`the published figures admit no year (${hidden[i]!.figure})`);
    return { figure: hidden[i]!.figure, min: s.min, max: s.max };
  });
}

/** The figures whose range holds fewer than k values: what a reader narrows down too far. */
export const narrowed = (ranges: Range[], k: number): Range[] => ranges.filter((r) => r.max - r.min + 1 < k);
