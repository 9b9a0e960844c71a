/**
 * Issue 27, part 5, against the real dev server: `npm run index -- rebuild` fills an emptied index from the cases
 * Temporal holds, running and closed, each row as the case's status shows it; `verify` names exactly the field of a
 * row made wrong, and a row left for a case Temporal no longer holds, which the next rebuild removes.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openCaseIndex, type CaseIndexStore } from '../../src/case-index/case-index-store';
import { heldCases, type HeldCases } from '../../src/case-index/held-cases';
import { rebuildIndex } from '../../src/case-index/rebuild-index';
import { ROW_WITHOUT_CASE, verifyIndex } from '../../src/case-index/verify-index';
import type { CaseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import type { CaseStatus } from '../../src/domain/schemas/case';
import { status } from '../../workflows/messages';
import {
  caseIdentified,
  caseInTemporaryResidence,
  eventually,
  openCase,
  recordOk,
  today,
} from '../support/api-helpers';
import { useServiceStack } from '../support/service-stack';

const stack = useServiceStack();
let index: CaseIndexStore;
let cases: HeldCases;
const ids = { reflection: '', query: '', identified: '', closed: '' };

const serviceDatabase = () => join(stack.dir, 'statistics.sqlite');

/** Changes a row behind the store's back, as a bad restore or a bug would. */
function alterRow(caseId: string, set: string, values: unknown[]): void {
  const db = new Database(serviceDatabase());
  db.prepare(`UPDATE case_index SET ${set} WHERE case_id = ?`).run(...values, caseId);
  db.close();
}

beforeAll(async () => {
  index = openCaseIndex(serviceDatabase(), stack.caseKeys);
  cases = heldCases(stack.client);
  ids.reflection = (await openCase(stack.app, 'payoke')).caseId;
  ids.query = (await caseInTemporaryResidence(stack.app, 'pagasa')).caseId;
  ids.identified = (await caseIdentified(stack.app)).caseId;
  ids.closed = (await openCase(stack.app, 'payoke')).caseId;
  await recordOk(stack.app, 'payoke', ids.closed, { type: 'opened-in-error', on: today() });
  await stack.client.workflow.getHandle(ids.closed).result();
  // Visibility lists a case shortly after it starts.
  await eventually(
    () => cases.ids(),
    (listed) => Object.values(ids).every((id) => listed.includes(id)),
    20_000,
  );
}, 120_000);
afterAll(() => index?.close());

/** The row agrees with the case's own status Query, field by field (not through the index's projection). */
function expectRowShowsStatus(row: CaseIndexEntry | undefined, s: CaseStatus, running: boolean): void {
  expect(row).toMatchObject({
    caseId: s.caseId,
    centre: s.centre,
    stage: s.stage,
    outcome: s.outcome,
    openedOn: s.openedOn,
    running,
    personal: { pseudonym: s.victim.pseudonym, ...s.references },
  });
  expect(row!.flags.includes('unaccompanied-minor')).toBe(s.unaccompaniedMinor);
  expect(row!.flags.includes('awaiting-prosecutor')).toBe(s.prosecutorQuery !== null);
  const query = s.prosecutorQuery;
  if (query) {
    expect(row!.offices).toContain(query.office);
    expect(row!.tasks).toContainEqual(
      expect.objectContaining({
        kind: 'status-query-answer',
        party: { role: 'prosecutor', office: query.office },
        due: query.replyBy,
      }),
    );
  }
}

describe('npm run index -- rebuild | verify', () => {
  it('fills an emptied index with every case, running and closed, as its status shows it', async () => {
    for (const caseId of await index.caseIds()) await index.remove(caseId);
    expect(await index.caseIds()).toEqual([]);

    const report = await rebuildIndex(cases, index);
    expect(report).toMatchObject({ cases: 4, unreadable: [], removed: 0 });
    expect(report.written + report.current).toBe(4);
    expect(await index.caseIds()).toEqual(Object.values(ids).sort());
    for (const caseId of Object.values(ids)) {
      const handle = stack.client.workflow.getHandle(caseId);
      const running = (await handle.describe()).status.name === 'RUNNING';
      expect(running).toBe(caseId !== ids.closed);
      expectRowShowsStatus(await index.read(caseId), await handle.query(status), running);
    }
    expect(await verifyIndex(cases, index)).toEqual([]);
  });

  it('names exactly the field of a row made wrong; a rebuild mends a row left behind the case', async () => {
    alterRow(ids.query, 'stage = ?', ['PERMANENT_RESIDENCE']);
    expect(await verifyIndex(cases, index)).toEqual([{ caseId: ids.query, field: 'stage' }]);
    // At the case's revision the rebuild leaves the row (it never moves one back); a row behind the case it mends.
    alterRow(ids.query, 'revision = ?', [0]);
    expect(await rebuildIndex(cases, index)).toMatchObject({ written: 1, current: 3 });
    expect(await verifyIndex(cases, index)).toEqual([]);
  });

  it('removes the rows of a case Temporal no longer holds', async () => {
    const gone = 'case-00000000-0000-4000-8000-00000000gone';
    const kept = await index.read(ids.reflection);
    await index.write({ ...kept!, caseId: gone, revision: 1 });
    expect(await verifyIndex(cases, index)).toEqual([{ caseId: gone, field: ROW_WITHOUT_CASE }]);
    expect(await rebuildIndex(cases, index)).toMatchObject({ removed: 1, unreadable: [] });
    expect(await index.caseIds()).toEqual(Object.values(ids).sort());
    expect(await verifyIndex(cases, index)).toEqual([]);
  });
});
