/**
 * Issue 25: the ways a case still closed wrongly, each on the time-skipping server through the workflow's own
 * Update and Query. Every date is written by hand from PROCEDURE.md (never computed by the domain code); each
 * test starts on a day of its own, later than the one before (time only moves forward on one server).
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { IsoDate } from '../../src/domain/calendar';
import type { CaseImportInput } from '../../src/domain/procedure/import';
import type { Actor } from '../../src/domain/procedure/state';
import type { victimCase } from '../../workflows';
import { CaseDriver, CENTRE, IMMIGRATION, NO, opening, prosecutor, YES } from '../support/case-driver';
import { recordingActivities } from '../support/recording-activities';
import { timeSkippingEnv, workflowBundle } from '../support/temporal-env';

const TASK_QUEUE = 'procedure-findings';
const SECOND_OFFICER: Actor = { id: 'dvz-2', role: 'immigration-office' };
const ANTWERP = prosecutor('ANTWERPEN');
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let cases: CaseDriver;
const recorded = recordingActivities();
const started: WorkflowHandle[] = [];

beforeAll(async () => {
  env = await timeSkippingEnv();
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    activities: recorded.activities,
  });
  running = worker.run();
  cases = new CaseDriver(env, TASK_QUEUE);
});
// A case left running would wake at every later test's jump in time; ended once its notices are out (an activity
// cut off by the termination would hold the test server's time skipping).
afterEach(async () => {
  for (const h of started.splice(0)) {
    const { status } = await h.describe();
    if (status.name !== 'RUNNING') continue;
    await cases.settled(h);
    await h.terminate();
  }
});
afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

/** Opens a case on `day` (the server's clock moved there first). */
async function openOn(day: IsoDate, overrides: Parameters<CaseDriver['open']>[0] = {}) {
  await cases.jumpTo(day);
  const h = await cases.open(overrides);
  started.push(h);
  return h;
}

const complaint = (on: IsoDate) =>
  ({ type: 'complaint-filed', on, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }) as const;
const noticesOf = (h: WorkflowHandle) => recorded.notices.filter((n) => n.caseId === h.workflowId);
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => 'applied',
    (e: unknown) => (e instanceof WorkflowUpdateFailedError ? String(e.cause?.message) : `unexpected ${String(e)}`),
  );

describe('finding 1: an eligible victim keeps the case while the Immigration Office decides the B-card', () => {
  it('does not close at the A-card expiry after a "no longer in progress" answer; the grant is still recorded', async () => {
    const h = await openOn('2030-01-07');
    let s = await cases.event(h, CENTRE, complaint('2030-01-07'));
    s = await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    expect(s.document).toMatchObject({ type: 'A_CARD', issuedOn: '2030-01-07', validUntil: '2030-07-07' });

    s = await cases.advanceTo(h, '2030-06-07'); // the renewal query, one month before the expiry
    const renewalQuery = s.prosecutorQuery!.queryId;
    await cases.jumpTo('2030-06-10');
    s = await cases.event(h, ANTWERP, {
      type: 'conviction',
      on: '2030-06-10',
      underTraffickingLaw: true,
      appealed: false,
    });
    expect(s.permanentResidenceReview).toMatchObject({ eligibleOn: '2030-06-10', decideBy: '2030-07-10' });
    await cases.jumpTo('2030-06-12');
    await cases.answer(h, ANTWERP, renewalQuery, NO); // the proceedings ended with the judgment

    s = await cases.advanceTo(h, '2030-07-08'); // the day after the A-card's last day
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null });
    expect(s.permanentResidenceReview).toMatchObject({ decideBy: '2030-07-10' });
    expect(noticesOf(h).find((n) => n.kind === 'expiry-awaits-permanent-residence-decision')).toMatchObject({
      due: '2030-07-07',
      recipients: [{ role: 'immigration-office' }],
    });

    await cases.jumpTo('2030-07-09');
    s = await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: '2030-07-09', grant: true });
    expect(s).toMatchObject({ stage: 'PERMANENT_RESIDENCE', outcome: 'PERMANENT_RESIDENCE' });
    expect(s.document).toMatchObject({ type: 'B_CARD', issuedOn: '2030-07-09', validUntil: null });
  });
});

describe('finding 2: a positive answer that waits for a withdrawal review is a positive decision', () => {
  it('keeps the case open at the 3-month expiry and enters stage 3 on the day the review is decided', async () => {
    const h = await openOn('2031-02-03');
    let s = await cases.event(h, CENTRE, complaint('2031-02-03'));
    expect(s.document).toMatchObject({ validUntil: '2031-05-03' });
    const query = s.prosecutorQuery!.queryId;
    await cases.advanceTo(h, '2031-04-25');
    s = await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: '2031-04-25' });
    expect(s.withdrawalReview).toMatchObject({ decideBy: '2031-05-09' });
    await cases.jumpTo('2031-04-26');
    s = await cases.answer(h, ANTWERP, query, YES);
    expect(s.stage).toBe('TEMPORARY_RESIDENCE');

    s = await cases.advanceTo(h, '2031-05-04'); // the day after the 3-month document's last day
    expect(s).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', outcome: null });
    expect(noticesOf(h).find((n) => n.kind === 'expiry-awaits-withdrawal-decision')).toMatchObject({
      due: '2031-05-03',
      recipients: [{ role: 'immigration-office' }],
    });

    await cases.jumpTo('2031-05-06');
    s = await cases.event(h, SECOND_OFFICER, { type: 'withdrawal-decided', on: '2031-05-06', withdraw: false });
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
    expect(s.document).toMatchObject({ type: 'A_CARD', issuedOn: '2031-05-06', validUntil: '2031-11-06' });
  });
});

describe('finding 3: a case imported late with an unanswered query', () => {
  it('counts the escalation and the window from the import day: a deadline to come in the mail, no close at the expiry', async () => {
    await cases.jumpTo('2032-06-01');
    const caseId = `case-${randomUUID()}`;
    const input: CaseImportInput = {
      caseId,
      centre: 'PAYOKE',
      opening: opening('2032-03-01'),
      importedOn: '2032-06-01',
      importer: IMMIGRATION,
      // Recorded on 15 March: the 3-month document runs until 15 June; the query went out that day, was
      // escalated on 30 March (due 6 April), and was never answered.
      events: [{ ...complaint('2032-03-15'), by: { role: 'centre' } }],
    };
    const h = await env.client.workflow.start<typeof victimCase>('victimCase', {
      taskQueue: TASK_QUEUE,
      workflowId: caseId,
      args: [{ import: input }],
    });
    started.push(h);
    let s = await cases.settled(h);
    expect(s.document).toMatchObject({ validUntil: '2032-06-15' });
    // As if escalated on the import day: max(1 June + 2, min(1 June + 7, 15 June − 1)) = 8 June.
    expect(s.prosecutorQuery).toMatchObject({
      sentOn: '2032-03-15',
      escalatedTo: 'CA-ANTWERPEN',
      replyBy: '2032-06-08',
    });
    const resent = noticesOf(h).filter((n) => n.kind === 'status-query-escalated');
    expect(resent.map((n) => n.due)).toEqual(['2032-06-08']);
    // No notice of the import names a day already past.
    expect(noticesOf(h).filter((n) => n.due !== undefined && n.due < '2032-06-01')).toEqual([]);

    s = await cases.advanceTo(h, '2032-06-16'); // the day after the expiry: the prosecutor had two weeks, not a month
    expect(s).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', outcome: null });
    expect(noticesOf(h).find((n) => n.kind === 'expiry-decision-needed')).toMatchObject({ due: '2032-06-15' });
  });
});

describe('finding 4: the proceedings end after a trafficking conviction', () => {
  it('keeps the case open with its B-card review instead of ending it PROCEEDINGS_ENDED', async () => {
    const h = await openOn('2033-01-10');
    let s = await cases.event(h, CENTRE, complaint('2033-01-10'));
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    await cases.advanceTo(h, '2033-03-01');
    s = await cases.event(h, ANTWERP, {
      type: 'conviction',
      on: '2033-03-01',
      underTraffickingLaw: true,
      appealed: true,
    });
    expect(s.permanentResidenceReview).toMatchObject({ basis: 'conviction-under-appeal', decideBy: '2033-03-31' });
    await cases.jumpTo('2033-03-02');
    s = await cases.event(h, ANTWERP, { type: 'proceedings-ended', on: '2033-03-02', reason: 'other' });
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null });
    expect(s.permanentResidenceReview).toMatchObject({ decideBy: '2033-03-31' });

    await cases.jumpTo('2033-03-05');
    s = await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: '2033-03-05', grant: true });
    expect(s.outcome).toBe('PERMANENT_RESIDENCE');
  });
});

describe('finding 5: an unfounded complaint is never called fraud', () => {
  it('keeps the finding "unfounded" in the outcome and the closing notice', async () => {
    const h = await openOn('2034-02-06');
    let s = await cases.event(h, CENTRE, complaint('2034-02-06'));
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    await cases.jumpTo('2034-02-07');
    await cases.event(h, ANTWERP, { type: 'fraud-established', on: '2034-02-07', finding: 'unfounded' });
    await cases.jumpTo('2034-02-08');
    s = await cases.event(h, IMMIGRATION, {
      type: 'withdrawal-decided',
      on: '2034-02-08',
      withdraw: true,
      ground: 'fraud-established',
    });
    expect(s).toMatchObject({ outcome: 'WITHDRAWN', outcomeDetail: 'unfounded' });
    await cases.settled(h);
    expect(noticesOf(h).find((n) => n.kind === 'case-closed')?.facts).toMatchObject({
      outcome: 'WITHDRAWN',
      detail: 'unfounded',
    });
  });
});

describe('finding 6: a conviction reported while a positive answer waits for the review', () => {
  it('is kept, and opens the B-card review on the day the case enters stage 3', async () => {
    const h = await openOn('2035-03-05');
    let s = await cases.event(h, CENTRE, complaint('2035-03-05'));
    const query = s.prosecutorQuery!.queryId;
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: '2035-03-05' });
    await cases.jumpTo('2035-03-06');
    await cases.answer(h, ANTWERP, query, YES);
    await cases.jumpTo('2035-03-08');
    s = await cases.event(h, ANTWERP, {
      type: 'conviction',
      on: '2035-03-08',
      underTraffickingLaw: true,
      appealed: false,
    });
    expect(s).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', permanentResidenceReview: null });

    await cases.jumpTo('2035-03-10');
    s = await cases.event(h, SECOND_OFFICER, { type: 'withdrawal-decided', on: '2035-03-10', withdraw: false });
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
    // 30 days from the day the case entered stage 3.
    expect(s.permanentResidenceReview).toEqual({
      basis: 'conviction',
      eligibleOn: '2035-03-08',
      decideBy: '2035-04-09',
    });
  });

  it('is dropped when the review withdraws the documents', async () => {
    const h = await openOn('2035-06-04');
    const s = await cases.event(h, CENTRE, complaint('2035-06-04'));
    await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: '2035-06-04' });
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    expect(
      await refusalOf(
        cases.event(h, ANTWERP, { type: 'conviction', on: '2035-06-04', underTraffickingLaw: true, appealed: false }),
      ),
    ).toBe('applied');
    const closed = await cases.event(h, SECOND_OFFICER, {
      type: 'withdrawal-decided',
      on: '2035-06-04',
      withdraw: true,
      ground: 'contact-with-exploiters',
    });
    expect(closed).toMatchObject({ outcome: 'WITHDRAWN', permanentResidenceReview: null });
    await cases.settled(h);
    expect(noticesOf(h).map((n) => n.kind)).not.toContain('permanent-residence-review-opened');
  });
});
