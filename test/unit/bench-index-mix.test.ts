/**
 * The index section's seeding (tools/bench/index-mix.ts) is the mix it says: each kind of import is accepted and
 * leaves the open tasks it was made for, read through the same pure code the workflow and the index use.
 */
import { MIX_KINDS, mixCase, mixKind, type MixKind } from '../../tools/bench/index-mix';
import { applyEvent } from '../../src/domain/procedure/apply';
import { caseIndexEntry, type TaskKind } from '../../src/domain/procedure/case-index-entry';
import { importCase } from '../../src/domain/procedure/import';
import { whyEventRejected } from '../../src/domain/procedure/rules';
import { caseImportSchema } from '../../src/domain/schemas/case';

const TODAY = '2026-10-14';

const OFFICER = { id: 'dvz', role: 'immigration-office' } as const;

/** The case as the import, and the event the seeding records after it, leave it. */
function imported(i: number) {
  const { body, then } = mixCase(TODAY, i);
  const { centre, events, ...opening } = caseImportSchema.parse(body);
  const result = importCase({
    caseId: `case-mix-${i}`,
    centre,
    opening,
    events,
    importedOn: TODAY,
    importer: OFFICER,
  });
  if ('refusal' in result) throw new Error(`case ${i} (${mixKind(i)}): ${JSON.stringify(result.refusal)}`);
  if (then) {
    expect(whyEventRejected(result.state, then, OFFICER, TODAY)).toBeNull();
    applyEvent(result.state, then, OFFICER, TODAY);
  }
  return caseIndexEntry(result.state);
}

/** The tasks each kind is seeded for (others may come with it: a document's dates, a query's escalation). */
const MADE_FOR: Record<MixKind, TaskKind[]> = {
  'query-open': ['status-query-answer'],
  'withdrawal-review': ['withdrawal-decision', 'status-query-answer'],
  reflection: ['document-dates'],
  'renewed-query-open': ['status-query-answer'],
  'permanent-residence-review': ['permanent-residence-decision'],
  'identity-proof': ['identity-proof'],
};

describe('the index section’s mix of imports', () => {
  const entries = Array.from({ length: 200 }, (_, i) => ({ i, kind: mixKind(i), entry: imported(i) }));

  it('imports every case of ten cycles as a running case with the tasks its kind is made for', () => {
    for (const { kind, entry } of entries) {
      expect(entry.running).toBe(true);
      const kinds = new Set(entry.tasks.map((t) => t.kind));
      for (const k of MADE_FOR[kind]) expect({ kind, has: kinds.has(k) }).toEqual({ kind, has: true });
    }
    expect(new Set(entries.map((e) => e.kind))).toEqual(new Set(MIX_KINDS));
  });

  it('spreads the cases over the centres and offices, some queries escalated, some documents still to issue', () => {
    expect(new Set(entries.map((e) => e.entry.centre)).size).toBe(3);
    const answering = entries.flatMap((e) =>
      e.entry.tasks.filter((t) => t.kind === 'status-query-answer').map((t) => t.party),
    );
    const offices = [...new Set(answering.map((p) => (p.role === 'prosecutor' ? p.office : '')))];
    expect(offices.filter((o) => o.startsWith('CA-')).length).toBeGreaterThanOrEqual(4);
    expect(offices.filter((o) => !o.startsWith('CA-')).length).toBeGreaterThanOrEqual(6);
    // An escalated query is also still the office's: fewer Principal Crown Prosecutors' tasks than offices'.
    const escalated = answering.filter((p) => p.role === 'prosecutor' && p.office.startsWith('CA-')).length;
    expect(escalated).toBeGreaterThan(0);
    expect(escalated).toBeLessThan(answering.length - escalated);
    const toIssue = entries.filter((e) => e.entry.tasks.some((t) => t.kind === 'document-dates')).length;
    expect(toIssue).toBeGreaterThan(entries.length / 4);
    expect(toIssue).toBeLessThan(entries.length);
  });
});
