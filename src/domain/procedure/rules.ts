import type { IsoDate } from '../calendar';
import type { Role } from '../codes';
import type { Stage } from '../schemas/case';
import type { CaseEvent, CaseEventType, DocumentType, StatusQueryAnswer, WithdrawalGround } from '../schemas/events';
import type { Actor, CaseState } from './state';

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
  'proceedings-ended': ['prosecutor'],
  'voluntary-return': ['centre'],
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
  conviction: AFTER_COMPLAINT,
  'trafficking-retained-in-charges': AFTER_COMPLAINT,
  'proceedings-ended': AFTER_COMPLAINT,
  'voluntary-return': TEMPORARY,
  'other-status-granted': TEMPORARY,
};

const STAGE_WORDS: Record<Stage, string> = {
  REFLECTION: 'the reflection period',
  TEMPORARY_RESIDENCE: 'temporary residence',
  IDENTIFIED_VICTIM: 'the 6-month permit stage',
  PERMANENT_RESIDENCE: 'permanent residence',
  CLOSED: 'a closed case',
};

function stageReason(s: CaseState, type: CaseEventType): string {
  if (s.stage === 'CLOSED') return `the case is closed (${s.outcome ?? 'no outcome'}); no event applies any more`;
  if (s.stage === 'PERMANENT_RESIDENCE' && s.outcome) return `permanent residence was granted; '${type}' no longer applies`;
  const where = EVENT_STAGES[type].map((st) => STAGE_WORDS[st]).join(', ');
  if (type === 'complaint-filed') return 'a complaint or statement is already on file for this case';
  return `'${type}' applies in ${where} only; the case is in ${STAGE_WORDS[s.stage]}`;
}

/** Why an event cannot be recorded now, or null when it applies. */
export function whyEventRejected(s: CaseState, event: CaseEvent, actor: Actor, today: IsoDate): string | null {
  if (!EVENT_ROLES[event.type].includes(actor.role)) return `a ${actor.role} may not report '${event.type}'`;
  if (event.on > today) return `the date ${event.on} is in the future`;
  if (event.on < s.openedOn) return `the date ${event.on} is before the case was opened (${s.openedOn})`;
  if (!EVENT_STAGES[event.type].includes(s.stage) || (s.outcome !== null && event.type !== 'identity-documented')) {
    return stageReason(s, event.type);
  }
  switch (event.type) {
    case 'document-issued':
      if (!STAGE_DOCUMENTS[s.stage].includes(event.document)) {
        return `a ${event.document} is not the document of ${STAGE_WORDS[s.stage]} (expected ${STAGE_DOCUMENTS[s.stage].join(' or ')})`;
      }
      if (event.validUntil < event.issuedOn) return 'validUntil is before issuedOn';
      if (event.issuedOn > today) return `the issue date ${event.issuedOn} is in the future`;
      return null;
    case 'temporary-residence-renewed':
      return (s.document?.renewals ?? 0) >= 1 ? 'the 3-month document has already had its one renewal' : null;
    case 'contact-with-exploiters':
    case 'support-declined':
    case 'cooperation-ended':
    case 'fraud-established':
    case 'public-order-threat':
      return s.review ? `a withdrawal review is already open (ground: ${s.review.ground}); decide it first` : null;
    case 'withdrawal-decided':
      if (s.review) return s.review.ground === event.ground ? null : `the open review concerns '${s.review.ground}', not '${event.ground}'`;
      if (!event.withdraw) return 'no withdrawal review is open';
      return GROUND_STAGES[event.ground].includes(s.stage) ? null : `'${event.ground}' is no ground for withdrawal in ${STAGE_WORDS[s.stage]}`;
    case 'other-status-granted':
      return event.status === 'durable-solution-minor' && !s.unaccompaniedMinor
        ? 'the durable-solution procedure is for unaccompanied minors only'
        : null;
    case 'identity-documented':
      return s.identityDocumented ? 'identity is already documented' : null;
    default:
      return null;
  }
}

/** Why an answer to query `queryId` from `actor` cannot be applied now, or null. */
export function whyAnswerRejected(s: CaseState, queryId: string, actor: Actor): string | null {
  if (actor.role !== 'prosecutor') return `a ${actor.role} may not answer a status query`;
  const past = s.closedQueries[queryId];
  if (past) return past === 'answered' ? `query ${queryId} has already been answered` : `query ${queryId} is closed`;
  const q = s.query;
  if (!q || q.queryId !== queryId) return `no open query ${queryId} on this case`;
  if (actor.office !== q.office && actor.office !== q.escalatedTo) return `query ${queryId} is not addressed to office ${actor.office ?? '?'}`;
  return null;
}

/** Yes to both questions, with cooperation and severed ties: the conditions of stage 3 [003 §5.2]. */
export const isPositive = (a: StatusQueryAnswer): boolean =>
  a.consideredVictim && a.proceedingsOngoing && a.cooperating && a.tiesSevered;
