import { addDays, addPeriod } from '../../src/domain/calendar';
import { applyAnswer, applyEvent } from '../../src/domain/procedure/apply';
import { runDueClockItems, upcomingDeadlines } from '../../src/domain/procedure/clock';
import { GROUND_STAGES, whyEventRejected } from '../../src/domain/procedure/rules';
import { newCaseState, type CaseState } from '../../src/domain/procedure/state';
import { workAuthorisation } from '../../src/domain/procedure/status';
import type { Stage } from '../../src/domain/schemas/case';
import { WITHDRAWAL_GROUNDS, type CaseEvent, type WithdrawalGround } from '../../src/domain/schemas/events';
import { CENTRE, IMMIGRATION, opening, prosecutor, YES } from '../support/fixtures';

const D0 = '2026-03-02';
const ANTWERPEN = prosecutor('ANTWERPEN');

function caseIn(stage: Stage): CaseState {
  const s = newCaseState('case-00000000-0000-0000-0000-000000000000', 'PAYOKE', opening(D0));
  if (stage === 'REFLECTION') return s;
  applyEvent(s, { type: 'complaint-filed', on: D0, kind: 'complaint', prosecutorOffice: 'ANTWERPEN' }, CENTRE, D0);
  if (stage === 'TEMPORARY_RESIDENCE') return s;
  applyAnswer(s, YES, ANTWERPEN, D0);
  if (stage === 'IDENTIFIED_VICTIM') return s;
  if (stage === 'PERMANENT_RESIDENCE') {
    applyEvent(s, { type: 'trafficking-retained-in-charges', on: D0, statementsSignificant: true }, ANTWERPEN, D0);
    applyEvent(s, { type: 'permanent-residence-decided', on: D0, grant: true }, IMMIGRATION, D0);
    return s;
  }
  applyEvent(s, { type: 'voluntary-return', on: D0 }, CENTRE, D0);
  return s;
}

const STAGES: Stage[] = ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM', 'PERMANENT_RESIDENCE', 'CLOSED'];
const REPORTER = {
  'contact-with-exploiters': CENTRE,
  'public-order-threat': IMMIGRATION,
  'support-declined': CENTRE,
  'cooperation-ended': ANTWERPEN,
  'fraud-established': ANTWERPEN,
} as const;

const groundEvent = (ground: WithdrawalGround, on = D0): CaseEvent =>
  ground === 'fraud-established' ? { type: ground, on, finding: 'unfounded' } : { type: ground, on };

describe('withdrawal grounds by stage', () => {
  const cells = WITHDRAWAL_GROUNDS.flatMap((ground) =>
    STAGES.map((stage) => [ground, stage, GROUND_STAGES[ground].includes(stage)] as const),
  );
  it.each(cells)('%s in %s: applies = %s', (ground, stage, applies) => {
    const s = caseIn(stage);
    const reason = whyEventRejected(s, groundEvent(ground), REPORTER[ground], D0);
    if (applies) {
      expect(reason).toBeNull();
      applyEvent(s, groundEvent(ground), REPORTER[ground], D0);
      expect(s.review).toEqual({
        grounds: [expect.objectContaining({ ground, reportedOn: D0, reporterId: REPORTER[ground].id })],
        decideBy: addDays(D0, 14),
      });
      expect(s.outcome).toBeNull(); // withdrawal only on the Immigration Office's decision
    } else {
      expect(reason?.code).toEqual(expect.any(String));
    }
  });

  it('withdraws the 6-month permit for fraud once the Immigration Office decides so', () => {
    const s = caseIn('IDENTIFIED_VICTIM');
    applyEvent(s, { type: 'fraud-established', on: D0, finding: 'fraudulent' }, ANTWERPEN, D0);
    const decision: CaseEvent = { type: 'withdrawal-decided', on: D0, withdraw: true, ground: 'fraud-established' };
    expect(whyEventRejected(s, decision, CENTRE, D0)?.message).toMatch(/may not report/);
    expect(whyEventRejected(s, decision, IMMIGRATION, D0)).toBeNull();
    applyEvent(s, decision, IMMIGRATION, D0);
    expect(s).toMatchObject({
      stage: 'CLOSED',
      outcome: 'WITHDRAWN',
      // The prosecutor's finding, never the ground's name (PROCEDURE.md "withdrawal outcome").
      outcomeDetail: 'fraudulent',
      review: null,
    });
    expect(s.outbox.find((n) => n.kind === 'withdrawal-review-opened')?.facts).toEqual({ ground: 'fraud-established' });
  });

  it('keeps the case going when the Immigration Office decides not to withdraw', () => {
    const s = caseIn('TEMPORARY_RESIDENCE');
    applyEvent(s, { type: 'contact-with-exploiters', on: D0 }, CENTRE, D0);
    applyEvent(
      s,
      { type: 'withdrawal-decided', on: D0, withdraw: false, ground: 'contact-with-exploiters' },
      IMMIGRATION,
      D0,
    );
    expect(s).toMatchObject({ stage: 'TEMPORARY_RESIDENCE', outcome: null, review: null });
  });
});

describe('the regime and the clocks', () => {
  it('gives an order to leave for a case opened before 20 May 2017 and an annex 15 from that day', () => {
    expect(newCaseState('c', 'SURYA', opening('2017-05-19')).document?.type).toBe('ORDER_TO_LEAVE_45_DAYS');
    expect(newCaseState('c', 'SURYA', opening('2017-05-20')).document?.type).toBe('ANNEX_15');
  });

  it('needed work permits C and B until 24 December 2018, none since', () => {
    expect(workAuthorisation(caseIn('TEMPORARY_RESIDENCE'), '2018-12-23')).toBe('WORK_PERMIT_C');
    expect(workAuthorisation(caseIn('IDENTIFIED_VICTIM'), '2018-12-23')).toBe('WORK_PERMIT_B');
    expect(workAuthorisation(caseIn('IDENTIFIED_VICTIM'), '2018-12-24')).toBe('NO_PERMIT_NEEDED');
    expect(workAuthorisation(caseIn('REFLECTION'), '2026-01-01')).toBe('NONE');
  });

  it('never lets the reply deadline fall later than 7 days before the document expires', () => {
    const s = caseIn('IDENTIFIED_VICTIM');
    // The Immigration Office reports an A-card that expires in 10 days: the query is already due, and its reply must come in 3.
    applyEvent(
      s,
      { type: 'document-issued', on: D0, document: 'A_CARD', issuedOn: D0, validUntil: addDays(D0, 10) },
      IMMIGRATION,
      D0,
    );
    expect(upcomingDeadlines(s)[0]).toMatchObject({ kind: 'STATUS_QUERY_DUE' });
    runDueClockItems(s, D0);
    expect(s.query).toMatchObject({ sentOn: D0, replyBy: addDays(D0, 3), documentValidUntil: addDays(D0, 10) });
  });

  it('sends only the latest of several reminders that fell due while the case was not running', () => {
    const s = caseIn('REFLECTION');
    runDueClockItems(s, addDays(D0, 40)); // woke after both the 14- and the 7-day reminder
    const reminders = s.outbox.filter((n) => n.kind === 'reflection-ending-reminder');
    expect(reminders.map((n) => n.key.split('/').at(-1))).toEqual(['7d']);
    runDueClockItems(s, addDays(D0, 40));
    expect(s.outbox.filter((n) => n.kind === 'reflection-ending-reminder')).toHaveLength(1);
  });

  it('fires a deadline that passed while nothing ran once, after the grace for late reports', () => {
    const s = caseIn('REFLECTION');
    runDueClockItems(s, addDays(D0, 100));
    expect(s.outcome).toBeNull();
    runDueClockItems(s, addDays(D0, 108));
    expect(s.outcome).toBe('REFLECTION_EXPIRED');
    expect(s.outbox.filter((n) => n.kind === 'reflection-ending-reminder')).toHaveLength(0);
    expect(s.outbox.filter((n) => n.kind === 'case-closed')).toHaveLength(1);
    expect(upcomingDeadlines(s)).toEqual([]);
  });

  it('flags humanitarian residence only when the proceedings lasted more than two years', () => {
    const exactly = caseIn('IDENTIFIED_VICTIM');
    applyEvent(
      exactly,
      { type: 'proceedings-ended', on: addPeriod(D0, { years: 2 }), reason: 'dismissed' },
      ANTWERPEN,
      addPeriod(D0, { years: 2 }),
    );
    expect(exactly.flags.humanitarianCandidate).toBe(false);
    const longer = caseIn('IDENTIFIED_VICTIM');
    const on = addDays(addPeriod(D0, { years: 2 }), 1);
    applyEvent(longer, { type: 'proceedings-ended', on, reason: 'acquittal' }, ANTWERPEN, on);
    expect(longer.flags.humanitarianCandidate).toBe(true);
  });

  it('makes eligible on a conviction under the trafficking law only, and grants on the Immigration Office decision', () => {
    const other = caseIn('IDENTIFIED_VICTIM');
    applyEvent(other, { type: 'conviction', on: D0, underTraffickingLaw: false, appealed: false }, ANTWERPEN, D0);
    expect(other).toMatchObject({ stage: 'IDENTIFIED_VICTIM', permanentResidenceReview: null });
    const documented = caseIn('IDENTIFIED_VICTIM');
    applyEvent(documented, { type: 'identity-documented', on: D0, documentKind: 'passport' }, CENTRE, D0);
    applyEvent(documented, { type: 'conviction', on: D0, underTraffickingLaw: true, appealed: false }, ANTWERPEN, D0);
    expect(documented).toMatchObject({
      stage: 'IDENTIFIED_VICTIM',
      outcome: null,
      permanentResidenceReview: { basis: 'conviction' },
    });
    applyEvent(
      documented,
      { type: 'permanent-residence-decided', on: D0, grant: true, issuedOn: addDays(D0, -1) },
      IMMIGRATION,
      D0,
    );
    expect(documented).toMatchObject({
      stage: 'PERMANENT_RESIDENCE',
      outcome: 'PERMANENT_RESIDENCE',
      flags: { identityProofMissing: false },
    });
    expect(documented.document).toMatchObject({ type: 'B_CARD', issuedOn: addDays(D0, -1), validUntil: null });
  });

  it('rejects events dated in the future or before the case was opened', () => {
    const s = caseIn('REFLECTION');
    expect(whyEventRejected(s, { type: 'voluntary-return', on: addDays(D0, 1) }, CENTRE, D0)).toMatchObject({
      code: 'date-in-future',
      message: expect.stringMatching(/future/),
    });
    expect(whyEventRejected(s, { type: 'voluntary-return', on: addDays(D0, -1) }, CENTRE, D0)).toMatchObject({
      code: 'date-before-opening',
      message: expect.stringMatching(/before the case was opened/),
    });
  });
});
