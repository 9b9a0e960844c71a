import { CENTRES } from '../domain/codes';
import { POLICY } from '../domain/policy';
import { EXPLOITATION_FORMS, OUTCOMES } from '../domain/schemas/case';
import { DOCUMENT_TYPES } from '../domain/schemas/events';
import { STATISTICS_BREAKDOWNS, type Statistics, type StatisticsBreakdown } from '../domain/schemas/statistics';
import type { FactKind } from '../domain/statistics/facts';
import { countsInYear, medianMinimumValues } from '../domain/statistics/publication';
import { categoryTotals, protectMeasure } from '../domain/statistics/suppression';
import type { FactRow } from './facts-store';
import { median } from '../domain/statistics/median';

/**
 * The statistics of a closed year from the store's facts: cases opened, documents issued by type and outcomes,
 * each counted in the year it happened (if recorded before the year closed), for all cases and, with `by`, broken
 * down. Every breakdown of a measure is protected together with the others (suppression.ts), whichever one is
 * asked for: a reader who asks for each gets tables that give nothing away together.
 */
/** The groups of each breakdown, in the order the tables list them. */
export const GROUPS: Record<StatisticsBreakdown, readonly string[]> = {
  centre: CENTRES,
  track: ['minor', 'adult'],
  exploitation: EXPLOITATION_FORMS,
};

/** The measures of the statistics: the facts each counts, and the categories it counts them by. */
export const MEASURES = [
  { measure: 'casesOpened', kind: 'case-opened', columns: ['cases'] },
  { measure: 'documentsIssued', kind: 'document-issued', columns: DOCUMENT_TYPES },
  { measure: 'outcomes', kind: 'outcome', columns: OUTCOMES },
] as const satisfies readonly { measure: string; kind: FactKind; columns: readonly string[] }[];

const shown = (n: number, hidden: boolean) => (hidden ? null : n);
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function countTable(facts: FactRow[], columns: readonly string[], groups: readonly string[], by: StatisticsBreakdown) {
  const cells = groups.map(() => columns.map(() => 0));
  for (const f of facts) {
    const i = groups.indexOf(f[by]);
    const j = columns.length === 1 ? 0 : columns.indexOf(f.category ?? '');
    if (i >= 0 && j >= 0) cells[i]![j]! += 1;
  }
  return cells;
}

export function statisticsReport(year: number, facts: FactRow[], by?: StatisticsBreakdown): Statistics {
  const k = POLICY.statisticsMinimumCount;
  const counted = facts.filter((f) => f.year === year && countsInYear(year, f.recordedOn));
  const tables = MEASURES.map(({ measure, kind, columns }) => {
    const ofKind = counted.filter((f) => f.kind === kind);
    const breakdowns = STATISTICS_BREAKDOWNS.map((b) => countTable(ofKind, columns, GROUPS[b], b));
    const counts = { categories: columns.length, breakdowns };
    const hidden = protectMeasure(counts, k);
    const all = categoryTotals(counts);
    const totals = {
      counts: all.map((n, j) => shown(n, hidden.totals[j]!)),
      total: shown(sum(all), hidden.grandTotal),
    };
    if (!by) return { measure, columns: [...columns], rows: [], totals };
    const b = STATISTICS_BREAKDOWNS.indexOf(by);
    const cells = breakdowns[b]!;
    const h = hidden.breakdowns[b]!;
    return {
      measure,
      columns: [...columns],
      rows: GROUPS[by].map((group, i) => ({
        group,
        counts: cells[i]!.map((n, j) => shown(n, h.cells[i]![j]!)),
        total: shown(sum(cells[i]!), h.rowTotals[i]!),
      })),
      totals,
    };
  });
  const days = (kind: FactKind) => counted.filter((f) => f.kind === kind && f.days !== null).map((f) => f.days!);
  // A median over fewer than 2k values is not published; the number of values is hidden as a measure is (rule 1).
  const medianOf = (values: number[]) => ({
    cases: values.length > 0 && values.length <= k ? null : values.length,
    medianDays: values.length >= medianMinimumValues(k) ? median(values) : null,
  });
  return {
    year,
    by: by ?? null,
    k,
    tables,
    medians: {
      openingToComplaint: medianOf(days('complaint')),
      complaintToIdentification: medianOf(days('identified')),
    },
  };
}

/** The report as CSV: one line per published figure; `x` marks a hidden one. */
export function statisticsCsv(r: Statistics): string {
  const lines = ['measure,group,category,count'];
  const cell = (n: number | null) => (n === null ? 'x' : String(n));
  for (const t of r.tables) {
    const rows = [...t.rows, { group: 'all', ...t.totals }];
    for (const row of rows) {
      t.columns.forEach((c, j) => lines.push(`${t.measure},${row.group},${c},${cell(row.counts[j]!)}`));
      if (t.columns.length > 1) lines.push(`${t.measure},${row.group},total,${cell(row.total)}`);
    }
  }
  for (const [name, m] of Object.entries(r.medians)) {
    lines.push(`${name},all,cases,${cell(m.cases)}`);
    lines.push(`${name},all,medianDays,${m.medianDays === null ? 'x' : String(m.medianDays)}`);
  }
  return `${lines.join('\n')}\n`;
}
