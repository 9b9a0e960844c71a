/**
 * Issue 28, "a hidden statistics count can be worked out": an attack with an exact integer solver on every table
 * published for a year (the all-cases row and the breakdowns by centre, track and exploitation, each asked for),
 * with non-negativity and what the published rule says of hidden counts. It first recovers, from issue 18's
 * tables, the hidden 1 and 1 of the live finding and whose they were (the positive control); then, on the tables
 * published now, it finds no hidden figure it can narrow to fewer than k values, in a set of years of small counts.
 */
import { CENTRES } from '../../src/domain/codes';
import { POLICY } from '../../src/domain/policy';
import { EXPLOITATION_FORMS, OUTCOMES } from '../../src/domain/schemas/case';
import type { Statistics } from '../../src/domain/schemas/statistics';
import type { FactKind } from '../../src/domain/statistics/facts';
import type { FactRow } from '../../src/statistics/facts-store';
import { GROUPS as REPORT_GROUPS, MEASURES, statisticsReport } from '../../src/statistics/statistics-report';
import { attack, DIMENSIONS, narrowed, type Dimension, type PublishedMeasure } from '../support/integer-attack';
import { legacyPublished } from '../support/legacy-suppression';

const K = POLICY.statisticsMinimumCount;
const YEAR = 2025;
const GROUPS: Record<Dimension, readonly string[]> = REPORT_GROUPS;

/** `n` facts of one kind, category and centre, track and exploitation. */
interface Facts {
  kind: FactKind;
  category: string | null;
  centre: string;
  track: string;
  exploitation: string;
  n: number;
}
const rows = (facts: Facts[]): FactRow[] =>
  facts.flatMap(({ n, ...f }) =>
    Array.from({ length: n }, () => ({
      ...f,
      year: YEAR,
      days: null,
      office: null,
      courtOfAppeal: null,
      recordedOn: null,
    })),
  );

/** Everything published of one measure: the report asked without a breakdown and with each. */
function publishedNow(facts: FactRow[], measure: string): PublishedMeasure {
  const table = (r: Statistics) => r.tables.find((t) => t.measure === measure)!;
  const breakdowns = Object.fromEntries(
    DIMENSIONS.map((d) => [d, table(statisticsReport(YEAR, facts, d)).rows]),
  ) as PublishedMeasure['breakdowns'];
  const totals = table(statisticsReport(YEAR, facts)).totals;
  // Each breakdown's all-cases row is the one published without it.
  for (const d of DIMENSIONS) expect(table(statisticsReport(YEAR, facts, d)).totals).toEqual(totals);
  return { totals, breakdowns };
}

/** The outcomes of the live finding: 5 voluntary returns at Payoke, 1 withdrawal at Surya, 1 opened in error at Pag-Asa. */
const LIVE: Facts[] = [
  { kind: 'outcome', category: 'VOLUNTARY_RETURN', centre: 'PAYOKE', track: 'adult', exploitation: 'labour', n: 5 },
  { kind: 'outcome', category: 'WITHDRAWN', centre: 'SURYA', track: 'adult', exploitation: 'sexual', n: 1 },
  { kind: 'outcome', category: 'OPENED_IN_ERROR', centre: 'PAG-ASA', track: 'adult', exploitation: 'labour', n: 1 },
];
const column = (name: string) => OUTCOMES.indexOf(name as (typeof OUTCOMES)[number]);

describe('the integer attack on the published statistics', () => {
  it("recovers issue 18's hidden 1 and 1 of the live finding, and the centre each was at (the positive control)", () => {
    const facts = rows(LIVE);
    const all = OUTCOMES.map((o) => facts.filter((f) => f.category === o).length);
    const byCentre = CENTRES.map((c) =>
      OUTCOMES.map((o) => facts.filter((f) => f.centre === c && f.category === o).length),
    );
    const old = legacyPublished(all, byCentre, K);
    // What the live reading showed: 5 voluntary returns, the other two hidden, 7 in all.
    expect(old.totals[column('VOLUNTARY_RETURN')]).toBe(5);
    expect(old.totals[column('WITHDRAWN')]).toBeNull();
    expect(old.totals[column('OPENED_IN_ERROR')]).toBeNull();
    expect(old.grand).toBe(7);
    const ranges = attack(
      { totals: { counts: old.totals, total: old.grand }, breakdowns: { centre: old.rows } },
      GROUPS,
      OUTCOMES.length,
      K,
      'issue-18',
    );
    const range = (figure: string) => ranges.find((r) => r.figure === figure);
    expect(range(`all/${column('WITHDRAWN')}`)).toMatchObject({ min: 1, max: 1 });
    expect(range(`all/${column('OPENED_IN_ERROR')}`)).toMatchObject({ min: 1, max: 1 });
    expect(range(`centre/SURYA/${column('WITHDRAWN')}`)).toMatchObject({ min: 1, max: 1 });
    expect(range(`centre/PAG-ASA/${column('OPENED_IN_ERROR')}`)).toMatchObject({ min: 1, max: 1 });
  });

  it('the same year now: the voluntary returns are hidden with them, and each hidden figure could be 0 to 6', () => {
    const facts = rows(LIVE);
    const published = publishedNow(facts, 'outcomes');
    expect(published.totals.counts).toEqual(
      OUTCOMES.map((o) => (['VOLUNTARY_RETURN', 'WITHDRAWN', 'OPENED_IN_ERROR'].includes(o) ? null : 0)),
    );
    expect(published.totals.total).toBe(7);
    // By centre, each of the three is hidden for every centre, and so are the centres' totals.
    for (const row of published.breakdowns.centre!) {
      expect(row.counts.filter((n) => n === null)).toHaveLength(3);
      expect(row.total).toBeNull();
    }
    const ranges = attack(published, GROUPS, OUTCOMES.length, K, 'issue-28');
    expect(ranges.find((r) => r.figure === `all/${column('WITHDRAWN')}`)).toMatchObject({ min: 0, max: 6 });
    expect(ranges.find((r) => r.figure === `centre/SURYA/${column('WITHDRAWN')}`)).toMatchObject({ min: 0, max: 6 });
    expect(narrowed(ranges, K)).toEqual([]);
  });

  it('finds no hidden figure under k in the tables of 10 years of small counts, every breakdown read together', () => {
    const next = random(20261208);
    for (let n = 0; n < 10; n++) {
      const facts: Facts[] = [];
      for (const { kind, columns } of MEASURES) {
        // A few dozen facts per measure, in a handful of places: small counts, some large, many zeros.
        const places = 3 + Math.floor(next() * 10);
        for (let p = 0; p < places; p++)
          facts.push({
            kind,
            category: columns.length === 1 ? null : columns[Math.floor(next() * Math.min(columns.length, 5))]!,
            centre: pick(CENTRES, next),
            track: next() < 0.3 ? 'minor' : 'adult',
            exploitation: pick(EXPLOITATION_FORMS.slice(0, 3), next),
            n: next() < 0.6 ? 1 + Math.floor(next() * 4) : 5 + Math.floor(next() * 12),
          });
      }
      const year = rows(facts);
      for (const { measure, columns } of MEASURES) {
        const published = publishedNow(year, measure);
        // Every count from 1 to k-1 is hidden, wherever it is.
        for (const d of DIMENSIONS)
          for (const row of published.breakdowns[d]!)
            for (const c of [...row.counts, row.total]) expect(c === null || c === 0 || c >= K).toBe(true);
        const ranges = attack(published, GROUPS, columns.length, K, 'issue-28');
        // The true year is one the attack allows: its model holds the truth.
        for (const r of ranges) {
          const truth = trueValue(year, measure, columns, r.figure);
          expect({ ...r, truth: Math.min(Math.max(truth, r.min), r.max) }).toEqual({ ...r, truth });
        }
        expect({ year: n, measure, narrowed: narrowed(ranges, K) }).toEqual({ year: n, measure, narrowed: [] });
      }
    }
  });
});

/** The true value of a figure the attack names (`all/3`, `centre/SURYA/total`, …). */
function trueValue(facts: FactRow[], measure: string, columns: readonly string[], figure: string): number {
  const kind = MEASURES.find((m) => m.measure === measure)!.kind;
  const parts = figure.split('/');
  const [where, column] = parts.length === 2 ? [undefined, parts[1]!] : [parts.slice(0, 2), parts[2]!];
  return facts.filter(
    (f) =>
      f.kind === kind &&
      (where === undefined || f[where[0] as Dimension] === where[1]) &&
      (column === 'total' || columns.length === 1 || f.category === columns[Number(column)]),
  ).length;
}

/** A deterministic stream of numbers in [0, 1). */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
}
const pick = <T>(values: readonly T[], next: () => number): T => values[Math.floor(next() * values.length)]!;
