import type { WorkflowHandle } from '@temporalio/client';
import type { CaseIndexEntry } from '../../src/domain/procedure/case-index-entry';
import { useCaseWorker } from '../support/case-driver';
import { CENTRE, complaintFiled, prosecutor, PSEUDONYM, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';

const TASK_QUEUE = 'case-index-test';
const recorded = recordingActivities();
const cases = useCaseWorker(TASK_QUEUE, recorded.activities);

const writesOf = (h: WorkflowHandle): CaseIndexEntry[] => recorded.indexed.filter((e) => e.caseId === h.workflowId);
const lastOf = (h: WorkflowHandle): CaseIndexEntry | undefined => writesOf(h).at(-1);
const tasksOf = (e: CaseIndexEntry | undefined) => e?.tasks.map((t) => [t.kind, t.party, t.due]);

/** Waits (in real time: activity retries are the server's) until the case's last write shows what `ready` asks. */
async function indexed(h: WorkflowHandle, ready: (e: CaseIndexEntry) => boolean): Promise<CaseIndexEntry> {
  for (let i = 0; i < 300; i++) {
    const last = lastOf(h);
    if (last && ready(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the index never showed it: ${JSON.stringify(lastOf(h))}`);
}

describe('the rows a case writes to the case index', () => {
  it('follows a case through reflection, its query and stage 3, each write with a higher revision', async () => {
    const h = await cases.open();
    const opened = await cases.today();
    await cases.settled(h);
    expect(lastOf(h)).toMatchObject({
      revision: 0,
      centre: 'PAYOKE',
      stage: 'REFLECTION',
      running: true,
      openedOn: opened,
      personal: { pseudonym: PSEUDONYM },
    });
    expect(tasksOf(lastOf(h))).toEqual([['document-dates', { role: 'immigration-office' }, opened]]);

    const complained = await cases.event(h, CENTRE, complaintFiled(opened));
    const query = complained.prosecutorQuery!;
    await cases.settled(h);
    const inStage2 = await indexed(h, (e) => e.stage === 'TEMPORARY_RESIDENCE');
    expect(inStage2).toMatchObject({ offices: ['ANTWERPEN'], flags: ['awaiting-prosecutor'] });
    expect(inStage2.tasks).toContainEqual({
      taskId: `${query.queryId}/answer`,
      kind: 'status-query-answer',
      party: { role: 'prosecutor', office: 'ANTWERPEN' },
      due: query.replyBy,
      since: query.sentOn,
    });

    await cases.answer(h, prosecutor('ANTWERPEN'), query.queryId, YES);
    await cases.settled(h);
    const inStage3 = await indexed(h, (e) => e.stage === 'IDENTIFIED_VICTIM');
    expect(inStage3.tasks.filter((t) => t.kind === 'status-query-answer')).toEqual([]);
    expect(inStage3.nextDeadline?.kind).toBe('STATUS_QUERY_DUE');

    // Across continue-as-new (each stage starts a run), never a write with a lower revision than the one before.
    const revisions = writesOf(h).map((e) => e.revision);
    expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
    expect(new Set(revisions).size).toBeGreaterThanOrEqual(3);
    // No personal data outside the sealed field: the workflow id is not the pseudonym's carrier.
    expect(h.workflowId).not.toContain(PSEUDONYM);
  });

  it('delays only the index while its store is away: the event applies and its notice goes out', async () => {
    const h = await cases.open();
    const opened = await cases.today();
    await cases.settled(h);
    await indexed(h, (e) => e.revision === 0);
    const noticesBefore = recorded.notices.filter((n) => n.caseId === h.workflowId).length;

    recorded.indexAway(true);
    await cases.event(h, CENTRE, { type: 'support-declined', on: opened });
    await cases.settled(h);
    expect(recorded.notices.filter((n) => n.caseId === h.workflowId).length).toBeGreaterThan(noticesBefore);
    expect(lastOf(h)?.tasks.some((t) => t.kind === 'withdrawal-decision')).toBe(false);

    recorded.indexAway(false);
    const back = await indexed(h, (e) => e.tasks.some((t) => t.kind === 'withdrawal-decision'));
    expect(back.revision).toBeGreaterThan(0);
    expect(tasksOf(back)).toContainEqual(['withdrawal-decision', { role: 'immigration-office' }, expect.any(String)]);
  });
});
