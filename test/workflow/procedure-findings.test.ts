/**
 * Issue 25: the ways a case still closed wrongly, and the decisions PROCEDURE.md took where the sources are silent,
 * each on the time-skipping server through the workflow's own Update and Query. Every date is written by hand from
 * PROCEDURE.md (never computed by the domain code); each test runs on a server of its own, moved to its own days.
 */
import { randomUUID } from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { startOfDay, type IsoDate } from '../../src/domain/calendar';
import { SA } from '../../src/domain/search-attribute-keys';
import type { CaseImportInput } from '../../src/domain/procedure/import';
import type { Actor } from '../../src/domain/procedure/state';
import type { victimCase } from '../../workflows';
import { useCaseWorker, type CaseDriver } from '../support/case-driver';
import { CENTRE, complaintFiled, IMMIGRATION, NO, opening, prosecutor, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';

const TASK_QUEUE = 'procedure-findings';
const SECOND_OFFICER: Actor = { id: 'dvz-2', role: 'immigration-office' };
const ANTWERP = prosecutor('ANTWERPEN');
const recorded = recordingActivities();
// A server of its own for each test: its clock starts today and only moves forward to the test's own days, and no
// case of another test wakes at its jumps in time (nor needs ending, which could leave an activity holding the
// server's time skipping).
const cases = useCaseWorker(TASK_QUEUE, recorded.activities, { eachTest: true });

/** Opens a case on `day` (the server's clock moved there first). */
async function openOn(day: IsoDate, overrides: Parameters<CaseDriver['open']>[0] = {}) {
  await cases.jumpTo(day);
  const h = await cases.open(overrides);
  return h;
}

const noticesOf = (h: WorkflowHandle) => recorded.notices.filter((n) => n.caseId === h.workflowId);
const rolesOf = (h: WorkflowHandle, kind: string) =>
  noticesOf(h)
    .filter((n) => n.kind === kind)
    .map((n) => n.recipients.map((r) => r.role));
const GUARDIAN = { name: 'G. Voogd', email: 'voogd@example.org' };
const minorBornOn = (dateOfBirth: IsoDate) => ({
  unaccompaniedMinor: true,
  victim: { pseudonym: 'X', dateOfBirth, language: 'ro' },
  guardian: GUARDIAN,
});
const refusalOf = (p: Promise<unknown>) =>
  p.then(
    () => 'applied',
    (e: unknown) => (e instanceof WorkflowUpdateFailedError ? String(e.cause?.message) : `unexpected ${String(e)}`),
  );

describe('finding 1: an eligible victim keeps the case while the Immigration Office decides the B-card', () => {
  it('does not close at the A-card expiry after a "no longer in progress" answer; the grant is still recorded', async () => {
    const h = await openOn('2030-01-07');
    let s = await cases.event(h, CENTRE, complaintFiled('2030-01-07'));
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
    let s = await cases.event(h, CENTRE, complaintFiled('2031-02-03'));
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
      events: [{ ...complaintFiled('2032-03-15'), by: { role: 'centre' } }],
    };
    const h = await cases.env.client.workflow.start<typeof victimCase>('victimCase', {
      taskQueue: TASK_QUEUE,
      workflowId: caseId,
      args: [{ import: input }],
    });
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
    let s = await cases.event(h, CENTRE, complaintFiled('2033-01-10'));
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
    let s = await cases.event(h, CENTRE, complaintFiled('2034-02-06'));
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
    let s = await cases.event(h, CENTRE, complaintFiled('2035-03-05'));
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
    const s = await cases.event(h, CENTRE, complaintFiled('2035-06-04'));
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

describe('decision: smuggling with aggravating circumstances leads to stage 4 as trafficking does', () => {
  it('opens the B-card review on a conviction for aggravated smuggling, or on that offence retained in the charges; not on another offence', async () => {
    const smuggling = await openOn('2036-01-07');
    const other = await cases.open();
    for (const h of [smuggling, other]) {
      const s = await cases.event(h, CENTRE, complaintFiled('2036-01-07'));
      await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    }
    await cases.jumpTo('2036-01-08');
    let s = await cases.event(smuggling, ANTWERP, {
      type: 'conviction',
      on: '2036-01-08',
      offence: 'aggravated-smuggling',
      appealed: false,
    });
    expect(s.permanentResidenceReview).toEqual({
      basis: 'conviction',
      eligibleOn: '2036-01-08',
      decideBy: '2036-02-07',
    });
    s = await cases.event(other, ANTWERP, { type: 'conviction', on: '2036-01-08', offence: 'other', appealed: false });
    expect(s.permanentResidenceReview).toBeNull();
    s = await cases.event(other, ANTWERP, {
      type: 'trafficking-retained-in-charges',
      on: '2036-01-08',
      statementsSignificant: true,
      offence: 'aggravated-smuggling',
    });
    expect(s.permanentResidenceReview).toEqual({
      basis: 'retained-charges',
      eligibleOn: '2036-01-08',
      decideBy: '2036-02-07',
    });
    await cases.jumpTo('2036-01-09');
    s = await cases.event(smuggling, IMMIGRATION, {
      type: 'permanent-residence-decided',
      on: '2036-01-09',
      grant: true,
    });
    expect(s.outcome).toBe('PERMANENT_RESIDENCE');
  });
});

describe('decision: after a refusal the ordinary rules apply again', () => {
  it('ends the case NOT_RENEWED on the day of a refusal recorded after the A-card expired on a negative answer', async () => {
    const h = await openOn('2036-03-03');
    let s = await cases.event(h, CENTRE, complaintFiled('2036-03-03'));
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES); // A-card until 3 September
    s = await cases.advanceTo(h, '2036-08-03');
    const renewalQuery = s.prosecutorQuery!.queryId;
    await cases.jumpTo('2036-08-20');
    await cases.event(h, ANTWERP, { type: 'conviction', on: '2036-08-20', offence: 'trafficking', appealed: false });
    await cases.jumpTo('2036-08-21');
    await cases.answer(h, ANTWERP, renewalQuery, NO);
    s = await cases.advanceTo(h, '2036-09-04');
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null });
    await cases.jumpTo('2036-09-10');
    s = await cases.event(h, IMMIGRATION, {
      type: 'permanent-residence-decided',
      on: '2036-09-10',
      grant: false,
      reason: 'conditions-not-met',
    });
    expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'NOT_RENEWED', outcomeDetail: 'negative-answer' });
  });
});

describe('decision: the one renewal of the 3-month document', () => {
  it('sets a negative answer aside and asks again at once, with deadlines of its own', async () => {
    const h = await openOn('2037-01-05');
    let s = await cases.event(h, CENTRE, complaintFiled('2037-01-05')); // until 5 April
    await cases.jumpTo('2037-01-10');
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, NO);
    await cases.advanceTo(h, '2037-03-20');
    s = await cases.event(h, IMMIGRATION, { type: 'temporary-residence-renewed', on: '2037-03-20' });
    expect(s.document).toMatchObject({ validUntil: '2037-07-05', renewals: 1 });
    expect(s.prosecutorQuery).toMatchObject({ sentOn: '2037-03-20', replyBy: '2037-04-03' });
    expect(s.prosecutorQuery!.queryId).toMatch(/-q2$/);
    expect(
      await refusalOf(cases.event(h, IMMIGRATION, { type: 'temporary-residence-renewed', on: '2037-03-20' })),
    ).toMatch(/one renewal/);
  });
});

describe('decision: a deadline computed again never falls before two days after that day', () => {
  it('moves the reply deadline to two days after the day new printed dates are reported, and warns when that is the expiry', async () => {
    const early = await openOn('2037-09-07');
    const late = await cases.open();
    for (const h of [early, late]) await cases.event(h, CENTRE, complaintFiled('2037-09-07')); // reply by 21 September
    await cases.jumpTo('2037-09-20');
    const printed = (validUntil: IsoDate) =>
      ({
        type: 'document-issued',
        on: '2037-09-20',
        document: 'ATTESTATION_OF_IMMATRICULATION',
        issuedOn: '2037-09-07',
        validUntil,
      }) as const;
    // The formula gives max(9 Sep, min(21 Sep, 23 Sep)) = 21 Sep; never before 22 Sep.
    let s = await cases.event(early, IMMIGRATION, printed('2037-09-30'));
    expect(s.prosecutorQuery).toMatchObject({ replyBy: '2037-09-22' });
    s = await cases.event(late, IMMIGRATION, printed('2037-09-22'));
    expect(s.prosecutorQuery).toMatchObject({ replyBy: '2037-09-22' });
    await cases.settled(early);
    await cases.settled(late);
    expect(rolesOf(early, 'answer-not-due-before-expiry')).toEqual([]);
    expect(rolesOf(late, 'answer-not-due-before-expiry')).toEqual([['immigration-office']]);
  });
});

describe('decision: the humanitarian flag after a silent prosecutor', () => {
  it('flags a case that ends NOT_RENEWED with no answer about the expiring A-card more than two years after the complaint', async () => {
    const h = await openOn('2038-01-04');
    let s = await cases.event(h, CENTRE, complaintFiled('2038-01-04'));
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES); // A-card until 4 July 2038
    for (const day of ['2038-06-04', '2038-12-04', '2039-06-04', '2039-12-04']) {
      s = await cases.advanceTo(h, day);
      s = await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES);
    }
    expect(s.document).toMatchObject({ validUntil: '2040-07-04' });
    s = await cases.advanceTo(h, '2040-07-05'); // asked on 4 June 2040, escalated, never answered
    expect(s).toMatchObject({ outcome: 'NOT_RENEWED', outcomeDetail: 'no-decision' });
    expect(s.flags.humanitarianCandidate).toBe(true);
  });
});

describe('decision: the guardianship and the date of birth', () => {
  it('ends the guardianship of someone born on 29 February on 1 March of a year without one', async () => {
    const h = await openOn('2042-02-04', minorBornOn('2024-02-29'));
    let s = await cases.event(h, CENTRE, complaintFiled('2042-02-04'));
    const query = s.prosecutorQuery!.queryId;
    await cases.jumpTo('2042-02-28');
    s = await cases.answer(h, ANTWERP, query, YES); // A-card until 28 August
    expect(s.flags.guardianshipEnded).toBe(false);
    expect(s.deadlines).toContainEqual(expect.objectContaining({ kind: 'GUARDIANSHIP_ENDS', due: '2042-03-01' }));
    s = await cases.advanceTo(h, '2042-03-01');
    expect(s.flags.guardianshipEnded).toBe(true);
    expect(noticesOf(h).find((n) => n.kind === 'guardianship-ended')).toMatchObject({ due: '2042-03-01' });
    expect(rolesOf(h, 'guardianship-ended')).toEqual([['centre', 'guardian']]);
    await cases.advanceTo(h, '2042-07-29'); // 30 days before the A-card expires: the centre, no longer the guardian
    expect(rolesOf(h, 'stage-changed').at(-1)).toEqual(['centre', 'guardian']);
    expect(rolesOf(h, 'document-expiry-reminder')).toEqual([['centre', 'caseworker']]);
  });

  it('never puts the 18th birthday on a timer or in NextDeadline; the notice goes out on the first day of its month', async () => {
    const h = await openOn('2043-01-10', minorBornOn('2025-05-20'));
    const s = await cases.event(h, CENTRE, complaintFiled('2043-01-10'));
    await cases.answer(h, ANTWERP, s.prosecutorQuery!.queryId, YES); // A-card until 10 July
    const nextDeadlines: (string | undefined)[] = [];
    for (const day of ['2043-04-30', '2043-05-01', '2043-05-19', '2043-05-20', '2043-05-21', '2043-06-09']) {
      await cases.advanceTo(h, day);
      nextDeadlines.push((await h.describe()).typedSearchAttributes.get(SA.nextDeadline)?.toISOString());
      if (day === '2043-04-30') expect(rolesOf(h, 'guardianship-ended')).toEqual([]);
      if (day === '2043-05-01') expect(rolesOf(h, 'guardianship-ended')).toEqual([['centre', 'guardian']]);
    }
    const birthday = startOfDay('2043-05-20');
    expect(nextDeadlines).not.toContain(new Date(birthday).toISOString());
    const history = await h.fetchHistory();
    const timers = (history.events ?? []).flatMap((e) => {
      const started = e.timerStartedEventAttributes;
      if (!started || !e.eventTime) return [];
      const fires = Number(e.eventTime.seconds) * 1000 + Number(started.startToFireTimeout?.seconds ?? 0) * 1000;
      const summary = e.userMetadata?.summary?.data ? Buffer.from(e.userMetadata.summary.data).toString() : '';
      return [{ fires, summary }];
    });
    expect(timers.length).toBeGreaterThan(0);
    // No timer fires on the birthday (its day in Brussels), and none names it.
    expect(timers.filter((t) => t.fires >= birthday && t.fires < startOfDay('2043-05-21'))).toEqual([]);
    expect(timers.filter((t) => t.summary.includes('2043-05-20'))).toEqual([]);
  });

  it('ends the guardianship on the day an age determination finds an adult, and restores it when a later birth date is recorded', async () => {
    const h = await openOn('2044-09-01', minorBornOn('2028-06-15'));
    let s = await cases.event(h, CENTRE, complaintFiled('2044-09-01'));
    const query = s.prosecutorQuery!.queryId;
    await cases.jumpTo('2044-09-10');
    s = await cases.event(h, CENTRE, { type: 'age-determined', on: '2044-09-08', adult: true });
    expect(s.flags.guardianshipEnded).toBe(true);
    await cases.settled(h);
    expect(noticesOf(h).find((n) => n.kind === 'guardianship-ended')).toMatchObject({ due: '2044-09-10' });
    expect(rolesOf(h, 'guardianship-ended')).toEqual([['centre', 'guardian']]);
    await cases.jumpTo('2044-09-11');
    s = await cases.answer(h, ANTWERP, query, YES); // A-card until 11 March 2045
    expect(s.unaccompaniedMinor).toBe(true);
    await cases.settled(h);
    expect(rolesOf(h, 'stage-changed').at(-1)).toEqual(['centre']);

    await cases.jumpTo('2044-09-12');
    s = await cases.event(h, IMMIGRATION, { type: 'age-determined', on: '2044-09-12', dateOfBirth: '2027-12-20' });
    expect(s.flags.guardianshipEnded).toBe(false);
    expect(s.deadlines).toContainEqual(expect.objectContaining({ kind: 'GUARDIANSHIP_ENDS', due: '2045-12-20' }));
    await cases.advanceTo(h, '2045-02-09'); // 30 days before the A-card expires: the guardian is copied again
    expect(rolesOf(h, 'document-expiry-reminder')).toEqual([['centre', 'caseworker', 'guardian']]);
  });

  it('refuses an age determination on an adult case', async () => {
    const h = await openOn('2045-12-01');
    expect(await refusalOf(cases.event(h, CENTRE, { type: 'age-determined', on: '2045-12-01', adult: true }))).toMatch(
      /unaccompanied minor only/,
    );
  });
});
