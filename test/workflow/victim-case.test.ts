import type { WorkflowHandle } from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { addDays, addPeriod, subtractPeriod } from '../../src/domain/calendar';
import type { Notice } from '../../src/domain/notices';
import { SA } from '../../src/domain/search-attribute-keys';
import { useCaseWorker } from '../support/case-driver';
import { CENTRE, complaintFiled, IMMIGRATION, NO, prosecutor, YES } from '../support/fixtures';
import { recordingActivities } from '../support/recording-activities';

const TASK_QUEUE = 'victim-case-test';
const recorded = recordingActivities();
// A server of its own for each test: the cases of earlier tests do not run again through a later test's years.
const cases = useCaseWorker(TASK_QUEUE, recorded.activities, { eachTest: true });

const noticesOf = (h: WorkflowHandle) => recorded.notices.filter((n) => n.caseId === h.workflowId);
const kinds = (h: WorkflowHandle) => noticesOf(h).map((n) => n.kind);
const roles = (n: Notice | undefined) => n?.recipients.map((r) => r.role);
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => 'applied',
    (e: unknown) => {
      if (e instanceof WorkflowUpdateFailedError) return String(e.cause?.message);
      // A finished case takes no Update at all; the API answers 409 "closed" for it.
      if (e instanceof WorkflowNotFoundError) return 'workflow closed';
      return `unexpected ${String(e)}`;
    },
  );

describe('an adult case in reflection', () => {
  it('issues an annex 15 for 45 days, reminds 14 and 7 days before, and expires without a complaint', async () => {
    const h = await cases.open();
    const opened = await cases.today();
    const end = addDays(opened, 45);
    let s = await cases.settled(h);
    expect(s.stage).toBe('REFLECTION');
    expect(s.document).toEqual({
      type: 'ANNEX_15',
      issuedOn: opened,
      validUntil: end,
      renewals: 0,
      datesRecorded: false,
    });
    expect(s.deadlines[0]).toMatchObject({ kind: 'REFLECTION_ENDS', due: end });
    expect(noticesOf(h)[0]).toMatchObject({ kind: 'case-opened', recipients: [{ role: 'immigration-office' }] });

    const desc = await h.describe();
    expect(desc.typedSearchAttributes.get(SA.stage)).toBe('REFLECTION');
    expect(desc.typedSearchAttributes.get(SA.minor)).toBe(false);
    expect(desc.typedSearchAttributes.get(SA.nextDeadline)?.toISOString().slice(0, 10)).toBe(addDays(end, -1));

    s = await cases.advanceTo(h, end); // the last day: still open
    expect(s.stage).toBe('REFLECTION');
    const reminders = noticesOf(h).filter((n) => n.kind === 'reflection-ending-reminder');
    expect(reminders.map((n) => n.key.split('/').at(-1))).toEqual(['14d', '7d']);
    expect(reminders.every((n) => n.due === end)).toBe(true);
    expect(roles(reminders[0])).toEqual(['centre', 'caseworker']);

    s = await cases.advanceTo(h, addDays(end, 1));
    expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'REFLECTION_EXPIRED', deadlines: [] });
    expect(await h.result()).toMatchObject({ outcome: 'REFLECTION_EXPIRED' });
    expect((await h.describe()).typedSearchAttributes.get(SA.outcome)).toBe('REFLECTION_EXPIRED');
    expect(kinds(h).filter((k) => k === 'reflection-ending-reminder')).toHaveLength(2);
    expect(kinds(h)).toContain('case-closed');
  });

  it('accepts a complaint on the last day of reflection and rejects one on the day after', async () => {
    const late = await cases.open();
    const end = addDays(await cases.today(), 45);
    await cases.advanceTo(late, addDays(end, 1));
    expect(await rejection(cases.event(late, CENTRE, complaintFiled(end)))).toMatch(/closed/);

    const onTime = await cases.open();
    const end2 = addDays(await cases.today(), 45);
    await cases.advanceTo(onTime, end2);
    const s = await cases.event(onTime, CENTRE, complaintFiled(end2, 'ANTWERPEN', 'statement'));
    expect(s.stage).toBe('TEMPORARY_RESIDENCE');
  });
});

describe('temporary residence and the status query', () => {
  it('moves to stage 2 on a complaint on day 0, queries the prosecutor and reaches stage 3 on a positive answer', async () => {
    const { h, d0, s } = await cases.inTemporaryResidence('LIEGE');
    expect(s.stage).toBe('TEMPORARY_RESIDENCE');
    expect(s.document).toEqual({
      type: 'ATTESTATION_OF_IMMATRICULATION',
      issuedOn: d0,
      validUntil: addPeriod(d0, { months: 3 }),
      renewals: 0,
      // Computed dates until the Immigration Office records the printed ones.
      datesRecorded: false,
    });
    expect(s.prosecutorQuery).toMatchObject({
      office: 'LIEGE',
      sentOn: d0,
      replyBy: addDays(d0, 14),
      escalatedTo: null,
    });
    expect(s.workAuthorisation).toBe('NO_PERMIT_NEEDED');
    await cases.settled(h);
    const query = noticesOf(h).find((n) => n.kind === 'status-query');
    expect(query).toMatchObject({ due: addDays(d0, 14), recipients: [{ role: 'prosecutor', office: 'LIEGE' }] });
    expect((await h.describe()).typedSearchAttributes.get(SA.awaitingProsecutor)).toBe(true);

    const s3 = await cases.answer(h, prosecutor('LIEGE'), s.prosecutorQuery!.queryId, YES);
    expect(s3.stage).toBe('IDENTIFIED_VICTIM');
    expect(s3.document).toMatchObject({ type: 'A_CARD', validUntil: addPeriod(d0, { months: 6 }) });
    expect(s3.prosecutorQuery).toBeNull();
    const settled = await cases.settled(h);
    expect(settled.stage).toBe('IDENTIFIED_VICTIM');
    expect((await h.describe()).typedSearchAttributes.get(SA.awaitingProsecutor)).toBe(false);
    expect(await rejection(cases.answer(h, prosecutor('LIEGE'), s.prosecutorQuery!.queryId, YES))).toMatch(
      /already been answered/,
    );
  });

  it('escalates an unanswered query to the Principal Crown Prosecutor, alerts before expiry, allows one renewal, then ends not renewed', async () => {
    const { h, d0, s } = await cases.inTemporaryResidence('HAINAUT');
    const q1 = s.prosecutorQuery!.queryId;
    let st = await cases.advanceTo(h, addDays(d0, 15));
    expect(st.prosecutorQuery).toMatchObject({
      queryId: q1,
      escalatedTo: 'CA-MONS',
      escalatedOn: addDays(d0, 15),
      replyBy: addDays(d0, 22),
    });
    expect(noticesOf(h).find((n) => n.kind === 'status-query-escalated')).toMatchObject({
      due: addDays(d0, 22),
      recipients: [{ role: 'principal-crown-prosecutor', courtOfAppeal: 'CA-MONS' }],
    });

    st = await cases.advanceTo(h, addDays(d0, 23));
    expect(
      noticesOf(h)
        .filter((n) => n.kind === 'status-query-reminder')
        .map((n) => n.due),
    ).toEqual([addDays(d0, 14), addDays(d0, 22)]);
    const alert = noticesOf(h).find((n) => n.kind === 'expiry-without-decision');
    expect(alert).toMatchObject({ due: addPeriod(d0, { months: 3 }) });
    expect(roles(alert)).toEqual(['immigration-office', 'centre']);
    expect(st.prosecutorQuery?.queryId).toBe(q1); // still open: a late answer is welcome

    st = await cases.event(h, IMMIGRATION, { type: 'temporary-residence-renewed', on: addDays(d0, 23) });
    expect(st.document).toMatchObject({ validUntil: addPeriod(d0, { months: 6 }), renewals: 1 });
    expect(st.prosecutorQuery?.queryId).not.toBe(q1);
    expect(
      await rejection(cases.event(h, IMMIGRATION, { type: 'temporary-residence-renewed', on: addDays(d0, 23) })),
    ).toMatch(/one renewal/);

    st = await cases.advanceTo(h, addDays(addPeriod(d0, { months: 6 }), 1));
    expect(st).toMatchObject({ stage: 'CLOSED', outcome: 'NOT_RENEWED', outcomeDetail: 'no-decision' });
    expect(
      noticesOf(h)
        .filter((n) => n.kind === 'document-expiry-reminder')
        .map((n) => n.key.split('/').at(-1)),
    ).toEqual(expect.arrayContaining(['30d', '14d', '7d']));
  });

  it('takes a late answer from the office queried after escalation, and from the Principal Crown Prosecutor', async () => {
    for (const answering of ['NAMUR', 'CA-LIEGE'] as const) {
      const { h, d0, s } = await cases.inTemporaryResidence('NAMUR', 'statement');
      await cases.advanceTo(h, addDays(d0, 16));
      expect(await rejection(cases.answer(h, prosecutor('CA-GENT'), s.prosecutorQuery!.queryId, YES))).toMatch(
        /not addressed/,
      );
      const st = await cases.answer(h, prosecutor(answering), s.prosecutorQuery!.queryId, YES);
      expect(st.stage).toBe('IDENTIFIED_VICTIM');
    }
  });

  it('ends not renewed at expiry after a negative answer', async () => {
    const { h, d0, s } = await cases.inTemporaryResidence('BRUSSEL');
    const st = await cases.answer(h, prosecutor('BRUSSEL'), s.prosecutorQuery!.queryId, NO);
    expect(st.stage).toBe('TEMPORARY_RESIDENCE');
    await cases.settled(h);
    expect(
      noticesOf(h)
        .find((n) => n.kind === 'negative-answer')
        ?.recipients.map((r) => r.role),
    ).toEqual(['immigration-office', 'centre']);
    const end = await cases.advanceTo(h, addDays(addPeriod(d0, { months: 3 }), 1));
    expect(end).toMatchObject({ outcome: 'NOT_RENEWED', outcomeDetail: 'negative-answer' });
    expect(kinds(h)).not.toContain('document-expiry-reminder');
  });
});

describe('the 6-month permit', () => {
  it('renews cycle after cycle, each preceded by its own query, then grants permanent residence on conviction', async () => {
    const { h, s } = await cases.inTemporaryResidence();
    let st = await cases.answer(h, prosecutor('ANTWERPEN'), s.prosecutorQuery!.queryId, YES);
    for (let cycle = 1; cycle <= 3; cycle++) {
      const validUntil = st.document!.validUntil!;
      const queryDay = subtractPeriod(validUntil, { months: 1 });
      st = await cases.advanceTo(h, addDays(queryDay, -1));
      expect(st.prosecutorQuery).toBeNull();
      expect(st.deadlines.map((d) => d.kind)).toEqual(['STATUS_QUERY_DUE', 'DOCUMENT_EXPIRES']);
      st = await cases.advanceTo(h, queryDay);
      expect(st.prosecutorQuery).toMatchObject({ sentOn: queryDay, replyBy: addDays(queryDay, 14) });
      st = await cases.answer(h, prosecutor('ANTWERPEN'), st.prosecutorQuery!.queryId, YES);
      expect(st.document).toMatchObject({
        type: 'A_CARD',
        renewals: cycle,
        validUntil: addPeriod(validUntil, { months: 6 }),
      });
    }
    // Each renewal cycle continued as new, so the history of a run stays short.
    expect((await cases.env.client.workflow.getHandle(h.workflowId).describe()).runId).not.toBe(h.firstExecutionRunId);
    await cases.settled(h);
    const today = await cases.today();
    st = await cases.event(h, prosecutor('ANTWERPEN'), {
      type: 'conviction',
      on: today,
      underTraffickingLaw: true,
      appealed: true,
    });
    // Eligible, not granted: the Immigration Office decides, and the 6-month cycle goes on meanwhile.
    expect(st).toMatchObject({
      stage: 'IDENTIFIED_VICTIM',
      outcome: null,
      permanentResidenceReview: { basis: 'conviction-under-appeal', decideBy: addDays(today, 30) },
    });
    expect(st.deadlines.map((d) => d.kind)).toContain('PERMANENT_RESIDENCE_DECISION_DUE');
    await cases.settled(h);
    expect(noticesOf(h).find((n) => n.kind === 'permanent-residence-review-opened')).toMatchObject({
      due: addDays(today, 30),
      recipients: [{ role: 'immigration-office' }],
    });
    st = await cases.event(h, IMMIGRATION, { type: 'permanent-residence-decided', on: today, grant: true });
    expect(st).toMatchObject({
      stage: 'PERMANENT_RESIDENCE',
      outcome: 'PERMANENT_RESIDENCE',
      workAuthorisation: 'UNRESTRICTED',
    });
    expect(st.document).toEqual({
      type: 'B_CARD',
      issuedOn: today,
      validUntil: null,
      renewals: 0,
      datesRecorded: true,
    });
    expect(st.flags.identityProofMissing).toBe(true);
    await cases.settled(h);
    expect(noticesOf(h).find((n) => n.kind === 'permanent-residence-granted')?.facts).toEqual({
      identityProofMissing: true,
    });
    st = await cases.event(h, CENTRE, { type: 'identity-documented', on: today, documentKind: 'passport' });
    expect(st.flags.identityProofMissing).toBe(false);
    expect(await h.result()).toMatchObject({ outcome: 'PERMANENT_RESIDENCE' });
    // Every notice was sent exactly once across all the continued runs.
    const keys = noticesOf(h).map((n) => n.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('flags a humanitarian candidate when proceedings end after more than two years', async () => {
    const { h, d0, s } = await cases.inTemporaryResidence('LEUVEN');
    let st = await cases.answer(h, prosecutor('LEUVEN'), s.prosecutorQuery!.queryId, YES);
    for (let cycle = 0; cycle < 5; cycle++) {
      st = await cases.advanceTo(h, subtractPeriod(st.document!.validUntil!, { months: 1 }));
      st = await cases.answer(h, prosecutor('LEUVEN'), st.prosecutorQuery!.queryId, YES);
    }
    const on = await cases.today();
    expect(on > addPeriod(d0, { years: 2 })).toBe(true);
    st = await cases.event(h, prosecutor('LEUVEN'), { type: 'proceedings-ended', on, reason: 'dismissed' });
    expect(st).toMatchObject({
      outcome: 'PROCEEDINGS_ENDED',
      outcomeDetail: 'dismissed',
      flags: { humanitarianCandidate: true },
    });
  });
});

describe('withdrawal', () => {
  it('opens a review on a reported ground, reminds the Immigration Office, and withdraws only on its decision', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    const st = await cases.event(h, CENTRE, { type: 'contact-with-exploiters', on: d0 });
    expect(st.stage).toBe('REFLECTION');
    expect(st.withdrawalReview).toEqual({
      grounds: [{ ground: 'contact-with-exploiters', reportedOn: d0, by: 'centre', reportedById: CENTRE.id }],
      decideBy: addDays(d0, 14),
      identificationPending: false,
    });
    expect(
      await rejection(
        cases.event(h, IMMIGRATION, {
          type: 'withdrawal-decided',
          on: d0,
          withdraw: true,
          ground: 'public-order-threat',
        }),
      ),
    ).toMatch(/concerns/);
    await cases.advanceTo(h, addDays(d0, 12));
    expect(noticesOf(h).find((n) => n.kind === 'withdrawal-review-reminder')).toMatchObject({
      due: addDays(d0, 14),
      recipients: [{ role: 'immigration-office' }],
    });
    const today = await cases.today();
    const end = await cases.event(h, IMMIGRATION, {
      type: 'withdrawal-decided',
      on: today,
      withdraw: true,
      ground: 'contact-with-exploiters',
    });
    expect(end).toMatchObject({ stage: 'CLOSED', outcome: 'WITHDRAWN', outcomeDetail: 'contact-with-exploiters' });
  });

  it('rejects the stage-3 grounds during reflection', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    expect(await rejection(cases.event(h, prosecutor('ANTWERPEN'), { type: 'cooperation-ended', on: d0 }))).toMatch(
      /6-month permit stage only/,
    );
  });
});

describe('dates and idempotency', () => {
  it('follows the expiry date the Immigration Office reports', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    const printed = addDays(d0, 50);
    const st = await cases.event(h, IMMIGRATION, {
      type: 'document-issued',
      on: d0,
      document: 'ANNEX_15',
      issuedOn: d0,
      validUntil: printed,
    });
    expect(st.deadlines[0]).toMatchObject({ kind: 'REFLECTION_ENDS', due: printed });
    expect((await cases.advanceTo(h, addDays(d0, 46))).stage).toBe('REFLECTION');
    expect((await cases.advanceTo(h, addDays(printed, 1))).outcome).toBe('REFLECTION_EXPIRED');
  });

  it('applies the same Update once when it is sent twice', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    const e = { type: 'contact-with-exploiters', on: d0 } as const;
    await cases.event(h, CENTRE, e, 'same-key');
    const again = await cases.event(h, CENTRE, e, 'same-key');
    expect(again.history.filter((x) => x.type === 'contact-with-exploiters')).toHaveLength(1);
    expect(again.withdrawalReview?.grounds.map((g) => g.ground)).toEqual(['contact-with-exploiters']);
  });

  it('gives an unaccompanied minor 3 months and copies the guardian', async () => {
    // No date of birth known: the guardianship has no end date the service could act on.
    const h = await cases.open({
      unaccompaniedMinor: true,
      guardian: { name: 'G. Voogd', email: 'voogd@example.org' },
      victim: { pseudonym: 'M', language: 'ro' },
    });
    const d0 = await cases.today();
    let st = await cases.settled(h);
    expect(st.document).toMatchObject({ type: 'MINOR_TEMPORARY_RESIDENCE', validUntil: addPeriod(d0, { months: 3 }) });
    await cases.event(h, CENTRE, complaintFiled(d0, 'EUPEN', 'statement'));
    await cases.settled(h);
    expect(roles(noticesOf(h).find((n) => n.kind === 'stage-changed'))).toEqual(['centre', 'guardian']);
    expect(recorded.deliveries.find((d) => d.notice.caseId === h.workflowId)?.contacts.guardianEmail).toBe(
      'voogd@example.org',
    );
    st = await cases.event(h, IMMIGRATION, { type: 'other-status-granted', on: d0, status: 'durable-solution-minor' });
    expect(st).toMatchObject({ outcome: 'OTHER_STATUS', outcomeDetail: 'durable-solution-minor' });
  });
});

describe('the countable facts of a case (statistics)', () => {
  const factsOf = (h: WorkflowHandle) => recorded.facts.filter((f) => f.key.startsWith(`${h.workflowId}/`));

  it('records its opening, complaint, query, identification and outcome once each, with the days between, and nobody', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    await cases.advanceTo(h, addDays(d0, 10));
    const s = await cases.event(h, CENTRE, complaintFiled(addDays(d0, 10), 'LIEGE'));
    await cases.advanceTo(h, addDays(d0, 13));
    await cases.answer(h, prosecutor('LIEGE'), s.prosecutorQuery!.queryId, YES);
    await cases.event(h, CENTRE, { type: 'voluntary-return', on: addDays(d0, 13) });
    await cases.settled(h);
    const dims = { centre: 'PAYOKE', track: 'adult', exploitation: 'labour' };
    const at = { office: 'LIEGE', courtOfAppeal: 'CA-LIEGE' };
    expect(factsOf(h).map((f) => f.fact)).toEqual([
      { kind: 'case-opened', on: d0, ...dims },
      { kind: 'complaint', on: addDays(d0, 10), daysSinceOpening: 10, ...dims },
      { kind: 'query-sent', on: addDays(d0, 10), ...at, ...dims },
      { kind: 'query-answered', on: addDays(d0, 13), daysToAnswer: 3, inTime: true, ...at, ...dims },
      { kind: 'identified', on: addDays(d0, 13), daysSinceComplaint: 3, ...dims },
      { kind: 'outcome', on: addDays(d0, 13), outcome: 'VOLUNTARY_RETURN', ...dims },
    ]);
    // Each under a key of its own: the store records it once however often the activity runs.
    expect(new Set(factsOf(h).map((f) => f.key)).size).toBe(6);
    expect(JSON.stringify(factsOf(h).map((f) => f.fact))).not.toContain(h.workflowId);
  });

  it("records a status query's life: sent, escalated unanswered, then closed unanswered when the case ends", async () => {
    const { h, d0, s } = await cases.inTemporaryResidence('LIEGE');
    await cases.advanceTo(h, addDays(s.prosecutorQuery!.replyBy, 1));
    const escalatedOn = (await cases.status(h)).prosecutorQuery!.escalatedOn!;
    const ended = addDays(escalatedOn, 2);
    await cases.advanceTo(h, ended);
    await cases.event(h, CENTRE, { type: 'voluntary-return', on: ended });
    await cases.settled(h);
    const queries = factsOf(h)
      .map((f) => f.fact)
      .filter((f) => f.kind.startsWith('query-'));
    const at = { office: 'LIEGE', courtOfAppeal: 'CA-LIEGE' };
    expect(queries).toEqual([
      expect.objectContaining({ kind: 'query-sent', on: d0, ...at }),
      expect.objectContaining({ kind: 'query-escalated', on: escalatedOn, ...at }),
      expect.objectContaining({ kind: 'query-unanswered', on: ended, ...at }),
    ]);
  });

  it('records a fact an Update queues while the facts before it are being recorded', async () => {
    const held = recorded.holdFacts();
    const h = await cases.open();
    const d0 = await cases.today();
    const release = await held;
    // The case-opened fact is in flight; the document's fact is queued meanwhile.
    await cases.event(h, IMMIGRATION, {
      type: 'document-issued',
      on: d0,
      document: 'ANNEX_15',
      issuedOn: d0,
      validUntil: addDays(d0, 45),
    });
    release();
    await cases.settled(h);
    expect(factsOf(h).map((f) => f.fact.kind)).toEqual(['case-opened', 'document-issued']);
  });

  it('counts a document once per renewal cycle, however often its dates are reported', async () => {
    const h = await cases.open();
    const d0 = await cases.today();
    const annex15 = { type: 'document-issued', on: d0, document: 'ANNEX_15', issuedOn: d0 } as const;
    await cases.event(h, IMMIGRATION, { ...annex15, validUntil: addDays(d0, 45) });
    await cases.event(h, IMMIGRATION, { ...annex15, validUntil: addDays(d0, 46) });
    await cases.settled(h);
    const documents = factsOf(h).filter((f) => f.fact.kind === 'document-issued');
    expect(new Set(documents.map((f) => f.key)).size).toBe(1);
    expect(documents[0]!.fact).toMatchObject({ document: 'ANNEX_15', on: d0 });
  });
});
