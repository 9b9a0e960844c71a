import type { IsoDate } from '../calendar';
import { addPeriod, minDate, subtractPeriod } from '../calendar';
import { DISTRICT_COURT_OF_APPEAL } from '../codes';
import { POLICY } from '../policy';
import type { Outcome } from '../schemas/case';
import type { DocumentType } from '../schemas/events';
import { centreAndGuardian, centreOf, IMMIGRATION_OFFICE, notify } from './notify';
import type { CaseState } from './state';

/** Moves to a stage with its document, and tells the Immigration Office to issue it. */
export function enterStage(s: CaseState, stage: 'TEMPORARY_RESIDENCE' | 'IDENTIFIED_VICTIM', type: DocumentType, from: IsoDate): void {
  const validity = stage === 'TEMPORARY_RESIDENCE' ? POLICY.temporaryResidence.validity : POLICY.identifiedVictim.validity;
  s.stage = stage;
  s.document = { type, issuedOn: from, validUntil: addPeriod(from, validity), renewals: 0 };
  s.decision = null;
  notify(s, 'stage-changed', stage, centreAndGuardian(s), { facts: { stage } });
  notify(s, 'document-to-issue', type, [IMMIGRATION_OFFICE], { facts: { documentType: type, stage } });
}

/** Ends the case with an outcome; open queries and reviews close with it. */
export function close(s: CaseState, outcome: Outcome, detail: string | null, today: IsoDate): void {
  closeQuery(s, 'closed');
  s.review = null;
  s.outcome = outcome;
  s.outcomeDetail = detail;
  if (outcome === 'PERMANENT_RESIDENCE') {
    s.stage = 'PERMANENT_RESIDENCE';
    s.document = { type: 'B_CARD', issuedOn: today, validUntil: null, renewals: 0 };
    // Decision (PROCEDURE.md "Identity"): granted without proof, but the item stays open.
    s.flags.identityProofMissing = !s.identityDocumented;
    notify(s, 'permanent-residence-granted', 'granted', [...centreAndGuardian(s), IMMIGRATION_OFFICE], {
      facts: { identityProofMissing: s.flags.identityProofMissing },
    });
    return;
  }
  s.stage = 'CLOSED';
  notify(s, 'case-closed', outcome, [...centreAndGuardian(s), IMMIGRATION_OFFICE], {
    facts: { outcome, ...(detail ? { detail } : {}), humanitarianCandidate: s.flags.humanitarianCandidate },
  });
}

export function closeQuery(s: CaseState, why: 'answered' | 'closed'): void {
  if (s.query) s.closedQueries[s.query.queryId] = why;
  s.query = null;
}

/**
 * The status query [002 §8.2]: sent now, answered within the reply window but
 * never later than a week before the document expires.
 */
export function sendQuery(s: CaseState, today: IsoDate): void {
  const office = s.complaint?.prosecutorOffice;
  const validUntil = s.document?.validUntil;
  if (!office || !validUntil) return;
  closeQuery(s, 'closed');
  s.queriesSent += 1;
  const queryId = `${s.caseId}-q${s.queriesSent}`;
  const latest = subtractPeriod(validUntil, POLICY.statusQuery.replyNoLaterThanBeforeExpiry);
  const replyBy = [minDate(addPeriod(today, POLICY.statusQuery.replyWithin), latest), today].sort().at(-1) as IsoDate;
  s.query = {
    queryId,
    office,
    courtOfAppeal: DISTRICT_COURT_OF_APPEAL[office],
    sentOn: today,
    replyBy,
    escalatedTo: null,
    escalatedOn: null,
    documentValidUntil: validUntil,
  };
  if (!s.queriedOffices.includes(office)) s.queriedOffices.push(office);
  notify(s, 'status-query', queryId, [{ role: 'prosecutor', office }], {
    due: replyBy,
    facts: { queryId, documentValidUntil: validUntil },
  });
}

/** No reply in time: the same query goes to the Principal Crown Prosecutor [002 §8.2]. */
export function escalateQuery(s: CaseState, today: IsoDate): void {
  const q = s.query;
  if (!q || q.escalatedTo) return;
  q.escalatedTo = q.courtOfAppeal;
  q.escalatedOn = today;
  q.replyBy = addPeriod(today, POLICY.statusQuery.escalationReplyWithin);
  if (!s.queriedOffices.includes(q.courtOfAppeal)) s.queriedOffices.push(q.courtOfAppeal);
  notify(s, 'status-query-escalated', q.queryId, [{ role: 'principal-crown-prosecutor', courtOfAppeal: q.courtOfAppeal }], {
    due: q.replyBy,
    facts: { queryId: q.queryId, office: q.office, documentValidUntil: q.documentValidUntil },
  });
}

/** Still no reply after escalation: the document will expire without a decision. */
export function alertExpiryWithoutDecision(s: CaseState): void {
  const q = s.query;
  if (!q) return;
  notify(s, 'expiry-without-decision', q.queryId, [IMMIGRATION_OFFICE, centreOf(s)], {
    due: q.documentValidUntil,
    facts: { queryId: q.queryId, renewalAvailable: s.stage === 'TEMPORARY_RESIDENCE' && (s.document?.renewals ?? 0) === 0 },
  });
}
