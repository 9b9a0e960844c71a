import { rowIsClean, type ScenarioRow } from '../../tools/reliability/comparison';
import { formatTable } from '../../tools/reliability/table';

/** The rows of a fault suite: each checked clean as it comes, all printed as docs/reliability.md's table at the end. */
export function faultRows(): { expectClean: (row: ScenarioRow) => void; print: () => void } {
  const rows: ScenarioRow[] = [];
  return {
    expectClean(row) {
      rows.push(row);
      expect({ scenario: row.scenario, problems: row.problems }).toEqual({ scenario: row.scenario, problems: [] });
      expect(rowIsClean(row)).toBe(true);
      expect(row.delivered).toBe(row.expected);
    },
    print() {
      if (rows.length === 0) return;
      const notes = rows.flatMap((r) => r.notes.map((n) => `  ${r.scenario}: ${n}`)).join('\n');
      process.stdout.write(`\n${formatTable(rows)}\n${notes}\n`);
    },
  };
}
