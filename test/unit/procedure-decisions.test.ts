/**
 * The decisions of PROCEDURE.md that a lawyer checks first (issue 12), on the pure domain:
 * each test names the rule and fails if it breaks.
 */
import { addDays, addPeriod, subtractPeriod, type IsoDate } from '../../src/domain/calendar';
import { applyAnswer, applyEvent } from '../../src/domain/procedure/apply';
import { runDueClockItems, upcomingDeadlines } from '../../src/domain/procedure/clock';
import { importCase, type CaseImportInput } from '../../src/domain/procedure/import';
import { recipientsOnTheDay } from '../../src/domain/procedure/outbox';
import { whyOpeningRefused } from '../../src/domain/procedure/opening';
import { whyAnswerRejected, whyEventRejected } from '../../src/domain/procedure/rules';
import { newCaseState, type Actor, type CaseState } from '../../src/domain/procedure/state';
import { toStatus } from '../../src/domain/procedure/status';
import type { CaseOpening } from '../../src/domain/schemas/case';
import type { CaseEvent, ImportedEvent } from '../../src/domain/schemas/events';
import { CENTRE, IMMIGRATION, NO, opening, prosecutor, YES } from '../support/fixtures';

const D0 = '2026-03-02';
const ANTWERPEN = prosecutor('ANTWERPEN');
const SECOND_OFFICER: Actor = { id: 'dvz-2', role: 'immigration-office' };
const ID = 'case-00000000-0000-0000-0000-000000000000';

function open(o: Partial<CaseOpening> = {}, on: IsoDate = D0): CaseState {
  const s = newCaseState(ID, 'PAYOKE', opening(on, o));
  return s;
}

/** Applies an event the rules accept; fails the test with the refusal otherwise. */
function record(s: CaseState, event: CaseEvent, actor: Actor, today: IsoDate = event.on): void {
  const refusal = whyEventRejected(s, event, actor, today);
  if (refusal) throw new Error(`refused: ${refusal.code} ${refusal.message}`);
  applyEvent(s, event, actor, today);
}

function answer(s: CaseState, actor: Actor, a: typeof YES, today: IsoDate): void {
  const refusal = whyAnswerRejected(s, s.query!.queryId, actor);
  if (refusal) throw new Error(`refused: ${refusal.code}`);
  applyAnswer(s, a, actor, today);
}

const complaint = (on: IsoDate, office: 'ANTWERPEN' | 'LABOUR-GENT' = 'ANTWERPEN'): CaseEvent => ({
  type: 'complaint-filed',
  on,
  kind: 'complaint',
  prosecutorOffice: office,
});

function identified(on: IsoDate = D0): CaseState {
  const s = open({}, on);
  record(s, complaint(on), CENTRE);
  answer(s, ANTWERPEN, YES, on);
  return s;
}

const kinds = (s: CaseState) => s.outbox.map((n) => n.kind);
const refusalOf = (s: CaseState, e: CaseEvent, a: Actor, today: IsoDate = e.on) =>
  whyEventRejected(s, e, a, today)?.code ?? null;

describe('permanent residence is decided by the Immigration Office, for an identified victim only', () => {
  it('refuses a conviction or retained charges in stage 2, with the reason', () => {
    const s = open();
    record(s, complaint(D0), CENTRE);
    const conviction: CaseEvent = { type: 'conviction', on: D0, underTraffickingLaw: true, appealed: false };
    expect(whyEventRejected(s, conviction, ANTWERPEN, D0)).toMatchObject({
      code: 'not-identified-yet',
      message: expect.stringMatching(/identified/),
    });
    expect(
      refusalOf(s, { type: 'trafficking-retained-in-charges', on: D0, statementsSignificant: true }, ANTWERPEN),
    ).toBe('not-identified-yet');
  });

  it('opens a review with a 30-day deadline and a reminder on eligibility, and the 6-month cycle goes on', () => {
    const s = identified();
    const today = addDays(D0, 10);
    record(s, { type: 'conviction', on: addDays(D0, 8), underTraffickingLaw: true, appealed: true }, ANTWERPEN, today);
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null });
    expect(toStatus(s, today).permanentResidenceReview).toEqual({
      basis: 'conviction-under-appeal',
      eligibleOn: addDays(D0, 8),
      decideBy: addDays(today, 30),
    });
    expect(upcomingDeadlines(s).map((d) => d.kind)).toEqual([
      'PERMANENT_RESIDENCE_DECISION_DUE',
      'STATUS_QUERY_DUE',
      'DOCUMENT_EXPIRES',
    ]);
    expect(s.outbox.find((n) => n.kind === 'permanent-residence-review-opened')?.recipients).toEqual([
      { role: 'immigration-office' },
    ]);
    expect(s.outbox.find((n) => n.kind === 'permanent-residence-eligible')?.recipients).toEqual([
      { role: 'centre', centre: 'PAYOKE' },
    ]);
    runDueClockItems(s, addDays(today, 23));
    expect(s.outbox.filter((n) => n.kind === 'permanent-residence-review-reminder').map((n) => n.due)).toEqual([
      addDays(today, 30),
    ]);
  });

  it('gives no eligibility for retained charges without significant statements, nor for a conviction under another law', () => {
    const s = identified();
    record(s, { type: 'trafficking-retained-in-charges', on: D0, statementsSignificant: false }, ANTWERPEN);
    record(s, { type: 'conviction', on: D0, underTraffickingLaw: false, appealed: false }, ANTWERPEN);
    expect(s.permanentResidenceReview).toBeNull();
    expect(refusalOf(s, { type: 'permanent-residence-decided', on: D0, grant: true }, IMMIGRATION)).toBe(
      'no-permanent-residence-review',
    );
  });

  it('keeps stage 3 on a refusal and tells the centre; ends as PERMANENT_RESIDENCE with the printed date on a grant', () => {
    const s = identified();
    record(s, { type: 'trafficking-retained-in-charges', on: D0, statementsSignificant: true }, ANTWERPEN);
    expect(refusalOf(s, { type: 'permanent-residence-decided', on: D0, grant: false }, IMMIGRATION)).toBe(
      'refusal-reason-required',
    );
    record(s, { type: 'permanent-residence-decided', on: D0, grant: false, reason: 'conditions-not-met' }, IMMIGRATION);
    expect(s).toMatchObject({ stage: 'IDENTIFIED_VICTIM', outcome: null, permanentResidenceReview: null });
    expect(s.outbox.find((n) => n.kind === 'permanent-residence-refused')).toMatchObject({
      facts: { detail: 'conditions-not-met' },
    });

    record(s, { type: 'conviction', on: addDays(D0, 40), underTraffickingLaw: true, appealed: false }, ANTWERPEN);
    record(
      s,
      { type: 'permanent-residence-decided', on: addDays(D0, 45), grant: true, issuedOn: addDays(D0, 44) },
      IMMIGRATION,
    );
    expect(s).toMatchObject({
      stage: 'PERMANENT_RESIDENCE',
      outcome: 'PERMANENT_RESIDENCE',
      outcomeDetail: 'conviction',
    });
    expect(s.document).toEqual({
      type: 'B_CARD',
      issuedOn: addDays(D0, 44),
      validUntil: null,
      renewals: 0,
      datesRecorded: true,
    });
    expect(s.flags.identityProofMissing).toBe(true);
  });
});

describe('withdrawal takes a review and four eyes', () => {
  it('tells the centre that reported a ground when the review ends without withdrawal, and names who decided what', () => {
    const s = open();
    record(s, { type: 'support-declined', on: D0 }, CENTRE);
    s.outbox = [];
    record(s, { type: 'withdrawal-decided', on: addDays(D0, 3), withdraw: false }, IMMIGRATION);
    expect(
      s.outbox.filter((n) => n.kind === 'no-withdrawal').map(({ recipients, facts }) => ({ recipients, facts })),
    ).toEqual([{ recipients: [{ role: 'centre', centre: 'PAYOKE' }], facts: { ground: 'support-declined' } }]);
    expect(s.history.slice(-2)).toEqual([
      { on: D0, type: 'support-declined', by: 'centre', byId: CENTRE.id },
      {
        on: addDays(D0, 3),
        type: 'withdrawal-decided',
        by: 'immigration-office',
        byId: IMMIGRATION.id,
        detail: 'not-withdrawn',
      },
    ]);
    // A run begun before issue 29 keeps telling nobody, so its history replays.
    const earlier = open();
    record(earlier, { type: 'support-declined', on: D0 }, CENTRE);
    applyEvent(earlier, { type: 'withdrawal-decided', on: D0, withdraw: false }, IMMIGRATION, D0, { before29: true });
    expect(earlier.outbox.map((n) => n.kind)).not.toContain('no-withdrawal');
  });

  it('does not tell the centre of a review it reported nothing in, nor of a withdrawal beyond the case-closed notice', () => {
    const s = open();
    record(s, { type: 'public-order-threat', on: D0 }, IMMIGRATION);
    record(s, { type: 'withdrawal-decided', on: D0, withdraw: false }, SECOND_OFFICER);
    expect(s.outbox.map((n) => n.kind)).not.toContain('no-withdrawal');
    const withdrawn = open();
    record(withdrawn, { type: 'support-declined', on: D0 }, CENTRE);
    record(withdrawn, { type: 'withdrawal-decided', on: D0, withdraw: true, ground: 'support-declined' }, IMMIGRATION);
    expect(withdrawn.outbox.map((n) => n.kind)).toEqual(expect.arrayContaining(['case-closed']));
    expect(withdrawn.outbox.map((n) => n.kind)).not.toContain('no-withdrawal');
  });

  it('refuses a withdrawal with no review open', () => {
    const s = open();
    expect(
      refusalOf(s, { type: 'withdrawal-decided', on: D0, withdraw: true, ground: 'public-order-threat' }, IMMIGRATION),
    ).toBe('no-review-open');
  });

  it('never lets the officer who reported a ground decide on it', () => {
    const s = open();
    record(s, { type: 'public-order-threat', on: D0 }, IMMIGRATION);
    const decision: CaseEvent = { type: 'withdrawal-decided', on: D0, withdraw: true, ground: 'public-order-threat' };
    expect(whyEventRejected(s, decision, IMMIGRATION, D0)).toMatchObject({
      code: 'four-eyes',
      facts: { ground: 'public-order-threat' },
    });
    expect(refusalOf(s, { ...decision, withdraw: false }, IMMIGRATION)).toBe('four-eyes');
    record(s, decision, SECOND_OFFICER);
    expect(s).toMatchObject({ outcome: 'WITHDRAWN', outcomeDetail: 'public-order-threat' });
  });

  it('lets a second ground join the open review, and the decision covers them all', () => {
    const s = open();
    record(s, { type: 'contact-with-exploiters', on: D0 }, CENTRE);
    record(s, { type: 'public-order-threat', on: addDays(D0, 3) }, IMMIGRATION, addDays(D0, 3));
    expect(toStatus(s, addDays(D0, 3)).withdrawalReview).toEqual({
      grounds: [
        { ground: 'contact-with-exploiters', reportedOn: D0, by: 'centre', reportedById: CENTRE.id },
        {
          ground: 'public-order-threat',
          reportedOn: addDays(D0, 3),
          by: 'immigration-office',
          reportedById: IMMIGRATION.id,
        },
      ],
      decideBy: addDays(D0, 14),
      identificationPending: false,
    });
    expect(refusalOf(s, { type: 'contact-with-exploiters', on: addDays(D0, 3) }, CENTRE, addDays(D0, 3))).toBe(
      'ground-already-under-review',
    );
    // The officer who reported the second ground may decide neither.
    expect(
      refusalOf(
        s,
        { type: 'withdrawal-decided', on: addDays(D0, 4), withdraw: true, ground: 'contact-with-exploiters' },
        IMMIGRATION,
        addDays(D0, 4),
      ),
    ).toBe('four-eyes');
    expect(
      refusalOf(
        s,
        { type: 'withdrawal-decided', on: addDays(D0, 4), withdraw: true, ground: 'support-declined' },
        SECOND_OFFICER,
        addDays(D0, 4),
      ),
    ).toBe('ground-not-under-review');
    record(
      s,
      { type: 'withdrawal-decided', on: addDays(D0, 4), withdraw: true, ground: 'public-order-threat' },
      SECOND_OFFICER,
      addDays(D0, 4),
    );
    expect(s).toMatchObject({ outcome: 'WITHDRAWN', outcomeDetail: 'public-order-threat', review: null });
  });

  it('records whether fraud was fraudulent or unfounded', () => {
    const s = identified();
    record(s, { type: 'fraud-established', on: D0, finding: 'unfounded' }, ANTWERPEN);
    expect(toStatus(s, D0).withdrawalReview?.grounds).toEqual([
      {
        ground: 'fraud-established',
        reportedOn: D0,
        by: 'prosecutor',
        reportedById: ANTWERPEN.id,
        finding: 'unfounded',
      },
    ]);
  });
});

describe('stage 3 waits for an open withdrawal review', () => {
  function answeredDuringReview(): CaseState {
    const s = open();
    record(s, complaint(D0), CENTRE);
    record(s, { type: 'contact-with-exploiters', on: addDays(D0, 2) }, CENTRE);
    answer(s, ANTWERPEN, YES, addDays(D0, 5));
    return s;
  }

  it('keeps stage 2 after a positive answer while the review is open, and tells the Immigration Office', () => {
    const s = answeredDuringReview();
    expect(s).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', identificationPending: true });
    expect(kinds(s)).toContain('identification-awaits-review');
  });

  it('enters stage 3 on a decision not to withdraw, the A-card running from the decision', () => {
    const s = answeredDuringReview();
    const decided = addDays(D0, 9);
    record(s, { type: 'withdrawal-decided', on: decided, withdraw: false }, IMMIGRATION, decided);
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
    expect(s.document).toMatchObject({
      type: 'A_CARD',
      issuedOn: decided,
      validUntil: addPeriod(decided, { months: 6 }),
    });
  });

  it('ends the case on a withdrawal instead', () => {
    const s = answeredDuringReview();
    record(
      s,
      { type: 'withdrawal-decided', on: addDays(D0, 9), withdraw: true, ground: 'contact-with-exploiters' },
      IMMIGRATION,
      addDays(D0, 9),
    );
    expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'WITHDRAWN' });
  });
});

describe('an outage never ends a case by itself', () => {
  it('does not close a case whose query went out late because the service was down across its day', () => {
    const s = identified();
    const expiry = s.document!.validUntil!;
    const woke = addDays(expiry, 3);
    runDueClockItems(s, woke);
    expect(s.outcome).toBeNull();
    expect(s.query?.sentOn).toBe(woke);
    expect(kinds(s)).toEqual(
      expect.arrayContaining(['status-query', 'answer-not-due-before-expiry', 'deadline-passed-unnoticed']),
    );
    expect(upcomingDeadlines(s).map((d) => d.kind)).toContain('LATE_REPORTS_CLOSE');

    // After the grace the expiry applies as of its date, but the prosecutor never had the window: the Immigration Office decides.
    runDueClockItems(s, addDays(woke, 8));
    expect(s.outcome).toBeNull();
    expect(s.expiredAwaitingDecision).toBe(expiry);
    expect(s.outbox.find((n) => n.kind === 'expiry-decision-needed')?.recipients.map((r) => r.role)).toEqual([
      'immigration-office',
      'centre',
    ]);
    expect(refusalOf(s, { type: 'not-renewed', on: addDays(woke, 8) }, IMMIGRATION)).toBeNull();
    record(s, { type: 'not-renewed', on: addDays(woke, 8) }, IMMIGRATION);
    expect(s).toMatchObject({ outcome: 'NOT_RENEWED', outcomeDetail: 'no-decision' });
  });

  it('goes on with a new document the Immigration Office reports after such an expiry', () => {
    const s = identified();
    const expiry = s.document!.validUntil!;
    runDueClockItems(s, addDays(expiry, 12));
    const today = addDays(expiry, 12);
    record(
      s,
      {
        type: 'document-issued',
        on: today,
        document: 'A_CARD',
        issuedOn: today,
        validUntil: addPeriod(today, { months: 6 }),
      },
      IMMIGRATION,
    );
    expect(s).toMatchObject({ outcome: null, expiredAwaitingDecision: null });
    expect(s.query?.documentValidUntil).toBe(addPeriod(today, { months: 6 }));
  });

  it('closes at expiry when the query had its whole month and no answer came', () => {
    const s = identified();
    const expiry = s.document!.validUntil!;
    for (let day = D0; day <= addDays(expiry, 1); day = addDays(day, 1)) runDueClockItems(s, day);
    expect(s.query).toBeNull();
    expect(s).toMatchObject({ outcome: 'NOT_RENEWED', outcomeDetail: 'no-decision' });
  });

  it('refuses non-renewal while the document is still valid', () => {
    const s = identified();
    expect(refusalOf(s, { type: 'not-renewed', on: D0 }, IMMIGRATION)).toBe('document-still-valid');
  });

  it('takes a complaint dated within a reflection period that ended during an outage, for 7 days', () => {
    const s = open();
    const ends = s.document!.validUntil!;
    runDueClockItems(s, addDays(ends, 4));
    expect(s.outcome).toBeNull();
    expect(s.outbox.find((n) => n.kind === 'deadline-passed-unnoticed')).toMatchObject({
      due: addDays(ends, 11),
      facts: { deadline: 'REFLECTION_ENDS' },
    });
    record(s, complaint(ends), CENTRE, addDays(ends, 6));
    expect(s.stage).toBe('TEMPORARY_RESIDENCE');
    runDueClockItems(s, addDays(ends, 20));
    expect(s.outcome).toBeNull();
  });

  it('closes the reflection as of its own date once the grace is over without a complaint', () => {
    const s = open();
    const ends = s.document!.validUntil!;
    runDueClockItems(s, addDays(ends, 4));
    runDueClockItems(s, addDays(ends, 11));
    expect(s.outcome).toBeNull();
    runDueClockItems(s, addDays(ends, 12));
    expect(s.outcome).toBe('REFLECTION_EXPIRED');
  });
});

describe('dates', () => {
  it('dates the 3-month document from the day the complaint is recorded, not from its own date', () => {
    const s = open();
    record(s, complaint(addDays(D0, 2)), CENTRE, addDays(D0, 20));
    expect(s.document).toMatchObject({
      issuedOn: addDays(D0, 20),
      validUntil: addPeriod(addDays(D0, 20), { months: 3 }),
    });
    expect(s.complaint?.on).toBe(addDays(D0, 2));
  });

  it('refuses a complaint dated after the reflection period even before its clock ran', () => {
    const s = open();
    const ends = s.document!.validUntil!;
    expect(whyEventRejected(s, complaint(addDays(ends, 1)), CENTRE, addDays(ends, 1))).toMatchObject({
      code: 'complaint-after-reflection',
      facts: { reflectionEnds: ends },
    });
  });

  it('moves the reply deadline and its reminder with the printed dates reported during an open query', () => {
    const s = open();
    record(s, complaint(D0), CENTRE);
    expect(s.query?.replyBy).toBe(addDays(D0, 14));
    const printed = addDays(D0, 12);
    record(
      s,
      {
        type: 'document-issued',
        on: D0,
        document: 'ATTESTATION_OF_IMMATRICULATION',
        issuedOn: D0,
        validUntil: printed,
      },
      IMMIGRATION,
    );
    expect(s.query).toMatchObject({ replyBy: addDays(D0, 5), documentValidUntil: printed });
    expect(upcomingDeadlines(s)).toContainEqual(
      expect.objectContaining({ kind: 'PROSECUTOR_REPLY_DUE', due: addDays(D0, 5) }),
    );
    runDueClockItems(s, addDays(D0, 2));
    expect(s.outbox.filter((n) => n.kind === 'status-query-reminder').map((n) => n.due)).toEqual([addDays(D0, 5)]);
  });

  it('never sets a reply deadline on the day it is set, and alerts when it falls on or after the expiry', () => {
    const s = identified();
    const today = addDays(D0, 30);
    record(
      s,
      { type: 'document-issued', on: today, document: 'A_CARD', issuedOn: D0, validUntil: addDays(today, 1) },
      IMMIGRATION,
    );
    runDueClockItems(s, today);
    expect(s.query).toMatchObject({ sentOn: today, replyBy: addDays(today, 2) });
    expect(s.outbox.find((n) => n.kind === 'answer-not-due-before-expiry')).toMatchObject({ due: addDays(today, 1) });
  });

  it('keeps the escalation deadline before the expiry', () => {
    const s = open();
    record(s, complaint(D0), CENTRE);
    const expiry = s.document!.validUntil!;
    record(
      s,
      {
        type: 'document-issued',
        on: D0,
        document: 'ATTESTATION_OF_IMMATRICULATION',
        issuedOn: D0,
        validUntil: addDays(D0, 25),
      },
      IMMIGRATION,
    );
    expect(expiry).not.toBe(addDays(D0, 25));
    runDueClockItems(s, addDays(D0, 19)); // reply due D0+18: escalated the day after
    expect(s.query).toMatchObject({ escalatedOn: addDays(D0, 19), replyBy: addDays(D0, 24) });
  });
});

describe('openings', () => {
  const today = '2026-12-01';
  it('refuses a past opening whose reflection is already over, and points to the import', () => {
    expect(whyOpeningRefused(opening('2026-10-01'), today, { imported: false })).toMatchObject({
      code: 'reflection-already-over',
      field: 'openedOn',
    });
    expect(whyOpeningRefused(opening('2026-10-20'), today, { imported: false })).toBeNull();
    expect(whyOpeningRefused(opening('2026-10-01'), today, { imported: true })).toBeNull();
  });

  it('refuses a date of birth after the opening, and a "minor" of 18 or more', () => {
    expect(
      whyOpeningRefused(
        opening(today, { victim: { pseudonym: 'X', dateOfBirth: '2026-12-02', language: 'ro' } }),
        '2026-12-05',
        { imported: false },
      )?.code,
    ).toBe('birth-after-opening');
    const minor = (dateOfBirth: string) =>
      opening(today, { unaccompaniedMinor: true, victim: { pseudonym: 'X', dateOfBirth, language: 'ro' } });
    expect(whyOpeningRefused(minor('1996-05-01'), today, { imported: false })?.code).toBe('minor-of-age');
    expect(whyOpeningRefused(minor('2008-12-01'), today, { imported: false })?.code).toBe('minor-of-age');
    expect(whyOpeningRefused(minor('2008-12-02'), today, { imported: false })).toBeNull();
  });

  it("accepts only the stage-1 document of the case's regime and track", () => {
    const adult = open();
    const doc = (document: 'ANNEX_15' | 'MINOR_TEMPORARY_RESIDENCE' | 'ORDER_TO_LEAVE_45_DAYS'): CaseEvent => ({
      type: 'document-issued',
      on: D0,
      document,
      issuedOn: D0,
      validUntil: addDays(D0, 45),
    });
    expect(refusalOf(adult, doc('MINOR_TEMPORARY_RESIDENCE'), IMMIGRATION)).toBe('document-not-of-track');
    expect(refusalOf(adult, doc('ORDER_TO_LEAVE_45_DAYS'), IMMIGRATION)).toBe('document-not-of-track');
    expect(refusalOf(adult, doc('ANNEX_15'), IMMIGRATION)).toBeNull();
    expect(refusalOf(open({ unaccompaniedMinor: true }), doc('ANNEX_15'), IMMIGRATION)).toBe('document-not-of-track');
  });

  it('lets the opening centre cancel a case opened in error, in reflection, before any document', () => {
    const s = open();
    const other: Actor = { id: 'centre-surya', role: 'centre', centre: 'SURYA' };
    expect(refusalOf(s, { type: 'opened-in-error', on: D0 }, other)).toBe('not-opening-centre');
    record(s, { type: 'opened-in-error', on: D0 }, CENTRE);
    expect(s).toMatchObject({ stage: 'CLOSED', outcome: 'OPENED_IN_ERROR' });
    expect(s.outbox.map((n) => [n.kind, n.recipients])).toEqual([
      ['opened-in-error', [{ role: 'immigration-office' }]],
    ]);

    const issued = open();
    record(
      issued,
      { type: 'document-issued', on: D0, document: 'ANNEX_15', issuedOn: D0, validUntil: addDays(D0, 45) },
      IMMIGRATION,
    );
    expect(refusalOf(issued, { type: 'opened-in-error', on: D0 }, CENTRE)).toBe('document-already-reported');
    const stage2 = open();
    record(stage2, complaint(D0), CENTRE);
    expect(refusalOf(stage2, { type: 'opened-in-error', on: D0 }, CENTRE)).toBe('event-not-in-stage');
  });
});

describe('an unaccompanied minor', () => {
  const guardian = { name: 'G. Voogd', email: 'voogd@example.org' };
  const minor = (dateOfBirth = '2009-08-23') =>
    open({ unaccompaniedMinor: true, guardian, victim: { pseudonym: 'X', dateOfBirth, language: 'ro' } });
  const toGuardian = (s: CaseState, kind: string) =>
    s.outbox.find((n) => n.kind === kind)?.recipients.some((r) => r.role === 'guardian');

  it('copies the guardian on reminders, negative answers and expiry alerts', () => {
    const s = minor();
    runDueClockItems(s, addDays(s.document!.validUntil!, -7));
    expect(toGuardian(s, 'reflection-ending-reminder')).toBe(true);
    const recorded = addDays(s.document!.validUntil!, -6);
    record(s, complaint(D0), CENTRE, recorded);
    runDueClockItems(s, addDays(recorded, 15)); // reply due +14: escalated with 7 days
    runDueClockItems(s, addDays(recorded, 23)); // still no reply: the document will expire without a decision
    expect(toGuardian(s, 'expiry-without-decision')).toBe(true);
    answer(s, ANTWERPEN, NO, addDays(recorded, 24));
    expect(toGuardian(s, 'negative-answer')).toBe(true);
  });

  it("tells the guardian and the centre on the first day of the birthday's month, and copies the guardian no more from the 18th birthday", () => {
    const s = minor('2008-05-10');
    // The status shows the day; no deadline of a list, timer or attribute does (PROCEDURE.md).
    expect(toStatus(s, D0).deadlines.map((d) => [d.kind, d.due])).toContainEqual(['GUARDIANSHIP_ENDS', '2026-05-10']);
    expect(upcomingDeadlines(s).map((d) => d.kind)).not.toContain('GUARDIANSHIP_ENDS');
    record(s, complaint(D0), CENTRE);
    runDueClockItems(s, '2026-04-30');
    expect(kinds(s)).not.toContain('guardianship-ended');
    runDueClockItems(s, '2026-05-01');
    const ended = s.outbox.find((n) => n.kind === 'guardianship-ended');
    expect(ended).toMatchObject({ due: '2026-05-10' });
    expect(ended?.recipients.map((r) => r.role)).toEqual(['centre', 'guardian']);
    expect(toStatus(s, '2026-05-09').flags.guardianshipEnded).toBe(false);
    expect(toStatus(s, '2026-05-10')).toMatchObject({
      stage: 'TEMPORARY_RESIDENCE',
      flags: { guardianshipEnded: true },
    });
    s.outbox = [];
    const day = addDays(s.document!.validUntil!, -7);
    runDueClockItems(s, day);
    const reminder = s.outbox.find((n) => n.kind === 'document-expiry-reminder')!;
    expect(recipientsOnTheDay(s, reminder, '2026-05-09').map((r) => r.role)).toContain('guardian');
    expect(recipientsOnTheDay(s, reminder, day).map((r) => r.role)).not.toContain('guardian');
  });
});

describe('labour auditors and the humanitarian flag', () => {
  it("queries a labour auditor's office, escalates to its Principal Crown Prosecutor, and takes its answer", () => {
    const s = open();
    record(s, complaint(D0, 'LABOUR-GENT'), CENTRE);
    expect(s.query).toMatchObject({ office: 'LABOUR-GENT', courtOfAppeal: 'CA-GENT' });
    expect(s.outbox.find((n) => n.kind === 'status-query')?.recipients).toEqual([
      { role: 'prosecutor', office: 'LABOUR-GENT' },
    ]);
    runDueClockItems(s, addDays(D0, 15));
    expect(s.query?.escalatedTo).toBe('CA-GENT');
    answer(s, prosecutor('LABOUR-GENT'), YES, addDays(D0, 16));
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
  });

  it('flags humanitarian residence when a "not in progress" answer after more than two years ends the case', () => {
    const s = identified();
    for (let i = 0; i < 4; i++) {
      const day = subtractPeriod(s.document!.validUntil!, { months: 1 });
      runDueClockItems(s, day);
      answer(s, ANTWERPEN, YES, day);
    }
    const day = subtractPeriod(s.document!.validUntil!, { months: 1 });
    runDueClockItems(s, day);
    expect(day > addPeriod(D0, { years: 2 })).toBe(true);
    answer(s, ANTWERPEN, { ...YES, proceedingsOngoing: false }, day);
    runDueClockItems(s, addDays(s.document!.validUntil!, 1));
    expect(s).toMatchObject({
      outcome: 'NOT_RENEWED',
      outcomeDetail: 'negative-answer',
      flags: { humanitarianCandidate: true },
    });
  });
});

describe('importing a running case', () => {
  const opened = '2025-11-03';
  const importedOn = '2026-11-26';
  const base = (events: ImportedEvent[]): CaseImportInput => ({
    caseId: ID,
    centre: 'SURYA',
    opening: opening(opened),
    events,
    importedOn,
    importer: IMMIGRATION,
  });
  const yearOfHistory: ImportedEvent[] = [
    { type: 'complaint-filed', on: '2025-11-20', kind: 'statement', prosecutorOffice: 'LIEGE', by: { role: 'centre' } },
    { type: 'status-query-answered', on: '2025-11-28', by: { role: 'prosecutor', office: 'LIEGE' }, ...YES },
    { type: 'status-query-answered', on: '2026-04-28', by: { role: 'prosecutor', office: 'LIEGE' }, ...YES },
    { type: 'public-order-threat', on: '2026-11-25', by: { role: 'immigration-office' } },
  ];

  it('arrives in the state and with the deadlines it has today, mailing nothing of the past', () => {
    const result = importCase(base(yearOfHistory));
    if (!('state' in result)) throw new Error(result.refusal.message);
    const s = result.state;
    expect(s.stage).toBe('IDENTIFIED_VICTIM');
    // A-card from the first answer's day, renewed once from its expiry: 2025-11-28 + 6 + 6 months.
    expect(s.document).toMatchObject({ type: 'A_CARD', issuedOn: '2025-11-28', validUntil: '2026-11-28', renewals: 1 });
    // Its query went out on 2026-10-28 and was escalated: it is announced anew to the Principal Crown Prosecutor.
    // Counted as escalated on the import day: max(26 Nov + 2 days, min(26 Nov + 7 days, 28 Nov − 1 day)) = 28 Nov.
    expect(s.query).toMatchObject({ sentOn: '2026-10-28', escalatedTo: 'CA-LIEGE', replyBy: '2026-11-28' });
    expect(s.review?.grounds).toEqual([
      expect.objectContaining({ ground: 'public-order-threat', reporterId: 'imported' }),
    ]);
    // That is the expiry's own day: the Immigration Office is told at once that no answer can be due before it.
    expect(s.outbox.map((n) => n.kind)).toEqual([
      'answer-not-due-before-expiry',
      'status-query-escalated',
      'case-imported',
    ]);
    expect(s.outbox.find((n) => n.kind === 'case-imported')?.recipients.map((r) => r.role)).toEqual([
      'immigration-office',
      'centre',
    ]);
    // Any officer may decide an imported ground.
    expect(
      whyEventRejected(s, { type: 'withdrawal-decided', on: importedOn, withdraw: false }, IMMIGRATION, importedOn),
    ).toBeNull();
  });

  it('refuses events out of date order, an answer with no open query, and a case that ended before today', () => {
    const swapped = [yearOfHistory[1]!, yearOfHistory[0]!];
    expect(importCase(base(swapped))).toMatchObject({ refusal: { code: 'import-out-of-order' } });
    expect(importCase(base([yearOfHistory[1]!]))).toMatchObject({
      refusal: { code: 'import-no-open-query', facts: { index: '0' } },
    });
    expect(importCase(base([]))).toMatchObject({
      refusal: { code: 'import-case-ended', facts: { outcome: 'REFLECTION_EXPIRED' } },
    });
    const wrongRole: ImportedEvent[] = [
      { type: 'conviction', on: '2025-11-20', underTraffickingLaw: true, appealed: false, by: { role: 'centre' } },
    ];
    expect(importCase(base(wrongRole))).toMatchObject({ refusal: { code: 'role-not-allowed', facts: { index: '0' } } });
  });
});
