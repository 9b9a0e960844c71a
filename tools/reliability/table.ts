import type { ScenarioRow } from './comparison';

/** The table `npm run reliability` prints. */
export function formatTable(rows: ScenarioRow[]): string {
  const header = [
    'scenario',
    'cases',
    'events',
    'notices expected',
    'delivered',
    'lost',
    'duplicated',
    'state diffs',
    'index diffs',
    'seconds',
  ];
  const body = rows.map((r) => [
    r.scenario,
    String(r.cases),
    String(r.events),
    String(r.expected),
    String(r.delivered),
    String(r.lost),
    String(r.duplicated + r.unexpected),
    String(r.stateMismatches + r.refusalMismatches + r.requestErrors),
    String(r.indexMismatches),
    r.seconds.toFixed(0),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}
