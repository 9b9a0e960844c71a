import { countFact, daysFrom } from '../statistics/facts';
import type { IsoDate } from '../calendar';
import { addPeriod } from '../calendar';
import { POLICY } from '../policy';
import type { HistoryDetail, PermanentResidenceBasis } from '../schemas/case';
import type { CaseEvent, ConvictionOffence, StatusQueryAnswer, WithdrawalGround } from '../schemas/events';
import { centreOf, IMMIGRATION_OFFICE, queueNotice } from './outbox';
import { isPositive } from './rules';
import type { EarlierRules } from './earlier-rules';
import { historyEntry, type Actor, type CaseState, type WithdrawalReview } from './state';
import {
  close,
  closeNotRenewed,
  closeQuery,
  enterStage,
  followNewExpiry,
  grantPermanentResidence,
  hadWholeWindow,
  proceedingsLastedLong,
  sendQuery,
  startDocumentCycle,
} from './transitions';

/** A reported ground opens the review, or joins the one that is open: the decision covers them all (PROCEDURE.md). */
function reportGround(
  s: CaseState,
  ground: WithdrawalGround,
  on: IsoDate,
  actor: Actor,
  today: IsoDate,
  finding?: 'fraudulent' | 'unfounded',
): void {
  const reported = { ground, reportedOn: on, by: actor.role, reporterId: actor.id, ...(finding ? { finding } : {}) };
  // The review deadline runs from the day the service records the ground (PROCEDURE.md "Dates and clocks").
  if (s.review) s.review.grounds.push(reported);
  else s.review = { grounds: [reported], decideBy: addPeriod(today, POLICY.withdrawalReview.decideWithin) };
  // The history length tells apart two reports of the same ground on the same day.
  queueNotice(s, 'withdrawal-review-opened', `${ground}/${on}/${s.history.length}`, [IMMIGRATION_OFFICE], {
    due: s.review.decideBy,
    facts: { ground },
  });
}

/** Stage 3: the A-card from the day the case enters it [003 §5.2]; a kept eligibility opens its review that day. */
function identify(s: CaseState, today: IsoDate): void {
  s.identificationPending = false;
  enterStage(s, 'IDENTIFIED_VICTIM', 'A_CARD', today);
  const kept = s.keptEligibility;
  s.keptEligibility = null;
  if (kept) openPermanentResidenceReview(s, kept.basis, kept.on, today);
}

/** The offence a conviction names; the older `underTraffickingLaw` meant trafficking or another law (CONTRACT.md). */
const convictionOffence = (e: Extract<CaseEvent, { type: 'conviction' }>): ConvictionOffence =>
  e.offence ?? (e.underTraffickingLaw ? 'trafficking' : 'other');

/**
 * A conviction under the law on trafficking in and smuggling of human beings, for trafficking or aggravated
 * smuggling, or that offence retained in the charges with significant statements, make an identified victim eligible.
 */
function eligibility(event: CaseEvent, opts: EarlierRules): PermanentResidenceBasis | null {
  if (event.type === 'conviction' && convictionOffence(event) !== 'other')
    return event.appealed ? 'conviction-under-appeal' : 'conviction';
  // The code before reviews asked nothing of the statements.
  if (event.type === 'trafficking-retained-in-charges' && (event.statementsSignificant || opts.grantOnEligibility))
    return 'retained-charges';
  return null;
}

/** Decision (PROCEDURE.md stage 4): eligibility opens a review by the Immigration Office; the 6-month cycle goes on meanwhile. */
function openPermanentResidenceReview(s: CaseState, basis: PermanentResidenceBasis, on: IsoDate, today: IsoDate): void {
  s.eligibleSince ??= on;
  if (s.permanentResidenceReview) return;
  const decideBy = addPeriod(today, POLICY.permanentResidence.decideWithin);
  s.permanentResidenceReview = { basis, eligibleOn: on, decideBy };
  queueNotice(s, 'permanent-residence-review-opened', decideBy, [IMMIGRATION_OFFICE], {
    due: decideBy,
    facts: { detail: basis },
  });
  queueNotice(s, 'permanent-residence-eligible', decideBy, [centreOf(s)], { due: decideBy, facts: { detail: basis } });
}

/** A withdrawal on fraud keeps the prosecutor's finding, so an unfounded complaint is never called fraud (PROCEDURE.md). */
function withdrawalDetail(review: WithdrawalReview | null, ground: WithdrawalGround | undefined): string | null {
  if (ground !== 'fraud-established') return ground ?? null;
  return review?.grounds.find((g) => g.ground === ground)?.finding ?? ground;
}

/**
 * The proceedings ended with the conviction (or charges) that made the victim eligible: the case stays open
 * while the Immigration Office decides, the A-card is not renewed, and once refused the ordinary rules end the
 * case `NOT_RENEWED` at the expiry (PROCEDURE.md stage 4).
 */
function endProceedingsAfterConviction(s: CaseState, on: IsoDate): void {
  s.proceedingsEndedOn ??= on;
  s.decision = 'negative';
  queueNotice(s, 'proceedings-ended-after-conviction', on, [IMMIGRATION_OFFICE, centreOf(s)], {
    due: s.document?.validUntil ?? undefined,
  });
}

/** What a decision decided, for the history. */
function decisionOf(event: CaseEvent): HistoryDetail | undefined {
  if (event.type === 'withdrawal-decided') return event.withdraw ? 'withdrawn' : 'not-withdrawn';
  if (event.type === 'permanent-residence-decided') return event.grant ? 'granted' : 'refused';
  return undefined;
}

/** Applies an event that `whyEventRejected` accepted. */
export function applyEvent(
  s: CaseState,
  event: CaseEvent,
  actor: Actor,
  today: IsoDate,
  opts: EarlierRules = {},
): void {
  s.history.push(historyEntry(event.on, event.type, actor, decisionOf(event)));
  s.revision += 1;
  switch (event.type) {
    case 'complaint-filed':
      s.complaint = { on: event.on, kind: event.kind, prosecutorOffice: event.prosecutorOffice };
      countFact(s, event.on, { kind: 'complaint', daysSinceOpening: daysFrom(s.openedOn, event.on) });
      if (event.prosecutorFile) s.references.prosecutorFile = event.prosecutorFile;
      // Decision: the 3-month document runs from the day the complaint is recorded, not from its own date.
      enterStage(s, 'TEMPORARY_RESIDENCE', 'ATTESTATION_OF_IMMATRICULATION', today);
      // Decision: the query goes out as stage 2 starts (never later than a month before expiry).
      sendQuery(s, today);
      return;
    case 'document-issued': {
      const expiredBefore = s.expiredAwaitingDecision;
      // The dates printed on the document replace the computed ones; every timer follows.
      s.documentReported = true;
      if (event.immigrationOfficeFile) s.references.immigrationOfficeFile = event.immigrationOfficeFile;
      s.document = {
        type: event.document,
        issuedOn: event.issuedOn,
        validUntil: s.stage === 'PERMANENT_RESIDENCE' ? null : event.validUntil,
        renewals: s.document?.renewals ?? 0,
        datesRecorded: true,
      };
      // Once per document and renewal: the same document reported again (corrected dates) counts once.
      countFact(
        s,
        event.issuedOn,
        { kind: 'document-issued', document: event.document },
        `${event.document}/${s.document.renewals}`,
      );
      // A new document after one expired without the whole window: the Immigration Office decided to go on.
      if (expiredBefore && event.validUntil > expiredBefore) startDocumentCycle(s);
      followNewExpiry(s, today, opts);
      return;
    }
    case 'temporary-residence-renewed':
      if (s.document?.validUntil) {
        s.document.validUntil = addPeriod(s.document.validUntil, POLICY.temporaryResidence.validity);
        s.document.renewals += 1;
      }
      startDocumentCycle(s);
      sendQuery(s, today);
      return;
    case 'contact-with-exploiters':
    case 'support-declined':
    case 'cooperation-ended':
    case 'public-order-threat':
      reportGround(s, event.type, event.on, actor, today);
      return;
    case 'fraud-established':
      reportGround(s, event.type, event.on, actor, today, event.finding);
      return;
    case 'withdrawal-decided': {
      const pending = s.identificationPending;
      const review = s.review;
      s.review = null;
      s.identificationPending = false;
      if (event.withdraw) close(s, 'WITHDRAWN', withdrawalDetail(review, event.ground), event.on);
      // A withdrawal closes the case, which its own notice tells; a review that ends without one told nobody.
      else {
        const reported = review?.grounds.find((g) => g.by === 'centre');
        if (!opts.before29 && reported)
          queueNotice(s, 'no-withdrawal', `${event.on}/${s.history.length}`, [centreOf(s)], {
            facts: { ground: reported.ground },
          });
      }
      // PROCEDURE.md "status query": a decision not to withdraw lets the waiting positive answer take effect.
      if (!event.withdraw && pending && s.stage === 'TEMPORARY_RESIDENCE') identify(s, today);
      return;
    }
    case 'identity-documented':
      s.identityDocumented = true;
      s.flags.identityProofMissing = false;
      return;
    case 'conviction':
    case 'trafficking-retained-in-charges': {
      // A first-instance conviction suffices, even under appeal [000]; another law without trafficking retained gives nothing.
      const basis = eligibility(event, opts);
      if (!basis) return;
      if (opts.grantOnEligibility)
        grantPermanentResidence(s, basis === 'retained-charges' ? 'trafficking-retained-in-charges' : basis, today);
      // Kept while a positive answer waits for the withdrawal review: stage 3 opens its review (PROCEDURE.md stage 4).
      else if (s.stage === 'TEMPORARY_RESIDENCE') s.keptEligibility ??= { basis, on: event.on };
      else openPermanentResidenceReview(s, basis, event.on, today);
      return;
    }
    case 'permanent-residence-decided': {
      const review = s.permanentResidenceReview;
      s.permanentResidenceReview = null;
      if (event.grant) {
        grantPermanentResidence(s, review?.basis ?? 'conviction', event.issuedOn ?? event.on);
        return;
      }
      queueNotice(s, 'permanent-residence-refused', `${event.on}/${s.history.length}`, [centreOf(s)], {
        facts: { detail: event.reason ?? 'other' },
      });
      // The ordinary rules again: an A-card that expired while the decision was open ends the case that day.
      const expired = s.expiredAwaitingDecision;
      if (expired && hadWholeWindow(s, expired)) closeNotRenewed(s, event.on);
      return;
    }
    case 'not-renewed':
      closeNotRenewed(s, event.on);
      return;
    case 'proceedings-ended':
      if (s.eligibleSince && !opts.before25) return endProceedingsAfterConviction(s, event.on);
      s.flags.humanitarianCandidate = proceedingsLastedLong(s, event.on);
      close(s, 'PROCEEDINGS_ENDED', event.reason, event.on);
      return;
    case 'age-determined':
      // Recorded as of today: a guardianship found over ends on the day the service learns of it (PROCEDURE.md).
      s.ageDetermination = event.adult
        ? { recordedOn: today, adult: true }
        : { recordedOn: today, dateOfBirth: event.dateOfBirth };
      return;
    case 'voluntary-return':
      close(s, 'VOLUNTARY_RETURN', null, event.on);
      return;
    case 'opened-in-error':
      close(s, 'OPENED_IN_ERROR', null, event.on);
      return;
    case 'other-status-granted':
      close(s, 'OTHER_STATUS', event.status, event.on);
      return;
  }
}

/** Applies a prosecutor's answer that `whyAnswerRejected` accepted. */
export function applyAnswer(s: CaseState, answer: StatusQueryAnswer, actor: Actor, today: IsoDate): void {
  s.history.push(historyEntry(today, 'status-query-answered', actor, isPositive(answer) ? 'positive' : 'negative'));
  s.revision += 1;
  const query = s.query;
  if (query)
    countFact(
      s,
      today,
      {
        kind: 'query-answered',
        office: query.office,
        courtOfAppeal: query.courtOfAppeal,
        daysToAnswer: daysFrom(query.sentOn, today),
        // In time: before the office's own deadline, not the Principal Crown Prosecutor's after an escalation.
        inTime: !query.escalatedTo && today <= query.replyBy,
      },
      `${query.queryId}/answered`,
    );
  closeQuery(s, 'answered', today);
  if (!isPositive(answer)) {
    // Any "no": no renewal (but the one renewal of the 3-month document stays possible); the case ends at expiry.
    s.decision = 'negative';
    if (!answer.proceedingsOngoing) s.proceedingsEndedOn ??= today;
    queueNotice(s, 'negative-answer', query?.queryId ?? 'none', [IMMIGRATION_OFFICE, centreOf(s)], {
      due: s.document?.validUntil ?? undefined,
      facts: { queryId: query?.queryId ?? '' },
    });
    return;
  }
  if (s.stage === 'TEMPORARY_RESIDENCE') {
    if (!s.review) return identify(s, today);
    // No threat to public order and severed ties are conditions of the A-card: the review decides first.
    s.identificationPending = true;
    queueNotice(s, 'identification-awaits-review', query?.queryId ?? 'none', [IMMIGRATION_OFFICE], {
      due: s.review.decideBy,
      facts: { queryId: query?.queryId ?? '' },
    });
    return;
  }
  // Stage 3: renewed by 6 months until the proceedings end [003 §5.2].
  if (s.document?.validUntil) {
    s.document.validUntil = addPeriod(s.document.validUntil, POLICY.identifiedVictim.validity);
    s.document.renewals += 1;
    // A new card to issue: its printed dates come from the Immigration Office.
    s.document.datesRecorded = false;
    startDocumentCycle(s);
    queueNotice(s, 'document-to-issue', `A_CARD/renewal-${s.document.renewals}`, [IMMIGRATION_OFFICE], {
      facts: { documentType: 'A_CARD', renewal: String(s.document.renewals) },
    });
  }
}
