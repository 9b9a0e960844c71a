import type { IsoDate } from '../calendar';
import type { Role } from '../codes';
import { POLICY } from '../policy';
import { refuse, type Refusal } from '../refusals';
import type { Stage } from '../schemas/case';
import type { CaseEvent, CaseEventType, DocumentType, StatusQueryAnswer, WithdrawalGround } from '../schemas/events';
import { stageOneDocument, type Actor, type CaseState } from './state';

/** Who may send each event (CONTRACT.md "Events"). */
export const EVENT_ROLES: Record<CaseEventType, readonly Role[]> = {
  'complaint-filed': ['centre'],
  'document-issued': ['immigration-office'],
  'temporary-residence-renewed': ['immigration-office'],
  'contact-with-exploiters': ['centre', 'prosecutor'],
  'support-declined': ['centre'],
  'cooperation-ended': ['prosecutor'],
  'fraud-established': ['prosecutor'],
  'public-order-threat': ['immigration-office'],
  'withdrawal-decided': ['immigration-office'],
  'identity-documented': ['centre', 'immigration-office'],
  conviction: ['prosecutor'],
  'trafficking-retained-in-charges': ['prosecutor'],
  'permanent-residence-decided': ['immigration-office'],
  'not-renewed': ['immigration-office'],
  'proceedings-ended': ['prosecutor'],
  'voluntary-return': ['centre'],
  'opened-in-error': ['centre'],
  'age-determined': ['centre', 'immigration-office'],
  'other-status-granted': ['immigration-office'],
};

const TEMPORARY: readonly Stage[] = ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM'];
const AFTER_COMPLAINT: readonly Stage[] = ['TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM'];

/**
 * Where each withdrawal ground applies: temporary documents (stages 1-2) on
 * renewed contact or a threat to public order; the 6-month permit also on
 * ended cooperation or fraud [001; 004 ¶12]. Decision: declining the mandatory
 * support breaks a basic condition [000, 001] and is treated as a ground in every stage.
 */
export const GROUND_STAGES: Record<WithdrawalGround, readonly Stage[]> = {
  'contact-with-exploiters': TEMPORARY,
  'public-order-threat': TEMPORARY,
  'support-declined': TEMPORARY,
  'cooperation-ended': ['IDENTIFIED_VICTIM'],
  'fraud-established': ['IDENTIFIED_VICTIM'],
};

const STAGE_DOCUMENTS: Record<Stage, readonly DocumentType[]> = {
  REFLECTION: ['ORDER_TO_LEAVE_45_DAYS', 'ANNEX_15', 'MINOR_TEMPORARY_RESIDENCE'],
  TEMPORARY_RESIDENCE: ['ATTESTATION_OF_IMMATRICULATION'],
  IDENTIFIED_VICTIM: ['A_CARD'],
  PERMANENT_RESIDENCE: ['B_CARD'],
  CLOSED: [],
};

/** The documents a case's stage issues: in stage 1, the one of its opening date and track (a form offers only these). */
export function documentsOfStage(
  s: Pick<CaseState, 'stage' | 'openedOn' | 'unaccompaniedMinor'>,
): readonly DocumentType[] {
  return s.stage === 'REFLECTION'
    ? [stageOneDocument(s.openedOn, s.unaccompaniedMinor).type]
    : STAGE_DOCUMENTS[s.stage];
}

/** Stages in which each event applies; the ground events follow GROUND_STAGES. */
const EVENT_STAGES: Record<CaseEventType, readonly Stage[]> = {
  'complaint-filed': ['REFLECTION'],
  'document-issued': ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM', 'PERMANENT_RESIDENCE'],
  'temporary-residence-renewed': ['TEMPORARY_RESIDENCE'],
  'contact-with-exploiters': GROUND_STAGES['contact-with-exploiters'],
  'support-declined': GROUND_STAGES['support-declined'],
  'cooperation-ended': GROUND_STAGES['cooperation-ended'],
  'fraud-established': GROUND_STAGES['fraud-established'],
  'public-order-threat': GROUND_STAGES['public-order-threat'],
  'withdrawal-decided': TEMPORARY,
  'identity-documented': ['REFLECTION', 'TEMPORARY_RESIDENCE', 'IDENTIFIED_VICTIM', 'PERMANENT_RESIDENCE'],
  // Stage 3 only: only an identified victim can become eligible [003 §4.2]; stage 2 gets its own reason below.
  conviction: ['IDENTIFIED_VICTIM'],
  'trafficking-retained-in-charges': ['IDENTIFIED_VICTIM'],
  'permanent-residence-decided': ['IDENTIFIED_VICTIM'],
  'not-renewed': AFTER_COMPLAINT,
  'proceedings-ended': AFTER_COMPLAINT,
  'voluntary-return': TEMPORARY,
  'opened-in-error': ['REFLECTION'],
  'age-determined': TEMPORARY,
  'other-status-granted': TEMPORARY,
};

const ELIGIBILITY_EVENTS: readonly CaseEventType[] = ['conviction', 'trafficking-retained-in-charges'];

/** Whether an event applies in the case's stage: an eligibility is also kept while a positive answer waits for the review. */
const appliesInStage = (s: CaseState, type: CaseEventType): boolean =>
  EVENT_STAGES[type].includes(s.stage) ||
  (ELIGIBILITY_EVENTS.includes(type) && s.stage === 'TEMPORARY_RESIDENCE' && s.identificationPending);

function stageRefusal(s: CaseState, type: CaseEventType): Refusal {
  if (s.stage === 'CLOSED') return refuse('case-closed', { outcome: s.outcome ?? 'no outcome' });
  if (s.outcome === 'PERMANENT_RESIDENCE') return refuse('permanent-residence-granted', { event: type });
  if (type === 'complaint-filed') return refuse('complaint-already-filed');
  if (ELIGIBILITY_EVENTS.includes(type) && s.stage === 'TEMPORARY_RESIDENCE')
    return refuse('not-identified-yet', { event: type });
  return refuse('event-not-in-stage', {
    event: type,
    stage: s.stage,
    stages: EVENT_STAGES[type].join(','),
  });
}

function documentRefusal(
  s: CaseState,
  event: Extract<CaseEvent, { type: 'document-issued' }>,
  today: IsoDate,
): Refusal | null {
  if (!STAGE_DOCUMENTS[s.stage].includes(event.document)) {
    return refuse('document-not-of-stage', {
      document: event.document,
      stage: s.stage,
      expected: STAGE_DOCUMENTS[s.stage].join(','),
    });
  }
  if (s.stage === 'REFLECTION') {
    // PROCEDURE.md "the regime": the stage-1 document of the case's opening date and track.
    const expected = stageOneDocument(s.openedOn, s.unaccompaniedMinor).type;
    if (event.document !== expected) {
      return refuse('document-not-of-track', {
        document: event.document,
        expected,
        openedOn: s.openedOn,
        track: s.unaccompaniedMinor ? 'minor' : 'adult',
      });
    }
  }
  if (event.validUntil < event.issuedOn) return refuse('document-dates-inverted');
  if (event.issuedOn > today) return refuse('issue-date-in-future', { date: event.issuedOn });
  if (s.stage !== 'PERMANENT_RESIDENCE' && event.validUntil < today)
    return refuse('document-already-expired', { validUntil: event.validUntil });
  return null;
}

function groundRefusal(s: CaseState, ground: WithdrawalGround): Refusal | null {
  return s.review?.grounds.some((g) => g.ground === ground) ? refuse('ground-already-under-review', { ground }) : null;
}

function decisionRefusal(
  s: CaseState,
  event: Extract<CaseEvent, { type: 'withdrawal-decided' }>,
  actor: Actor,
): Refusal | null {
  const review = s.review;
  if (!review) return refuse('no-review-open');
  // Four eyes: the decider reported none of the grounds the decision covers.
  const own = review.grounds.find((g) => g.reporterId === actor.id);
  if (own) return refuse('four-eyes', { ground: own.ground });
  if (!event.withdraw) return null;
  if (!event.ground) return refuse('ground-required');
  if (!review.grounds.some((g) => g.ground === event.ground)) {
    return refuse('ground-not-under-review', {
      ground: event.ground,
      grounds: review.grounds.map((g) => `'${g.ground}'`).join(', '),
    });
  }
  return null;
}

/** Why an event cannot be recorded now, or null when it applies. */
export function whyEventRejected(s: CaseState, event: CaseEvent, actor: Actor, today: IsoDate): Refusal | null {
  if (!EVENT_ROLES[event.type].includes(actor.role))
    return refuse('role-not-allowed', { role: actor.role, event: event.type });
  if (event.on > today) return refuse('date-in-future', { date: event.on });
  if (event.on < s.openedOn) return refuse('date-before-opening', { date: event.on, openedOn: s.openedOn });
  if (!appliesInStage(s, event.type) || (s.outcome !== null && event.type !== 'identity-documented')) {
    return stageRefusal(s, event.type);
  }
  switch (event.type) {
    case 'complaint-filed': {
      // PROCEDURE.md "opening and the complaint": dated within the reflection period.
      const ends = s.document?.validUntil;
      return ends && event.on > ends
        ? refuse('complaint-after-reflection', { date: event.on, reflectionEnds: ends })
        : null;
    }
    case 'document-issued':
      return documentRefusal(s, event, today);
    case 'temporary-residence-renewed':
      return (s.document?.renewals ?? 0) >= POLICY.temporaryResidence.maxRenewals ? refuse('renewal-used') : null;
    case 'contact-with-exploiters':
    case 'support-declined':
    case 'cooperation-ended':
    case 'fraud-established':
    case 'public-order-threat':
      return groundRefusal(s, event.type);
    case 'withdrawal-decided':
      return decisionRefusal(s, event, actor);
    case 'permanent-residence-decided':
      if (!s.permanentResidenceReview) return refuse('no-permanent-residence-review');
      return !event.grant && !event.reason ? refuse('refusal-reason-required') : null;
    case 'not-renewed': {
      const validUntil = s.document?.validUntil;
      return validUntil && validUntil >= today ? refuse('document-still-valid', { validUntil }) : null;
    }
    case 'opened-in-error':
      if (actor.centre !== s.centre) return refuse('not-opening-centre');
      return s.documentReported ? refuse('document-already-reported') : null;
    case 'other-status-granted':
      return event.status === 'durable-solution-minor' && !s.unaccompaniedMinor
        ? refuse('durable-solution-adults')
        : null;
    case 'identity-documented':
      return s.identityDocumented ? refuse('identity-already-documented') : null;
    case 'age-determined':
      if (!s.unaccompaniedMinor) return refuse('age-determination-adults');
      return event.dateOfBirth && event.dateOfBirth > event.on
        ? refuse('birth-after-determination', { dateOfBirth: event.dateOfBirth, date: event.on })
        : null;
    default:
      return null;
  }
}

/** Why an answer to query `queryId` from `actor` cannot be applied now, or null. */
export function whyAnswerRejected(s: CaseState, queryId: string, actor: Actor): Refusal | null {
  if (actor.role !== 'prosecutor') return refuse('answer-role', { role: actor.role });
  const past = s.closedQueries[queryId];
  if (past) return refuse(past === 'answered' ? 'query-answered' : 'query-closed', { queryId });
  const q = s.query;
  if (!q || q.queryId !== queryId) return refuse('no-such-query', { queryId });
  if (actor.office !== q.office && actor.office !== q.escalatedTo)
    return refuse('query-not-addressed', { queryId, office: actor.office ?? '?' });
  return null;
}

/** Yes to both questions, with cooperation and severed ties: the conditions of stage 3 [003 §5.2]. */
export const isPositive = (a: StatusQueryAnswer): boolean =>
  a.consideredVictim && a.proceedingsOngoing && a.cooperating && a.tiesSevered;

/** The events a role may report in a stage: what a form offers (the Update still checks each against the case). */
export function eventsOpenTo(role: Role, stage: Stage): CaseEventType[] {
  return (Object.keys(EVENT_ROLES) as CaseEventType[]).filter(
    (type) => EVENT_ROLES[type].includes(role) && EVENT_STAGES[type].includes(stage),
  );
}
