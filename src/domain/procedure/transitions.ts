import { countFact, daysFrom } from '../statistics/facts';
import { addPeriod, minDate, subtractPeriod, type IsoDate, type Period } from '../calendar';
import { courtOfAppealOf } from '../codes';
import { POLICY } from '../policy';
import type { Outcome } from '../schemas/case';
import type { DocumentType } from '../schemas/events';
import type { Recipient } from '../notices';
import { centreOf, IMMIGRATION_OFFICE, queueNotice } from './outbox';
import type { EarlierRules } from './earlier-rules';
import type { CaseState, OpenQuery } from './state';

/** Moves to a stage with its document, and tells the Immigration Office to issue it. */
export function enterStage(
  s: CaseState,
  stage: 'TEMPORARY_RESIDENCE' | 'IDENTIFIED_VICTIM',
  type: DocumentType,
  from: IsoDate,
): void {
  const validity =
    stage === 'TEMPORARY_RESIDENCE' ? POLICY.temporaryResidence.validity : POLICY.identifiedVictim.validity;
  s.stage = stage;
  s.document = { type, issuedOn: from, validUntil: addPeriod(from, validity), renewals: 0, datesRecorded: false };
  if (stage === 'IDENTIFIED_VICTIM' && s.complaint)
    countFact(s, from, { kind: 'identified', daysSinceComplaint: daysFrom(s.complaint.on, from) });
  startDocumentCycle(s);
  queueNotice(s, 'stage-changed', stage, [centreOf(s)], { facts: { stage } });
  queueNotice(s, 'document-to-issue', type, [IMMIGRATION_OFFICE], { facts: { documentType: type, stage } });
}

/** A new or renewed document: no decision on it yet, no query about it yet. */
export function startDocumentCycle(s: CaseState): void {
  s.decision = null;
  s.querySentForDocument = null;
  s.expiredAwaitingDecision = null;
}

/** Ends the case with an outcome on day `on`; open queries and reviews close with it. */
export function close(
  s: CaseState,
  outcome: Exclude<Outcome, 'PERMANENT_RESIDENCE'>,
  detail: string | null,
  on: IsoDate,
): void {
  endReviews(s, on);
  s.outcome = outcome;
  countFact(s, on, { kind: 'outcome', outcome });
  s.outcomeDetail = detail;
  s.stage = 'CLOSED';
  if (outcome === 'OPENED_IN_ERROR') {
    // Decision: whoever was told of the opening (the Immigration Office) is told of the cancellation, and only they.
    queueNotice(s, 'opened-in-error', 'cancelled', [IMMIGRATION_OFFICE]);
    return;
  }
  queueNotice(s, 'case-closed', outcome, [centreOf(s), IMMIGRATION_OFFICE], {
    facts: { outcome, ...(detail ? { detail } : {}), humanitarianCandidate: s.flags.humanitarianCandidate },
  });
}

/** More than two years of proceedings may open humanitarian residence [003 §5.2]; counted from the complaint. */
export function proceedingsLastedLong(s: CaseState, end: IsoDate): boolean {
  return !!s.complaint && end > addPeriod(s.complaint.on, { years: POLICY.humanitarianAfterYears });
}

/**
 * The humanitarian flag of a case that ends not renewed on day `on` (PROCEDURE.md "humanitarian flag"): after a
 * "not in progress" answer, by the proceedings' length; with no answer about the expiring document, by the time
 * since the complaint (the prosecutor's silence may hide proceedings that stopped).
 */
function flagHumanitarianOnNonRenewal(s: CaseState, on: IsoDate): void {
  if (s.decision === null) s.flags.humanitarianCandidate = proceedingsLastedLong(s, on);
  else if (s.proceedingsEndedOn) s.flags.humanitarianCandidate = proceedingsLastedLong(s, s.proceedingsEndedOn);
}

/** The document is not renewed: the case ends `NOT_RENEWED` on day `on`. */
export function closeNotRenewed(s: CaseState, on: IsoDate): void {
  flagHumanitarianOnNonRenewal(s, on);
  close(s, 'NOT_RENEWED', s.decision === 'negative' ? 'negative-answer' : 'no-decision', on);
}

/**
 * Whether the prosecutor had the whole window before the expiry `due` (PROCEDURE.md): a negative answer, or a
 * query about this document counted from at least one month before the expiry in force.
 */
export function hadWholeWindow(s: CaseState, due: IsoDate): boolean {
  const sent = s.querySentForDocument;
  return (
    s.decision === 'negative' || (sent !== null && sent <= subtractPeriod(due, POLICY.statusQuery.latestBeforeExpiry))
  );
}

/** The Immigration Office granted the B-card (stage 4): the case ends, unless identity proof is still owed. */
export function grantPermanentResidence(s: CaseState, basis: string, issuedOn: IsoDate): void {
  endReviews(s, issuedOn);
  s.outcome = 'PERMANENT_RESIDENCE';
  s.outcomeDetail = basis;
  s.stage = 'PERMANENT_RESIDENCE';
  s.document = { type: 'B_CARD', issuedOn, validUntil: null, renewals: 0, datesRecorded: true };
  countFact(s, issuedOn, { kind: 'outcome', outcome: 'PERMANENT_RESIDENCE' });
  countFact(s, issuedOn, { kind: 'document-issued', document: 'B_CARD' }, 'B_CARD/0');
  // Decision (PROCEDURE.md "Identity"): granted without proof, but the item stays open.
  s.flags.identityProofMissing = !s.identityDocumented;
  queueNotice(s, 'permanent-residence-granted', 'granted', [centreOf(s), IMMIGRATION_OFFICE], {
    due: issuedOn,
    facts: { identityProofMissing: s.flags.identityProofMissing },
  });
}

function endReviews(s: CaseState, today: IsoDate): void {
  closeQuery(s, 'closed', today);
  s.review = null;
  s.identificationPending = false;
  s.permanentResidenceReview = null;
  s.keptEligibility = null;
  s.late = null;
}

/** Closes the open query; `today` is when (a query closed unanswered counts as such in the statistics). */
export function closeQuery(s: CaseState, why: 'answered' | 'closed', today: IsoDate): void {
  const q = s.query;
  if (q) {
    s.closedQueries[q.queryId] = why;
    if (why === 'closed')
      countFact(s, today, { kind: 'query-unanswered', ...queryOffices(q) }, `${q.queryId}/unanswered`);
  }
  s.query = null;
}

const queryOffices = (q: OpenQuery) => ({ office: q.office, courtOfAppeal: q.courtOfAppeal });

const latest = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

/** A deadline set for an office (PROCEDURE.md): max(from + atLeast, min(from + within, expiry − beforeExpiry)). */
function boundedDeadline(
  from: IsoDate,
  expiry: IsoDate,
  b: { within: Period; atLeast: Period; beforeExpiry: Period },
): IsoDate {
  return latest(addPeriod(from, b.atLeast), minDate(addPeriod(from, b.within), subtractPeriod(expiry, b.beforeExpiry)));
}

const Q = POLICY.statusQuery;

/** Reply deadline: max(sent + 2 days, min(sent + 14 days, expiry − 7 days)). */
export const replyDeadline = (sentOn: IsoDate, expiry: IsoDate): IsoDate =>
  boundedDeadline(sentOn, expiry, {
    within: Q.replyWithin,
    atLeast: Q.replyAtLeast,
    beforeExpiry: Q.replyNoLaterThanBeforeExpiry,
  });

/** Escalation deadline: max(escalated + 2 days, min(escalated + 7 days, expiry − 1 day)). */
export const escalationDeadline = (escalatedOn: IsoDate, expiry: IsoDate): IsoDate =>
  boundedDeadline(escalatedOn, expiry, {
    within: Q.escalationReplyWithin,
    atLeast: Q.escalationAtLeast,
    beforeExpiry: Q.escalationNoLaterThanBeforeExpiry,
  });

/** An answer that cannot be due before the expiry (dates reported late, a late import): the Immigration Office is told at once. */
function warnIfDueAfterExpiry(s: CaseState, q: OpenQuery): void {
  if (q.replyBy < q.documentValidUntil) return;
  queueNotice(
    s,
    'answer-not-due-before-expiry',
    `${q.queryId}/${q.escalatedTo ? 'escalated' : 'sent'}/${q.replyBy}/${q.documentValidUntil}`,
    [IMMIGRATION_OFFICE],
    {
      due: q.documentValidUntil,
      facts: { queryId: q.queryId, documentValidUntil: q.documentValidUntil },
    },
  );
}

/**
 * The status query [002 §8.2]: sent now, answered within the reply window but
 * never later than a week before the document expires.
 */
export function sendQuery(s: CaseState, today: IsoDate): void {
  const office = s.complaint?.prosecutorOffice;
  const validUntil = s.document?.validUntil;
  if (!office || !validUntil) return;
  closeQuery(s, 'closed', today);
  s.queriesSent += 1;
  const queryId = `${s.caseId}-q${s.queriesSent}`;
  const q: OpenQuery = {
    queryId,
    office,
    courtOfAppeal: courtOfAppealOf(office),
    sentOn: today,
    replyBy: replyDeadline(today, validUntil),
    escalatedTo: null,
    escalatedOn: null,
    documentValidUntil: validUntil,
  };
  s.query = q;
  countFact(s, today, { kind: 'query-sent', ...queryOffices(q) }, `${queryId}/sent`);
  s.querySentForDocument = today;
  if (!s.queriedOffices.includes(office)) s.queriedOffices.push(office);
  announceQuery(s, q, queryId);
  warnIfDueAfterExpiry(s, q);
}

/** Who must answer the query now: the office queried, or once escalated its Principal Crown Prosecutor. */
export function answererOf(q: OpenQuery): Recipient {
  // The file keeps its office's language at the court of appeal (PROCEDURE.md "Languages": Eupen at Liège).
  return q.escalatedTo
    ? { role: 'principal-crown-prosecutor', courtOfAppeal: q.escalatedTo, office: q.office }
    : { role: 'prosecutor', office: q.office };
}

/** The query's notice to whoever it is addressed to now; `discriminator` tells a re-announcement (an import) from the first. */
export function announceQuery(s: CaseState, q: OpenQuery, discriminator: string): void {
  if (q.escalatedTo) {
    queueNotice(s, 'status-query-escalated', discriminator, [answererOf(q)], {
      due: q.replyBy,
      facts: { queryId: q.queryId, office: q.office, documentValidUntil: q.documentValidUntil },
    });
    return;
  }
  queueNotice(s, 'status-query', discriminator, [answererOf(q)], {
    due: q.replyBy,
    facts: { queryId: q.queryId, documentValidUntil: q.documentValidUntil },
  });
}

/** No reply in time: the same query goes to the Principal Crown Prosecutor [002 §8.2]. */
export function escalateQuery(s: CaseState, today: IsoDate): void {
  const q = s.query;
  if (!q || q.escalatedTo) return;
  q.escalatedTo = q.courtOfAppeal;
  q.escalatedOn = today;
  countFact(s, today, { kind: 'query-escalated', ...queryOffices(q) }, `${q.queryId}/escalated`);
  q.replyBy = escalationDeadline(today, q.documentValidUntil);
  if (!s.queriedOffices.includes(q.courtOfAppeal)) s.queriedOffices.push(q.courtOfAppeal);
  announceQuery(s, q, q.queryId);
  warnIfDueAfterExpiry(s, q);
}

/**
 * New printed dates while a query is open: its deadlines follow the new expiry, never before two days after
 * `today`, the day they are computed again (PROCEDURE.md "status query").
 */
export function followNewExpiry(s: CaseState, today: IsoDate, rules: EarlierRules): void {
  const q = s.query;
  const validUntil = s.document?.validUntil;
  if (!q || !validUntil || validUntil === q.documentValidUntil) return;
  q.documentValidUntil = validUntil;
  const formula = q.escalatedOn ? escalationDeadline(q.escalatedOn, validUntil) : replyDeadline(q.sentOn, validUntil);
  const earliest = addPeriod(today, q.escalatedOn ? Q.escalationAtLeast : Q.replyAtLeast);
  q.replyBy = rules.before25 ? formula : latest(formula, earliest);
  warnIfDueAfterExpiry(s, q);
}

/**
 * A query still open when its case is imported counts as sent (or escalated) on the import day: its deadline and
 * the prosecutor's window run from that day; `sentOn` keeps the original date (PROCEDURE.md "status query").
 */
export function countQueryFromImport(s: CaseState, importedOn: IsoDate): void {
  const q = s.query;
  if (!q) return;
  q.replyBy = q.escalatedTo
    ? escalationDeadline(importedOn, q.documentValidUntil)
    : replyDeadline(importedOn, q.documentValidUntil);
  s.querySentForDocument = importedOn;
  warnIfDueAfterExpiry(s, q);
}

/** Still no reply after escalation: the document will expire without a decision. */
export function alertExpiryWithoutDecision(s: CaseState): void {
  const q = s.query;
  if (!q) return;
  // Per reply deadline: an imported query whose deadline was counted again alerts again when it passes.
  queueNotice(s, 'expiry-without-decision', `${q.queryId}/${q.replyBy}`, [IMMIGRATION_OFFICE, centreOf(s)], {
    due: q.documentValidUntil,
    facts: {
      queryId: q.queryId,
      renewalAvailable:
        s.stage === 'TEMPORARY_RESIDENCE' && (s.document?.renewals ?? 0) < POLICY.temporaryResidence.maxRenewals,
    },
  });
}
