import type { StatusQueryReport } from '../domain/schemas/statistics';
import { median } from '../domain/statistics/median';
import type { FactRow } from './facts-store';

/** The nearest-rank percentile p (0-100) of sorted values (the median is the statistics' own, median.ts). */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1]!;
}

/**
 * The prosecutors' response times of a year, per office, from the status queries' facts (each counted in the year
 * it happened). `courtOfAppeal`: only the offices of that court of appeal (a Principal Crown Prosecutor's view).
 */
export function statusQueryReport(year: number, facts: FactRow[], courtOfAppeal?: string): StatusQueryReport {
  const byOffice = new Map<string, FactRow[]>();
  for (const f of facts) {
    if (!f.kind.startsWith('query-') || !f.office) continue;
    if (courtOfAppeal && f.courtOfAppeal !== courtOfAppeal) continue;
    byOffice.set(f.office, [...(byOffice.get(f.office) ?? []), f]);
  }
  const offices = [...byOffice.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([office, rows]) => {
      const count = (kind: string, category?: string) =>
        rows.filter((r) => r.kind === kind && (category === undefined || r.category === category)).length;
      const days = rows
        .filter((r) => r.kind === 'query-answered' && r.days !== null)
        .map((r) => r.days!)
        .sort((a, b) => a - b);
      return {
        office,
        courtOfAppeal: rows[0]!.courtOfAppeal ?? '',
        sent: count('query-sent'),
        answeredInTime: count('query-answered', 'in-time'),
        answeredLate: count('query-answered', 'late'),
        escalated: count('query-escalated'),
        unanswered: count('query-unanswered'),
        medianDaysToAnswer: days.length > 0 ? median(days) : null,
        p90DaysToAnswer: percentile(days, 90),
      };
    });
  return { year, offices };
}
