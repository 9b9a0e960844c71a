import { CENTRES } from '../domain/codes';
import { POLICY } from '../domain/policy';
import { EXPLOITATION_FORMS, OUTCOMES } from '../domain/schemas/case';
import { DOCUMENT_TYPES } from '../domain/schemas/events';
import type { Statistics, StatisticsBreakdown } from '../domain/schemas/statistics';
import type { FactKind } from '../domain/statistics/facts';
import { protect, type Suppression } from '../domain/statistics/suppression';
import type { FactRow } from './facts-store';
import { median } from '../domain/statistics/median';

/**
 * The statistics of a year from the store's facts: cases opened, documents issued by type and outcomes, each
 * counted in the year it happened, for all cases and, with `by`, broken down. Every table is protected on its
 * own (suppression.ts), and a breakdown with the totals row of the same measure as published without it, so that
 * the two together give nothing away either.
 */
const GROUPS: Record<StatisticsBreakdown, readonly string[]> = {
  centre: CENTRES,
  track: ['minor', 'adult'],
  exploitation: EXPLOITATION_FORMS,
};

const MEASURES = [
  { measure: 'casesOpened', kind: 'case-opened', columns: ['cases'] },
  { measure: 'documentsIssued', kind: 'document-issued', columns: DOCUMENT_TYPES },
  { measure: 'outcomes', kind: 'outcome', columns: OUTCOMES },
] as const satisfies readonly { measure: string; kind: FactKind; columns: readonly string[] }[];

const shown = (n: number, hidden: boolean) => (hidden ? null : n);
/** A row as published: its counts and its total, each null where the suppression hides it. */
const published = (counts: number[], hidden: boolean[], totalHidden: boolean) => ({
  counts: counts.map((n, j) => shown(n, hidden[j]!)),
  total: shown(
    counts.reduce((a, b) => a + b, 0),
    totalHidden,
  ),
});

function countTable(
  facts: FactRow[],
  columns: readonly string[],
  groups: readonly string[],
  groupOf: (f: FactRow) => string,
) {
  const cells = groups.map(() => columns.map(() => 0));
  for (const f of facts) {
    const i = groups.indexOf(groupOf(f));
    const j = columns.length === 1 ? 0 : columns.indexOf(f.category ?? '');
    if (i >= 0 && j >= 0) cells[i]![j]! += 1;
  }
  return cells;
}

export function statisticsReport(year: number, facts: FactRow[], by?: StatisticsBreakdown): Statistics {
  const k = POLICY.statisticsMinimumCount;
  const tables = MEASURES.map(({ measure, kind, columns }) => {
    const ofKind = facts.filter((f) => f.kind === kind);
    const all = countTable(ofKind, columns, ['all'], () => 'all');
    const base = protect({ cells: all }, k);
    const totals = published(all[0]!, base.cells[0]!, base.rowTotals[0]!);
    if (!by) return { measure, columns: [...columns], rows: [], totals };
    const groups = GROUPS[by];
    const cells = countTable(ofKind, columns, groups, (f) => f[by]);
    // The breakdown's totals row is the row published above: what it shows stays, what it hides stays hidden.
    const shared = [...base.cells[0]!.map((h, j) => [h, j] as const), [base.rowTotals[0]!, columns.length] as const];
    const s: Suppression = protect({ cells }, k, {
      fixed: shared.filter(([h]) => !h).map(([, j]) => [groups.length, j] as const),
      forced: shared.filter(([h]) => h).map(([, j]) => [groups.length, j] as const),
    });
    return {
      measure,
      columns: [...columns],
      rows: groups.map((group, i) => ({ group, ...published(cells[i]!, s.cells[i]!, s.rowTotals[i]!) })),
      totals,
    };
  });
  const days = (kind: FactKind) => facts.filter((f) => f.kind === kind && f.days !== null).map((f) => f.days!);
  const medianOf = (values: number[]) => ({
    cases: values.length > 0 && values.length < k ? null : values.length,
    medianDays: values.length >= k ? median(values) : null,
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
